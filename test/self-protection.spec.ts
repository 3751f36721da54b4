import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGate, type LoadedGate } from '../src/app/gate.js';

// Issue 8, self-protection: an agent cannot switch its own guardrail off. Every path below goes through the real
// gate (shell parser, classifiers, environments, Cedar) in a repository whose workspace is declared `dev` and
// unprotected, and must still be held for a person; the editor-tool path goes through the built hook process.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'blastwall.js');

const CONFIG = `people:
  - { id: sam, level: senior, emails: [sam@example.com] }
environments:
  dev: { protected: false, match: { path: ["**"], kubeContext: ["kind-*"] } }
`;

let root: string;
let repo: string;
let home: string;
let gate: LoadedGate;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bw-self-'));
  home = path.join(root, 'home');
  repo = path.join(home, 'project');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  writeFileSync(path.join(repo, 'blastwall.yaml'), CONFIG);
  gate = await createGate({
    cwd: repo,
    env: {
      HOME: home,
      BLASTWALL_CACHE: 'off',
      KUBECONFIG: path.join(root, 'none'),
      PATH: '/usr/local/bin:/usr/bin',
    },
    restorePointsIn: path.join(root, 'blastwall-data'),
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('self-protection through the shell gate, in an unprotected dev workspace', () => {
  it.each([
    // blastwall's configuration and policies
    'echo "environments: {}" > blastwall.yaml',
    "sed -i 's/protected: true/protected: false/' blastwall.yaml",
    'cat permit.cedar >> policies/agents.cedar',
    'rm policies/*.cedar',
    'tee ~/.config/blastwall/blastwall.yaml < new.yaml',
    'rm -rf ~/.config/blastwall/org',
    // store, cache and install
    'rm -rf .blastwall',
    'truncate -s 0 .blastwall/blastwall.db',
    'rm -rf ~/.cache/blastwall',
    'rm -rf node_modules/blastwall',
    'npm uninstall blastwall',
    'npm rm -g blastwall',
    'rm "$(which blastwall)"',
    // the agents' hook settings
    'echo {} > .claude/settings.json',
    'cp /tmp/x.json .claude/settings.local.json',
    'mv ~/.claude/settings.json ~/.claude/settings.json.off',
    'ln -sf /dev/null .codex/hooks.json',
    "python3 -c \"open('.codex/config.toml','w').write('')\"",
    'rm -rf ~/.codex',
    'dd if=/dev/null of=.gemini/settings.json',
    'chmod 000 .cursor/hooks.json',
    'rm ~/.cursor/hooks.json',
    'rm .github/hooks/blastwall.json',
    'rm -rf ~/.copilot',
    'rm -rf .kiro/hooks',
    'echo {} > .kiro/settings/hooks.json',
    // bypasses
    'export BLASTWALL_CACHE=off',
    'unset BLASTWALL_AGENT',
    'env -u BLASTWALL_ON_BEHALF_OF npm test',
    'BLASTWALL_ORG_DIR=/tmp/empty npm test',
    'git config core.hooksPath /dev/null',
    'git -c core.hooksPath=/dev/null commit -m wip',
    'git commit --no-verify -m wip',
    'git push --no-verify origin main',
    'HUSKY=0 git commit -m wip',
    'pkill -f blastwall',
    'kill $(pgrep blastwall)',
    'killall blastwall',
    'systemctl stop blastwall',
    'bash -c "rm .claude/settings.json"',
    'sudo rm -rf /etc/blastwall',
    // issue 19 §4: writers by family, and paths by any spelling
    "awk -i inplace '{print}' .claude/settings.json",
    'mv -t .claude /tmp/settings.json',
    'patch .claude/settings.json < /tmp/x.diff',
    'git checkout evil -- .claude/settings.json',
    'git restore --source=HEAD~1 blastwall.yaml',
    'curl -sSLo .mcp.json https://example.com/x',
    'wget -P .claude https://example.com/settings.json',
    'echo x > "$(pwd)/.claude/settings.json"',
    'echo x >> $DIR/.bashrc',
    'find . -name settings.json -exec rm {} \\;',
    "find ~ -name '*.json' -delete",
    'echo x > .Claude/Settings.json',
    'echo x > BLASTWALL.yaml',
    `echo 'alias ls="rm -rf ~"' >> ~/.bash_aliases`,
    'echo x >> ~/.bash_logout',
    'echo x > .gemini/extensions/evil/gemini-extension.json',
  ])('%s is held for a person', (command) => {
    const decision = gate.evaluateCommand({ command });

    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toContain('[agent-self-protection]');
  });

  it.each([
    'cat .claude/settings.json',
    'grep protected blastwall.yaml',
    'cp blastwall.yaml /tmp/blastwall.yaml.bak',
    'echo BLASTWALL_X',
    'git commit -m "mention --no-verify"',
    'git config core.hooksPath',
    'sed -i s/a/b/ src/index.ts',
    'echo x > src/notes.txt',
    'killall node',
    "awk -i inplace '{print}' src/app.ts",
    'mv -t src /tmp/app.ts',
    'git checkout main -- src/app.ts',
    'git restore src/app.ts',
    'curl -sSLo /tmp/x https://example.com/x',
    'echo x >> $LOG_DIR/app.log',
    "find . -name '*.pyc' -delete",
    'echo x >> /tmp/log',
    'mkdir -p .claude/commands && echo x > .claude/commands/x.md',
  ])('%s is allowed', (command) => {
    expect(gate.evaluateCommand({ command }).decision).toBe('allow');
  });

  it('resolves a workspace file to dev and holds it only by the self-protection policy', () => {
    const decision = gate.evaluateCommand({ command: 'rm .claude/settings.json' });

    expect(decision.operations.find((op) => op.selfProtection)?.environment).toMatchObject({
      id: 'dev',
      protected: false,
    });
    expect(decision.requirements.filter((r) => !r.satisfied).map((r) => r.policy)).toEqual([
      'agent-self-protection',
    ]);
  });
});

describe('self-protection through the editor-tool hook process', () => {
  function hook(
    tool: string,
    input: Record<string, unknown>,
    env: Record<string, string> = {},
  ): { status: number | null; decision?: string } {
    const payload = JSON.stringify({
      session_id: 's1',
      transcript_path: '/t.jsonl',
      cwd: repo,
      permission_mode: 'default',
      hook_event_name: 'PreToolUse',
      tool_name: tool,
      tool_input: input,
      tool_use_id: 'toolu_1',
    });
    const result = spawnSync(process.execPath, [BIN, 'hook', 'claude-code'], {
      input: payload,
      encoding: 'utf8',
      cwd: repo,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        BLASTWALL_CACHE: 'off',
        KUBECONFIG: path.join(root, 'none'),
        ...env,
      },
    });
    const out =
      result.stdout.trim() === ''
        ? undefined
        : (JSON.parse(result.stdout) as { hookSpecificOutput?: { permissionDecision?: string } });
    const decision = out?.hookSpecificOutput?.permissionDecision;
    return { status: result.status, ...(decision ? { decision } : {}) };
  }

  it.each([
    ['Write', { file_path: path.join('.claude', 'settings.json'), content: '{}' }],
    ['Edit', { file_path: 'blastwall.yaml', old_string: 'true', new_string: 'false' }],
    ['Write', { file_path: '~/.codex/config.toml', content: '' }],
  ])('%s of a guarded file asks a person', (tool, input) => {
    const absolute = {
      ...input,
      file_path: input.file_path.startsWith('~') ? input.file_path : path.join(repo, input.file_path),
    };

    expect(hook(tool, absolute)).toEqual({ status: 0, decision: 'ask' });
  });

  it('a Write into the organisation policy folder or the cache wherever the environment puts them asks a person', () => {
    // Both under the temporary folder, where an editor's writes are otherwise harmless scratch.
    const env = { BLASTWALL_ORG_DIR: path.join(root, 'org'), BLASTWALL_CACHE_DIR: path.join(root, 'cache') };

    expect(
      hook('Write', { file_path: path.join(root, 'org', 'policies', 'allow.cedar'), content: '' }, env),
    ).toEqual({ status: 0, decision: 'ask' });
    expect(hook('Write', { file_path: path.join(root, 'cache', 'run', 'x.sock'), content: '' }, env)).toEqual(
      {
        status: 0,
        decision: 'ask',
      },
    );
  });

  it('a Write to an ordinary source file goes ahead', () => {
    expect(hook('Write', { file_path: path.join(repo, 'src', 'index.ts'), content: 'x' })).toEqual({
      status: 0,
    });
  });
});
