import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the built CLI (npx tsc -p tsconfig.build.json first) on the fixture plans in this folder.
const HERE = import.meta.dirname;
const BIN = join(HERE, '..', '..', 'bin', 'blastwall.js');
let scratch = '';
let noKube = '';

function plan(args: string[], env: Record<string, string> = {}, input?: string) {
  const clean = { ...process.env, NO_COLOR: '1', KUBECONFIG: noKube, HOME: scratch } as Record<
    string,
    string | undefined
  >;
  delete clean.TF_WORKSPACE;
  delete clean.BLASTWALL_ON_BEHALF_OF;
  const result = spawnSync(
    process.execPath,
    [BIN, 'plan', ...args, '--config', join(HERE, 'blastwall.yaml')],
    { cwd: HERE, encoding: 'utf8', input, env: { ...clean, ...env } },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[], env: Record<string, string> = {}, input?: string) {
  const result = plan([...args, '--json'], env, input);
  return { ...result, decision: JSON.parse(result.stdout) };
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'bw-plan-'));
  noKube = join(scratch, 'no-kubeconfig');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('blastwall plan (process)', () => {
  it('denies replacing the production database in workspace prod, with blast radius and reasons', () => {
    const { code, decision } = json(['tf-replace-db.json', '--agent', 'claude-code'], {
      TF_WORKSPACE: 'prod',
    });

    expect(code).toBe(1);
    expect(decision).toMatchObject({
      decision: 'deny',
      agent: 'claude-code',
      plan: { format: 'terraform', resources: 4, services: ['payments'] },
    });
    expect(decision.operations[0]).toMatchObject({
      kind: 'replace',
      destructive: true,
      reversible: false,
      target: 'module.payments.aws_db_instance.main',
      environment: { id: 'prod', protected: true, matchedBy: 'terraform workspace "prod"' },
    });
    expect(decision.reasons.join('\n')).toMatch(
      /\[agent-no-irreversible-prod\].*replace_because_cannot_update/,
    );
    expect(decision.reasons.join('\n')).toMatch(/\[agent-no-delete-recreate\]/);
    expect(decision.blastRadius.services.map((s: { id: string }) => s.id)).toEqual(['payments', 'checkout']);
  });

  it('finds the workspace in .terraform/environment beside the plan', () => {
    const dir = join(scratch, 'infra');
    mkdirSync(join(dir, '.terraform'), { recursive: true });
    writeFileSync(join(dir, '.terraform', 'environment'), 'dev\n');
    writeFileSync(join(dir, 'plan.json'), readFileSync(join(HERE, 'tf-replace-db.json')));

    const { code, decision } = json([join(dir, 'plan.json')]);

    // Workspace dev outweighs the Environment=prod tag only because the workspace is the stronger hint; dev is unprotected,
    // so only the replacement policy holds it.
    expect(code).toBe(3);
    expect(decision.operations[0].environment).toMatchObject({ id: 'dev', protected: false });
    expect(decision.reasons.map((r: string) => r.slice(0, r.indexOf(']') + 1))).toEqual([
      '[agent-no-delete-recreate]',
    ]);
  });

  it('allows a plan of updates and creates in prod', () => {
    const { code, decision } = json(['tf-updates-only.json']);

    expect(code).toBe(0);
    expect(decision.decision).toBe('allow');
    expect(
      decision.operations.map((op: { kind: string; environment: { id: string } }) => [
        op.kind,
        op.environment.id,
      ]),
    ).toEqual([
      ['write', 'prod'],
      ['write', 'prod'],
    ]);
  });

  it('warns that --prune means nothing for a Terraform plan', () => {
    const { code, decision } = json(['tf-updates-only.json', '--prune']);

    expect(code).toBe(0);
    expect(decision.warnings).toContain('--prune applies to Kubernetes manifests only; ignored');
  });

  it.each([
    ['prod (from var.environment): a bucket goes, so it is denied', {}, 1, 'deny'],
    ['dev workspace: unprotected, allowed', { TF_WORKSPACE: 'dev' }, 0, 'allow'],
  ])('decides a -destroy plan in %s', (_, env, exit, outcome) => {
    const { code, decision } = json(['tf-destroy.json'], env as Record<string, string>);

    expect(code).toBe(exit);
    expect(decision.decision).toBe(outcome);
    expect(decision.operations).toHaveLength(4);
  });

  it('denies a change set that replaces an RDS instance and names the stack', () => {
    const { code, decision } = json(['cfn-replace-rds.json']);

    expect(code).toBe(1);
    expect(decision.command).toMatch(/cloudformation, stack payments-prod, region us-east-1/);
    expect(
      decision.operations.map((op: { target: string; kind: string; reversible: boolean }) => [
        op.target,
        op.kind,
        op.reversible,
      ]),
    ).toEqual([
      ['payments-prod/PaymentsDatabase', 'replace', false],
      ['payments-prod/WebInstance', 'replace', true],
      ['payments-prod/SettlementFunction', 'write', true],
    ]);
  });

  it.each([
    ['without --prune, manifests are writes', [], {}, 0],
    ['with --prune against a prod context, held', ['--prune'], { KUBECONFIG: 'KUBE_PROD' }, 3],
    ['with --prune and no kube context, held (unknown is protected)', ['--prune'], {}, 3],
    ['with --prune in a stated dev environment, allowed', ['--prune', '--environment', 'dev'], {}, 0],
  ])('decides Kubernetes manifests %s', (_, flags, env, exit) => {
    const kubeconfig = join(scratch, 'kubeconfig-prod');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\ncurrent-context: prod-eu\n');
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, v === 'KUBE_PROD' ? kubeconfig : v]),
    );

    const { code, decision } = json(['k8s-shop.yaml', ...flags], resolved);

    expect(code).toBe(exit);
    expect(decision.operations.some((op: { target: string }) => op.target.endsWith('(prune)'))).toBe(
      flags.includes('--prune'),
    );
  });

  it('reads the plan from stdin with "-" and prints text by default', () => {
    const result = plan(
      ['-'],
      { TF_WORKSPACE: 'prod' },
      readFileSync(join(HERE, 'tf-replace-db.json'), 'utf8'),
    );

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^DENY {2}plan stdin \(terraform, workspace prod/);
    expect(result.stdout).toMatch(/blast radius: payments \(T1\), checkout \(T1\)/);
  });

  it.each([
    ['bad/not-yaml.txt', /bad\/not-yaml\.txt: not valid JSON or YAML \(line 1/],
    ['bad/truncated-json.txt', /bad\/truncated-json\.txt: not valid JSON/],
    ['bad/unknown.json', /bad\/unknown\.json: unknown plan format/],
    ['bad/tf-state-not-plan.json', /bad\/tf-state-not-plan\.json: Terraform JSON without resource_changes/],
    ['missing.json', /cannot read missing\.json: no such file/],
  ])('exits 2 for %s, names the problem, blocks, and prints no stack trace', (file, message) => {
    const text = plan([file]);
    const machine = json([file]);

    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(message);
    expect(text.stderr).toMatch(/the plan is blocked/);
    expect(text.stderr).not.toMatch(/\n\s+at /);
    expect(machine.code).toBe(2);
    expect(machine.decision).toMatchObject({ decision: 'deny', operations: [] });
  });

  it('exits 2 for an --environment the configuration does not have', () => {
    const result = plan(['k8s-shop.yaml', '--environment', 'prdo']);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--environment prdo is not an environment .*known: prod, staging, dev/);
  });
});
