// Acceptance of issue 14 §1: an agent's deploy into a protected environment is decided on its effect — a saved
// plan, or a dry-run of the real tool on PATH (here stand-ins that print the tools' documented output).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGate } from '../../src/app/gate.js';
import { createLocalProbes } from '../../src/app/probes.js';
import {
  createStandIns,
  KUBECTL_DIFF_PRUNE,
  KUBECTL_DIFF_UPDATE,
  terraformScript,
  type StandIns,
} from './stand-ins.js';

const PLANS = join(import.meta.dirname, '..', 'plans');
const CONFIG = `people:
  - { id: jo, level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ['services/payments/**'] }
  - { id: checkout, tier: 1, owner: shop, paths: ['services/checkout/**'], dependsOn: [payments] }
environments:
  prod: { protected: true, match: { kubeContext: ['prod-*'], terraformWorkspace: ['prod'] } }
  dev: { protected: false, match: { kubeContext: ['kind-*'], terraformWorkspace: ['dev'] } }
gate: { effectTimeoutSeconds: 2 }
`;

let dir: string;
let tools: StandIns;
let progress: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bw-deploy-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, '.terraform'));
  writeFileSync(join(dir, 'blastwall.yaml'), CONFIG);
  tools = createStandIns();
  progress = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  tools.remove();
});

function workspace(name: string): void {
  writeFileSync(join(dir, '.terraform', 'environment'), name);
}

function kubeContext(name: string): void {
  writeFileSync(join(dir, 'kubeconfig'), `apiVersion: v1\nkind: Config\ncurrent-context: ${name}\n`);
}

async function decide(command: string) {
  const env = { HOME: dir, PATH: `${tools.bin}:/usr/bin:/bin`, KUBECONFIG: join(dir, 'kubeconfig') };
  const gate = await createGate({
    cwd: dir,
    env,
    probes: createLocalProbes({ env, progress: (line) => progress.push(line) }),
  });
  return gate.decideCommand({ command, agent: 'claude-code' });
}

describe('terraform apply into the prod workspace', () => {
  it('is held when no terraform is available', async () => {
    workspace('prod');
    const decision = await decide('terraform apply -auto-approve');
    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toMatch(/agent-deploy-protected.*terraform is not installed/);
  });

  it('is held naming the database when the plan replaces it', async () => {
    workspace('prod');
    tools.tool('terraform', terraformScript(join(PLANS, 'tf-replace-db.json')));
    const decision = await decide('terraform apply -auto-approve -var-file=prod.tfvars');
    expect(decision.decision).not.toBe('allow');
    expect(decision.reasons.join('\n')).toContain('module.payments.aws_db_instance.main');
    // The real probe ran plan with the apply's variables, then read the plan back as JSON.
    const calls = tools.calls();
    expect(calls[0]).toMatch(
      /^terraform plan -input=false -lock=false -no-color -out=\S+ -var-file=prod\.tfvars$/,
    );
    expect(calls[1]).toMatch(/^terraform show -json -no-color \S+plan\.tfplan$/);
    expect(progress.join('\n')).toContain('terraform plan');
  });

  it('is allowed when the plan only changes tags and adds an alarm', async () => {
    workspace('prod');
    tools.tool('terraform', terraformScript(join(PLANS, 'tf-updates-only.json')));
    const decision = await decide('terraform apply -auto-approve');
    expect(decision.decision).toBe('allow');
    expect(decision.operations.map((op) => op.target)).toContain('module.checkout.aws_autoscaling_group.web');
  });

  it('reads a saved plan with terraform show -json and decides it as blastwall plan does', async () => {
    workspace('prod');
    tools.tool('terraform', terraformScript(join(PLANS, 'tf-replace-db.json')));
    const decision = await decide('terraform apply prod.tfplan');
    expect(decision.decision).not.toBe('allow');
    expect(decision.reasons.join('\n')).toMatch(/agent-no-delete-recreate.*aws_db_instance\.main/);
    expect(tools.calls()).toEqual([
      expect.stringMatching(/^terraform show -json -no-color \S+\/prod\.tfplan$/),
    ]);
  });

  it('is held when terraform plan does not answer within the budget', async () => {
    workspace('prod');
    tools.tool('terraform', 'sleep 30');
    const started = performance.now();
    const decision = await decide('terraform apply -auto-approve');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toMatch(/did not answer within 2\.0 s/);
  });

  it('is allowed in dev without asking terraform anything', async () => {
    workspace('dev');
    tools.tool('terraform', terraformScript(join(PLANS, 'tf-replace-db.json')));
    const decision = await decide('terraform apply -auto-approve');
    expect(decision.decision).toBe('allow');
    expect(tools.calls()).toEqual([]);
  });
});

describe('kubectl and helm into a prod cluster', () => {
  it('kubectl apply is allowed when kubectl diff shows only updates and creates', async () => {
    kubeContext('prod-eu');
    tools.tool('kubectl', `cat <<'DIFF'\n${KUBECTL_DIFF_UPDATE}DIFF\nexit 1`);
    const decision = await decide('kubectl apply -f k8s/ --server-side');
    expect(decision.decision).toBe('allow');
    expect(tools.calls()).toEqual(['kubectl diff -f k8s/ --server-side']);
    expect(decision.operations.map((op) => op.target)).toEqual(
      expect.arrayContaining(['Deployment/shop/web', 'Service/shop/web-internal']),
    );
  });

  it('kubectl apply --prune is held naming the volume claim the diff deletes', async () => {
    kubeContext('prod-eu');
    tools.tool('kubectl', `cat <<'DIFF'\n${KUBECTL_DIFF_PRUNE}DIFF\nexit 1`);
    const decision = await decide('kubectl apply -f k8s/ --prune -l app=shop');
    expect(decision.decision).not.toBe('allow');
    expect(decision.reasons.join('\n')).toContain('PersistentVolumeClaim/shop/orders-data');
  });

  it('a variable on the line cannot make the dry-run run something else', async () => {
    kubeContext('prod-eu');
    tools.tool(
      'kubectl',
      `echo "KUBECTL_EXTERNAL_DIFF=$KUBECTL_EXTERNAL_DIFF TF_CLI_ARGS=$TF_CLI_ARGS" >&2; exit 2`,
    );
    const decision = await decide(
      `KUBECTL_EXTERNAL_DIFF='touch ${dir}/owned' TF_CLI_ARGS=x kubectl apply -f k8s/`,
    );
    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toContain('KUBECTL_EXTERNAL_DIFF= TF_CLI_ARGS=');
  });

  it('kubectl apply is held when kubectl diff fails', async () => {
    kubeContext('prod-eu');
    tools.tool('kubectl', 'echo "error: You must be logged in to the server (Unauthorized)" >&2; exit 2');
    const decision = await decide('kubectl apply -f k8s/');
    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toContain('Unauthorized');
  });

  it('helm upgrade is held without the helm-diff plugin and decided on its diff with it', async () => {
    kubeContext('prod-eu');
    tools.tool('helm', 'echo "Error: unknown command \\"diff\\" for \\"helm\\"" >&2; exit 1');
    const without = await decide('helm upgrade web charts/web -n shop');
    expect(without.decision).toBe('needs-approval');
    expect(without.reasons.join('\n')).toContain('helm diff plugin is not installed');

    tools.tool(
      'helm',
      `[ "$2" = version ] && { echo 3.9.11; exit 0; }\necho "shop, web, Deployment (apps) has changed:"\necho "-  replicas: 2"\necho "+  replicas: 3"`,
    );
    const withDiff = await decide('helm upgrade web charts/web -n shop');
    expect(withDiff.decision).toBe('allow');
    expect(tools.calls()).toContain('helm diff upgrade web charts/web --no-color -n shop');
  });

  it('pulumi up is decided on pulumi preview --json', async () => {
    const preview = (op: string) =>
      JSON.stringify({
        steps: [
          { op: 'same', urn: 'urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod' },
          ...(op === 'replace'
            ? ['create-replacement', 'replace', 'delete-replaced'].map((o) => ({
                op: o,
                urn: 'urn:pulumi:prod::shop::aws:rds/instance:Instance::orders-db',
              }))
            : [{ op: 'update', urn: 'urn:pulumi:prod::shop::aws:ec2/instance:Instance::web' }]),
        ],
        changeSummary: {},
      });
    tools.tool('pulumi', `cat <<'JSON'\n${preview('replace')}\nJSON`);
    const replaced = await decide('pulumi up --stack prod --yes');
    expect(replaced.decision).not.toBe('allow');
    expect(replaced.reasons.join('\n')).toContain('aws:rds/instance:Instance::orders-db');
    expect(tools.calls()).toEqual(['pulumi preview --json --non-interactive --stack prod']);
    tools.tool('pulumi', `cat <<'JSON'\n${preview('update')}\nJSON`);
    expect((await decide('pulumi up --stack prod --yes')).decision).toBe('allow');
  });

  it('a deploy whose effect no dry-run can tell is held in prod (argocd app sync)', async () => {
    const decision = await decide('argocd app sync shop-prod');
    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toMatch(/a deploy whose effect is not known/);
  });
});

describe('through the Claude Code hook process', () => {
  it('runs the dry-run inside the hook and answers from its effect', () => {
    const root = join(import.meta.dirname, '..', '..');
    if (!existsSync(join(root, 'dist', 'main.js')))
      throw new Error('dist/main.js is missing: run `npm run build` before the hook process tests');
    workspace('prod');
    tools.tool('terraform', terraformScript(join(PLANS, 'tf-replace-db.json')));
    const hook = (): { code: number | null; stdout: string; stderr: string } => {
      const result = spawnSync(process.execPath, [join(root, 'bin', 'blastwall.js'), 'hook', 'claude-code'], {
        cwd: dir,
        encoding: 'utf8',
        input: JSON.stringify({
          session_id: 's',
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command: 'terraform apply -auto-approve' },
          cwd: dir,
        }),
        env: {
          HOME: dir,
          PATH: `${tools.bin}:/usr/bin:/bin`,
          KUBECONFIG: join(dir, 'kubeconfig'),
          BLASTWALL_HOOK_DAEMON: '0',
          BLASTWALL_CACHE: 'off',
        },
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const replaced = hook();
    expect(replaced.stdout + replaced.stderr).toContain('aws_db_instance.main');
    expect(replaced.stdout).toMatch(/"permissionDecision":\s*"(deny|ask)"/);
    expect(replaced.stderr).toContain('terraform plan');

    tools.tool('terraform', terraformScript(join(PLANS, 'tf-updates-only.json')));
    const tagsOnly = hook();
    expect(tagsOnly.code).toBe(0);
    expect(tagsOnly.stdout).not.toMatch(/"permissionDecision":\s*"(deny|ask)"/);
  });
});
