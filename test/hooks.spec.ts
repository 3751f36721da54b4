import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, cli, createServerRepo, createToken, startServe, type ServerProcess } from './server/harness.js';
import { parseHookArgs } from '../src/hook-main.js';
import { createScratchRepo } from '../src/adapters/git/scratch-repo.js';

// Runs the built `blastwall hook <agent>` process with each agent's real payload shape (npm test builds first).
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'blastwall.js');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface AgentCase {
  agent: string;
  payload(command: string, cwd: string): string;
  /** The agent would let the tool run. */
  allowed(result: Result): boolean;
  /** The agent would not run the tool (denied, held, or blocked by exit code). */
  blocked(result: Result): boolean;
}

function json(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function claudeDecision(result: Result): string | undefined {
  return (json(result.stdout)?.hookSpecificOutput as { permissionDecision?: string } | undefined)
    ?.permissionDecision;
}

const AGENTS: AgentCase[] = [
  {
    agent: 'claude-code',
    payload: (command, cwd) =>
      JSON.stringify({
        session_id: 's1',
        transcript_path: '/t.jsonl',
        cwd,
        permission_mode: 'default',
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command, description: 'd' },
        tool_use_id: 'toolu_1',
      }),
    allowed: (r) => r.status === 0 && r.stdout === '',
    blocked: (r) => r.status === 2 || (r.status === 0 && ['ask', 'deny'].includes(claudeDecision(r) ?? '')),
  },
  {
    agent: 'codex',
    payload: (command, cwd) =>
      JSON.stringify({
        session_id: 's1',
        turn_id: 't1',
        transcript_path: null,
        cwd,
        hook_event_name: 'PreToolUse',
        model: 'gpt-5',
        permission_mode: 'default',
        tool_name: 'Bash',
        tool_input: { command },
        tool_use_id: 'c1',
      }),
    allowed: (r) => r.status === 0 && r.stdout === '',
    blocked: (r) => r.status === 2 && r.stderr.length > 0,
  },
  {
    agent: 'gemini',
    payload: (command, cwd) =>
      JSON.stringify({
        session_id: 's1',
        transcript_path: '/t.json',
        cwd,
        hook_event_name: 'BeforeTool',
        timestamp: '2026-11-22T00:00:00Z',
        tool_name: 'run_shell_command',
        tool_input: { command },
      }),
    allowed: (r) => r.status === 0 && json(r.stdout)?.decision === undefined,
    blocked: (r) =>
      r.status === 2 || (r.status === 0 && ['ask', 'deny'].includes(String(json(r.stdout)?.decision))),
  },
  {
    agent: 'cursor',
    payload: (command, cwd) =>
      JSON.stringify({
        conversation_id: 'c1',
        generation_id: 'g1',
        hook_event_name: 'beforeShellExecution',
        workspace_roots: [cwd],
        command,
        cwd,
      }),
    allowed: (r) => r.status === 0 && json(r.stdout)?.permission === 'allow',
    blocked: (r) => ['ask', 'deny'].includes(String(json(r.stdout)?.permission)),
  },
  {
    agent: 'copilot',
    payload: (command, cwd) =>
      JSON.stringify({
        timestamp: 1704614600000,
        cwd,
        toolName: 'bash',
        toolArgs: JSON.stringify({ command, description: 'd' }),
      }),
    allowed: (r) => r.status === 0 && r.stdout === '',
    blocked: (r) => json(r.stdout)?.permissionDecision === 'deny',
  },
  {
    agent: 'kiro',
    payload: (command, cwd) =>
      JSON.stringify({
        hook_event_name: 'preToolUse',
        cwd,
        tool_name: 'execute_bash',
        tool_input: { command },
      }),
    allowed: (r) => r.status === 0,
    blocked: (r) => r.status === 2 && r.stderr.length > 0,
  },
];

let repo: string;

function runHook(agent: string, stdin: string, env: Record<string, string> = {}): Result {
  const result = spawnSync(process.execPath, [BIN, 'hook', agent], {
    cwd: repo,
    input: stdin,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: repo, ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'main.js')))
    throw new Error('dist/main.js is missing: run `npm run build` before the hook process tests');
  repo = mkdtempSync(path.join(tmpdir(), 'blastwall-hooks-'));
  spawnSync('git', ['init', '-q', repo]);
  writeFileSync(
    path.join(repo, 'blastwall.yaml'),
    [
      'people:',
      '  - { id: jo,  level: junior, emails: [jo@example.com] }',
      '  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }',
      'services:',
      '  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }',
      'environments:',
      '  prod: { protected: true, match: { kubeContext: ["prod-*"], awsProfile: ["prod*"], terraformWorkspace: ["prod"] } }',
      '  dev:  { protected: false, match: { kubeContext: ["kind-*", "dev-*"], awsProfile: ["dev*"] } }',
      '',
    ].join('\n'),
  );
});

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe.each(AGENTS)('blastwall hook $agent (real process)', (agentCase) => {
  it('lets an everyday command run', () => {
    const result = runHook(agentCase.agent, agentCase.payload('git status', repo));
    expect(agentCase.allowed(result), JSON.stringify(result)).toBe(true);
  });

  it('stops a destructive command in production', () => {
    const result = runHook(
      agentCase.agent,
      agentCase.payload('kubectl --context prod-eu delete namespace payments', repo),
    );
    expect(agentCase.blocked(result), JSON.stringify(result)).toBe(true);
    expect(result.stdout + result.stderr).toMatch(/payments/);
  });

  it.each([
    ['malformed JSON', '{"tool_name": "Bash", '],
    ['empty stdin', ''],
  ])('blocks on %s', (_name, stdin) => {
    const result = runHook(agentCase.agent, stdin);
    expect(agentCase.blocked(result), JSON.stringify(result)).toBe(true);
    expect(agentCase.allowed(result)).toBe(false);
  });

  it('blocks when the configuration is invalid', () => {
    const bad = path.join(repo, 'broken.yaml');
    writeFileSync(bad, 'people: [\n');
    const result = spawnSync(process.execPath, [BIN, 'hook', agentCase.agent, '--config', bad], {
      cwd: repo,
      input: agentCase.payload('git status', repo),
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: repo },
    });
    const outcome = { status: result.status, stdout: result.stdout, stderr: result.stderr };
    expect(agentCase.blocked(outcome), JSON.stringify(outcome)).toBe(true);
  });
});

describe('blastwall hook claude-code: non-shell tools (real process)', () => {
  const tool = (name: string, input: Record<string, unknown>) =>
    JSON.stringify({
      session_id: 's1',
      cwd: repo,
      hook_event_name: 'PreToolUse',
      tool_name: name,
      tool_input: input,
    });

  it('holds a write to its own hook settings for a person (self-protection)', () => {
    const result = runHook(
      'claude-code',
      tool('Write', { file_path: path.join(repo, '.claude', 'settings.json'), content: '{}' }),
    );
    expect(result.status).toBe(0);
    expect(claudeDecision(result), result.stdout).toBe('ask');
  });

  it('lets an ordinary workspace edit through without a word', () => {
    const result = runHook(
      'claude-code',
      tool('Edit', { file_path: path.join(repo, 'src', 'a.ts'), old_string: 'a', new_string: 'b' }),
    );
    expect(result).toMatchObject({ status: 0, stdout: '' });
  });

  it('stops a destructive MCP tool call', () => {
    const result = runHook('claude-code', tool('mcp__db__drop_table', { table: 'users' }));
    expect(['ask', 'deny']).toContain(claudeDecision(result));
  });
});

describe('blastwall hook: start-up path', () => {
  const bundle = path.join(ROOT, 'dist', 'hook', 'hook.cjs');

  it.each([
    [['hook', 'claude-code'], { agent: 'claude-code' }],
    [
      ['hook', 'codex', '--config', 'a.yaml', '--on-behalf-of', 'sam'],
      { agent: 'codex', config: 'a.yaml', onBehalfOf: 'sam' },
    ],
    [['hook', '--config=b.yaml', 'kiro'], { agent: 'kiro', config: 'b.yaml' }],
    [['hook', 'claude-code', '--help'], undefined],
    [['hook', 'claude-code', '--config'], undefined],
    [['hook', 'claude-code', '--bogus'], undefined],
    [['hook', 'claude-code', 'extra'], undefined],
    [['hook'], undefined],
    [['gate', 'claude-code'], undefined],
  ])('reads %j without commander as %j (anything else goes to the full CLI)', (argv, expected) => {
    expect(parseHookArgs(argv)).toEqual(expected);
  });

  it('runs from the one-file bundle, keeps V8 code cache, and ignores a damaged one', () => {
    if (
      !existsSync(bundle) ||
      statSync(bundle).mtimeMs < statSync(path.join(ROOT, 'dist', 'main.js')).mtimeMs
    )
      throw new Error('dist/hook/hook.cjs is missing or older than dist/: run `npm run build`');
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'blastwall-code-cache-'));
    const run = () =>
      runHook('claude-code', AGENTS[0]!.payload('git reflog expire --expire=now --all', repo), {
        NODE_DEBUG: 'blastwall',
        BLASTWALL_CACHE_DIR: cacheDir,
        // The in-process path is what keeps the code cache (a daemon would answer the second run).
        BLASTWALL_HOOK_DAEMON: '0',
      });
    try {
      const first = run();
      const second = run();
      const [cacheFile] = readdirSync(cacheDir).filter((name) => name.startsWith('hook-code-'));
      writeFileSync(path.join(cacheDir, cacheFile!), 'not V8 code'.repeat(1000));
      const damaged = run();
      const repaired = run();

      expect(first.stderr).toContain('hook bundle, code cache miss');
      expect(second.stderr).toContain('hook bundle, code cache hit');
      expect(damaged.stderr).toContain('hook bundle, code cache miss');
      expect(repaired.stderr).toContain('hook bundle, code cache hit');
      for (const result of [first, second, damaged, repaired])
        expect(claudeDecision(result), result.stderr).toBe('deny');
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('decides a push check from the hook bundle, without loading the probes bundle', () => {
    // A push of an AI-assisted change to the default branch: the gate runs the change check, in the hook bundle.
    const pushRepo = createScratchRepo('blastwall-hook-push-');
    const remote = mkdtempSync(path.join(tmpdir(), 'blastwall-hook-push-remote-'));
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'blastwall-code-cache-'));
    try {
      spawnSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
      pushRepo.commit('initial', {
        'blastwall.yaml':
          'people:\n  - { id: jo, level: junior, emails: [jo@example.com] }\nservices:\n  - { id: api, tier: 1, owner: api, paths: ["api/**"] }\n',
        'api/a.ts': 'export const a = 1;\n',
      });
      pushRepo.git('remote', 'add', 'origin', remote);
      pushRepo.git('push', '-q', 'origin', 'main');
      const run = () =>
        runHook('claude-code', AGENTS[0]!.payload('git push origin main', pushRepo.dir), {
          HOME: pushRepo.dir,
          NODE_DEBUG: 'blastwall',
          BLASTWALL_CACHE_DIR: cacheDir,
          BLASTWALL_HOOK_DAEMON: '0',
        });
      // Nothing to land yet: the check's own log of the range says so, and the push goes.
      const nothing = run();
      pushRepo.commit(
        'change\n\nCo-authored-by: Claude <noreply@anthropic.com>\n',
        { 'api/a.ts': 'export const a = 2;\n' },
        { name: 'Jo', email: 'jo@example.com' },
      );
      const first = run();
      const second = run();

      expect(AGENTS[0]!.allowed(nothing), nothing.stderr).toBe(true);
      for (const result of [first, second]) {
        expect(claudeDecision(result), result.stderr).toBe('ask');
        expect(result.stdout).toContain('change check');
        expect(result.stderr).not.toContain('probes bundle');
      }
      expect(second.stderr).toContain('hook bundle, code cache hit');
    } finally {
      pushRepo.remove();
      rmSync(remote, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('compiles the probes bundle of an identity lookup with its own code cache, never a stale one', () => {
    const probes = path.join(ROOT, 'dist', 'hook', 'probes.cjs');
    if (
      !existsSync(probes) ||
      statSync(probes).mtimeMs < statSync(path.join(ROOT, 'dist', 'main.js')).mtimeMs
    )
      throw new Error('dist/hook/probes.cjs is missing or older than dist/: run `npm run build`');
    // A kube context whose name says nothing: the gate reads the kubeconfig (the probes bundle) and finds a
    // loopback cluster, a dev environment, so the delete runs. Without the lookup the context would be unknown.
    const home = mkdtempSync(path.join(tmpdir(), 'blastwall-hook-identity-'));
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'blastwall-code-cache-'));
    try {
      mkdirSync(path.join(home, '.git'));
      mkdirSync(path.join(home, '.kube'));
      writeFileSync(
        path.join(home, 'blastwall.yaml'),
        "environments:\n  prod:\n    protected: true\n    match: { kubeCluster: ['https://api.prod.example.com*'] }\n  dev:\n    protected: false\n    match: { kubeCluster: ['https://127.0.0.1:*'] }\n",
      );
      writeFileSync(
        path.join(home, '.kube', 'config'),
        'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://127.0.0.1:40123\n  name: local\ncontexts:\n- context:\n    cluster: local\n    user: me\n  name: box\ncurrent-context: box\nusers: []\n',
      );
      const run = () =>
        runHook('claude-code', AGENTS[0]!.payload('kubectl --context box delete deployment web', home), {
          HOME: home,
          NODE_DEBUG: 'blastwall',
          BLASTWALL_CACHE_DIR: cacheDir,
          BLASTWALL_HOOK_DAEMON: '0',
        });
      const probesCaches = () =>
        readdirSync(cacheDir).filter(
          (name) => name.startsWith('hook-code-') && statSync(path.join(cacheDir, name)).size > 0,
        );

      const first = run();
      const second = run();
      const third = run();
      // Rebuilt: the same text written anew (a new time and file), as `npm run build` does. Were the cache keyed by
      // the path or the size alone, V8 would accept it: it checks the source's length, not its text.
      const rebuilt = `${probes}.${process.pid}.tmp`;
      writeFileSync(rebuilt, readFileSync(probes));
      renameSync(rebuilt, probes);
      const afterRebuild = run();
      const fourth = run();
      const cachesBefore = probesCaches();
      for (const name of cachesBefore) writeFileSync(path.join(cacheDir, name), 'not V8 code'.repeat(1000));
      const damaged = run();

      expect(first.stderr).toMatch(/probes bundle, code cache miss/);
      expect(third.stderr).toMatch(/probes bundle, code cache hit/);
      expect(afterRebuild.stderr).toContain('probes bundle, code cache miss');
      expect(fourth.stderr).toContain('probes bundle, code cache hit');
      expect(damaged.stderr).toContain('probes bundle, code cache miss');
      // Caches of earlier builds are removed when the new one is written: one per bundle (and V8 flag state).
      expect(cachesBefore.length).toBeLessThanOrEqual(4);
      for (const result of [first, second, third, afterRebuild, fourth, damaged])
        expect(AGENTS[0]!.allowed(result), result.stderr).toBe(true);
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it.each(['1', '0'])(
    'hands the payload on to the full CLI when the arguments need it (daemon setting %s)',
    (daemon) => {
      // `--on-behalf-of -x` is not the plain hook form: the full CLI answers, after the client read stdin.
      const result = spawnSync(process.execPath, [BIN, 'hook', 'claude-code', '--on-behalf-of', '-x'], {
        cwd: repo,
        input: AGENTS[0]!.payload('git reflog expire --expire=now --all', repo),
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: repo, BLASTWALL_HOOK_DAEMON: daemon },
        timeout: 30_000,
      });

      expect(result.stderr).not.toMatch(/empty/i);
      expect(claudeDecision({ status: result.status, stdout: result.stdout, stderr: result.stderr })).toBe(
        'deny',
      );
    },
  );

  it('still answers `hook --help` through the full CLI', () => {
    const result = spawnSync(process.execPath, [BIN, 'hook', '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('claude-code');
  });
});

describe('blastwall hook (usage)', () => {
  it('blocks an oversize payload', () => {
    const result = runHook('claude-code', `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('larger than');
  });

  it('blocks with exit 2 for an unknown agent', () => {
    const result = runHook('vim', '{}');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown agent');
  });
});

describe('blastwall hook claude-code with a blastwall server (real serve process)', () => {
  const served = createServerRepo();
  let server: ServerProcess;
  const tokens = { agent: '', sam: '' };

  beforeAll(async () => {
    const db = path.join(served.dir, 'blastwall.db');
    tokens.agent = await createToken(served.dir, db, 'agent', { agent: 'claude-code' });
    tokens.sam = await createToken(served.dir, db, 'reviewer', { person: 'sam' });
    server = await startServe(served.dir, db);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    served.remove();
  });

  const write = (session: string) =>
    JSON.stringify({
      hook_event_name: 'PreToolUse',
      tool_name: 'Write',
      tool_input: { file_path: path.join(served.dir, '.claude', 'settings.json'), content: '{}' },
      session_id: session,
      cwd: served.dir,
    });

  it('holds an editor write with an approval id and releases it for the same session once a senior approves', async () => {
    const env = {
      BLASTWALL_SERVER_URL: server.url,
      BLASTWALL_TOKEN: tokens.agent,
      CLAUDE_PROJECT_DIR: served.dir,
    };

    const held = await cli(['hook', 'claude-code'], served.dir, env, write('edit-session'));
    const approvalId = /approval (apr_[\w-]+) is pending/.exec(held.stdout)?.[1];
    const approved = await api(server.url, tokens.sam, 'POST', `/v1/approvals/${approvalId}/approve`, {});
    const released = await cli(['hook', 'claude-code'], served.dir, env, write('edit-session'));
    const otherSession = await cli(['hook', 'claude-code'], served.dir, env, write('other-session'));

    expect(held).toMatchObject({ code: 0 });
    expect(claudeDecision(held), held.stdout + held.stderr).toBe('ask');
    expect(approvalId, held.stdout).toBeDefined();
    expect(approved.status).toBe(200);
    expect(released, JSON.stringify(released)).toMatchObject({ code: 0, stdout: '' });
    expect(claudeDecision(otherSession)).toBe('ask');
    expect(otherSession.stdout).not.toContain(approvalId);
  }, 60_000);

  it('blocks an editor write it cannot register because the server is unreachable', async () => {
    const env = {
      BLASTWALL_SERVER_URL: 'http://127.0.0.1:9',
      BLASTWALL_TOKEN: tokens.agent,
      CLAUDE_PROJECT_DIR: served.dir,
    };

    const result = await cli(['hook', 'claude-code'], served.dir, env, write('edit-session'));

    expect(claudeDecision(result), result.stdout + result.stderr).toBe('deny');
    expect(result.stdout).toMatch(/could not be reached/);
  });
});
