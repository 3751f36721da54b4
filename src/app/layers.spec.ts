import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import type { Environment } from '../core/model.js';
import { createGate } from './gate.js';
import { layerDirs, loadLayeredPolicySources, mergeEnvironments, type EnvironmentLayer } from './layers.js';
import { defaultPolicySources } from './policies.js';

const ORG_FORBID = `@id("org-no-agent-deletes")
@reason("the organisation holds every delete an agent proposes")
@approvals("1")
forbid (principal is Agent, action == Action::"run", resource)
when { context.operation == "delete" };
`;
const REPO_PERMIT = `@id("repo-let-agents-delete")
@reason("a repository trying to loosen the organisation")
permit (principal is Agent, action == Action::"run", resource)
when { context.operation == "delete" };
`;

const RELAX = `@id("org-relax-two-person")
@reason("this organisation lets the person an agent acts for approve its held actions")
@relaxNotRequester("agent-destructive-needs-human")
permit (principal is Agent, action == Action::"run", resource)
when { false };
`;
const PROD = 'environments:\n  prod: { protected: true, match: { kubeContext: ["prod-*"] } }\n';
const SCALE_DOWN = 'kubectl --context prod-eu scale deployment shop --replicas=0';

let root: string;
let home: string;
let repo: string;
let env: Record<string, string>;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bw-layers-'));
  home = join(root, 'home');
  repo = join(root, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  env = { HOME: home, BLASTWALL_CACHE: 'off', KUBECONFIG: join(root, 'none') };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('layerDirs', () => {
  it('puts the organisation under the user folder unless BLASTWALL_ORG_DIR names one', () => {
    expect(layerDirs({ HOME: '/h' })).toEqual({
      organisation: '/h/.config/blastwall/org',
      user: '/h/.config/blastwall',
    });
    expect(layerDirs({ HOME: '/h', BLASTWALL_ORG_DIR: '/srv/org' }).organisation).toBe('/srv/org');
  });
});

describe('loadLayeredPolicySources', () => {
  it('reads defaults, organisation, user and repository policies, highest first', () => {
    write(join(home, '.config/blastwall/org/policies/org.cedar'), ORG_FORBID);
    write(
      join(home, '.config/blastwall/policies/mine.cedar'),
      ORG_FORBID.replaceAll('org-no-agent-deletes', 'user-rule'),
    );
    write(join(repo, 'policies/repo.cedar'), REPO_PERMIT);

    const files = loadLayeredPolicySources(repo, env).map((s) => s.file);

    const defaults = defaultPolicySources().length;
    expect(files.slice(defaults)).toEqual([
      join(home, '.config/blastwall/org/policies/org.cedar'),
      join(home, '.config/blastwall/policies/mine.cedar'),
      'policies/repo.cedar',
    ]);
  });

  it('skips a repository copy of the defaults (blastwall init)', () => {
    const [first] = defaultPolicySources();
    write(join(repo, 'policies/agents.cedar'), first?.text ?? '');

    expect(loadLayeredPolicySources(repo, env)).toHaveLength(defaultPolicySources().length);
  });

  it.each([
    [
      'a repository redefining an organisation policy',
      'repo',
      'org-no-agent-deletes',
      /already defined by the organisation layer/,
    ],
    [
      'a repository redefining a default',
      'repo',
      'agent-self-protection',
      /already defined by the defaults layer/,
    ],
    [
      'a user redefining an organisation policy',
      'user',
      'org-no-agent-deletes',
      /a user layer may add policies with new ids/,
    ],
  ])('rejects %s with a clear error', (_name, where, id, message) => {
    write(join(root, 'org/policies/org.cedar'), ORG_FORBID);
    const loosened = `@id("${id}")\n@reason("loosened")\nforbid (principal is Agent, action == Action::"run", resource) when { false };\n`;
    write(
      where === 'repo'
        ? join(repo, 'policies/mine.cedar')
        : join(home, '.config/blastwall/policies/mine.cedar'),
      loosened,
    );

    const load = () => loadLayeredPolicySources(repo, { ...env, BLASTWALL_ORG_DIR: join(root, 'org') });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });

  it('lets a repository permit not lift an organisation forbid (Cedar: forbid wins)', async () => {
    write(join(home, '.config/blastwall/org/policies/org.cedar'), ORG_FORBID);
    write(join(repo, 'policies/repo.cedar'), REPO_PERMIT);
    write(
      join(repo, 'blastwall.yaml'),
      'environments:\n  dev: { protected: false, match: { path: ["**"] } }\n',
    );
    const gate = await createGate({ cwd: repo, env });

    const decision = gate.evaluateCommand({ command: 'rm -rf src/old' });

    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toContain('[org-no-agent-deletes]');
  });

  it('without the organisation forbid the same delete in dev is allowed (the test above can fail)', async () => {
    write(join(repo, 'policies/repo.cedar'), REPO_PERMIT);
    write(
      join(repo, 'blastwall.yaml'),
      'environments:\n  dev: { protected: false, match: { path: ["**"] } }\n',
    );
    const gate = await createGate({ cwd: repo, env, restorePointsIn: join(root, 'data') });

    expect(gate.evaluateCommand({ command: 'rm -rf src/old' }).decision).toBe('allow');
  });
});

describe('the two-person rule (@notRequester)', () => {
  const notRequester = async () => {
    const gate = await createGate({ cwd: repo, env });
    const decision = gate.evaluateCommand({ command: SCALE_DOWN, onBehalfOf: 'sam' });
    return decision.requirements.find((r) => r.policy === 'agent-destructive-needs-human')?.satisfier
      ?.notRequester;
  };

  it('holds the default destructive prod action for someone other than the person the agent acts for', async () => {
    write(join(repo, 'blastwall.yaml'), PROD);

    expect(await notRequester()).toBe(true);
  });

  it('may be relaxed by the organisation layer', async () => {
    write(join(repo, 'blastwall.yaml'), PROD);
    write(join(home, '.config/blastwall/org/policies/relax.cedar'), RELAX);

    expect(await notRequester()).toBeUndefined();
  });

  it.each([
    ['the repository', 'repo/policies/relax.cedar'],
    ['the user', 'home/.config/blastwall/policies/relax.cedar'],
  ])('may not be relaxed by %s layer, which is a configuration error', async (_layer, file) => {
    write(join(repo, 'blastwall.yaml'), PROD);
    write(join(root, file), RELAX);

    await expect(createGate({ cwd: repo, env })).rejects.toThrow(/only the organisation layer may relax/);
  });
});

function layer(name: EnvironmentLayer['name'], environments: Environment[]): EnvironmentLayer {
  return { name, file: `${name}/blastwall.yaml`, environments };
}

describe('mergeEnvironments', () => {
  const prod: Environment = { id: 'prod', protected: true, match: { kubeContext: ['prod-*'] } };

  it('keeps an environment the organisation protects protected, and says so', () => {
    const merged = mergeEnvironments([
      layer('organisation', [prod]),
      layer('repository', [{ id: 'prod', protected: false, match: { kubeContext: ['kind-*'] } }]),
    ]);

    expect(merged.environments).toEqual([
      { id: 'prod', protected: true, match: { kubeContext: ['prod-*', 'kind-*'] } },
    ]);
    expect(merged.notes).toEqual([
      'the repository layer (repository/blastwall.yaml) marks environment "prod" unprotected, but the organisation layer (organisation/blastwall.yaml) protects it: it stays protected',
    ]);
  });

  it('lets a lower layer protect what a higher one left unprotected', () => {
    const merged = mergeEnvironments([
      layer('organisation', [{ id: 'staging', protected: false, match: {} }]),
      layer('repository', [{ id: 'staging', protected: true, match: { awsProfile: ['stg'] } }]),
    ]);

    expect(merged.environments).toEqual([{ id: 'staging', protected: true, match: { awsProfile: ['stg'] } }]);
    expect(merged.notes).toEqual([]);
  });

  it('adds environments of lower layers and puts protected ones first, so an overlap resolves protected', () => {
    const dev: Environment = { id: 'dev', protected: false, match: { kubeContext: ['*'] } };
    const merged = mergeEnvironments([layer('user', [dev]), layer('repository', [prod])]);

    expect(merged.environments.map((e) => e.id)).toEqual(['prod', 'dev']);
  });
});

describe('layered environments in the gate', () => {
  it('holds a delete in a context the organisation protects although the repository calls it unprotected', async () => {
    write(
      join(home, '.config/blastwall/org/blastwall.yaml'),
      'environments:\n  prod: { protected: true, match: { kubeContext: ["prod-*"] } }\n',
    );
    write(
      join(repo, 'blastwall.yaml'),
      'environments:\n  prod: { protected: false, match: { kubeContext: ["prod-*"] } }\n',
    );
    const gate = await createGate({ cwd: repo, env });

    const decision = gate.evaluateCommand({
      command: 'kubectl --context prod-eu scale deployment web --replicas=0',
    });

    expect(decision.decision).toBe('needs-approval');
    expect(gate.workspace.layerNotes[0]).toMatch(
      /marks environment "prod" unprotected, but the organisation layer .* protects it/,
    );
  });
});

describe('a configuration nested in another repository', () => {
  it('may add protection but never loosen the enclosing repository: its prod stays protected', async () => {
    write(join(repo, 'blastwall.yaml'), PROD);
    const nested = join(repo, 'sub');
    write(join(nested, 'blastwall.yaml'), 'environments:\n  prod: { protected: false }\n');
    const gate = await createGate({ cwd: nested, env });

    const decision = gate.evaluateCommand({ command: SCALE_DOWN, cwd: nested });

    expect(decision.decision).toBe('needs-approval');
    expect(gate.workspace.layerNotes.join('\n')).toMatch(
      /marks environment "prod" unprotected, but the enclosing repository layer .* protects it/,
    );
  });

  it('keeps what the nested file adds (the test above can fail: without the enclosing file it is allowed)', async () => {
    const nested = join(repo, 'sub');
    write(
      join(nested, 'blastwall.yaml'),
      'environments:\n  prod: { protected: false, match: { kubeContext: ["prod-*"] } }\n  staging: { protected: true, match: { kubeContext: ["staging-*"] } }\n',
    );
    const gate = await createGate({ cwd: nested, env });

    expect(gate.evaluateCommand({ command: SCALE_DOWN, cwd: nested }).decision).toBe('allow');
    const staging = 'kubectl --context staging-1 scale deployment shop --replicas=0';
    expect(gate.evaluateCommand({ command: staging, cwd: nested }).decision).toBe('needs-approval');
  });
});
