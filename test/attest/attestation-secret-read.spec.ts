import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// An agent that reads the attestation key could sign records of its own; the store tells it which lines are
// attested. Reads of blastwall's data folder are secret reads, held by agent-secret-read, through the built hook.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blastwall.js');

let home: string;
let workspace: string;
let env: Record<string, string>;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'blastwall-secret-read-'));
  workspace = join(home, 'ws');
  mkdirSync(workspace);
  spawnSync('git', ['init', '-q'], { cwd: workspace });
  env = { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', CLAUDE_PROJECT_DIR: workspace };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** Claude Code's answer to a PreToolUse call: its permission decision and reason ('allow' when it says nothing). */
function hook(tool: string, input: Record<string, unknown>, extra: Record<string, string> = {}) {
  const payload = JSON.stringify({
    session_id: 's',
    cwd: workspace,
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
  });
  const result = spawnSync(process.execPath, [BIN, 'hook', 'claude-code'], {
    cwd: workspace,
    encoding: 'utf8',
    input: payload,
    env: { ...env, ...extra },
  });
  expect(result.status, result.stderr).toBe(0);
  const out = JSON.parse(result.stdout || '{}').hookSpecificOutput ?? {};
  return { decision: out.permissionDecision ?? 'allow', reason: String(out.permissionDecisionReason ?? '') };
}

describe("agent reads of blastwall's attestation key and store", () => {
  it('are held as secret reads, by the shell and by the editor tools', () => {
    const data = join(home, '.local', 'share', 'blastwall');
    const held = [
      hook('Bash', { command: 'cat ~/.local/share/blastwall/attest-key.pem' }),
      hook('Bash', { command: `base64 < ${data}/attest-key.pem` }),
      hook('Bash', { command: 'grep -c sig $HOME/.local/share/blastwall/attestations.jsonl' }),
      hook('Read', { file_path: join(data, 'attestations.jsonl') }),
    ];
    for (const answer of held) {
      expect(answer.decision).toBe('ask');
      expect(answer.reason).toContain('[agent-secret-read]');
    }
    expect(held[0]!.reason).toContain("blastwall's attestation key or store");
  });

  it('are held when inline code names the key or store inside a string (node -e, python -c, a heredoc)', () => {
    const held = [
      hook('Bash', {
        command: `node -e "console.log(require('fs').readFileSync(process.env.HOME + '/.local/share/blastwall/attest-key.pem', 'utf8'))"`,
      }),
      hook('Bash', {
        command: `python3 -c "import os; print(open(os.path.expanduser('~/.local/share/blastwall/attest-key.pem')).read())"`,
      }),
      hook('Bash', { command: "python3 - <<'EOF'\nprint(open('/x/attestations.jsonl').read())\nEOF" }),
    ];
    for (const answer of held) {
      expect(answer.decision).toBe('ask');
      expect(answer.reason).toContain('[agent-secret-read]');
    }
    expect(
      hook('Bash', { command: `node -e "console.log(require('fs').readFileSync('package.json', 'utf8'))"` })
        .decision,
    ).toBe('allow');
  });

  it('follow the data folder where BLASTWALL_DATA_DIR moved it, and leave ordinary reads alone', () => {
    const moved = { BLASTWALL_DATA_DIR: join(home, 'elsewhere') };
    expect(hook('Bash', { command: `cat ${home}/elsewhere/attest-key.pem` }, moved).reason).toContain(
      '[agent-secret-read]',
    );
    expect(hook('Read', { file_path: join(home, 'elsewhere', 'attestations.jsonl') }, moved).decision).toBe(
      'ask',
    );
    expect(hook('Bash', { command: 'cat README.md' }).decision).toBe('allow');
    expect(hook('Bash', { command: 'cat ~/.local/share/other/notes.txt' }).decision).toBe('allow');
  });
});
