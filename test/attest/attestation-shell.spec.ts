import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { lineHash, normaliseLine } from '../../src/core/provenance/attestation.js';

// An agent's shell write whose text is on the line (a heredoc into a file) is attested by the built hook.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blastwall.js');

let home: string;
let workspace: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'blastwall-attest-shell-'));
  workspace = join(home, 'ws');
  mkdirSync(workspace);
  spawnSync('git', ['init', '-q'], { cwd: workspace });
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

it('records the lines a heredoc writes into a file, as the shell tool of the agent', () => {
  const command = "cat > src/limits.ts <<'EOF'\nexport const REFUND_LIMIT_CENTS = 1_000_000;\nEOF";
  const result = spawnSync(process.execPath, [BIN, 'hook', 'claude-code', '--on-behalf-of', 'jo'], {
    cwd: workspace,
    encoding: 'utf8',
    input: JSON.stringify({
      session_id: 'sess-3',
      cwd: workspace,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command },
    }),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      CLAUDE_PROJECT_DIR: workspace,
      BLASTWALL_HOOK_DAEMON: '0',
    },
  });
  expect(result.status, result.stderr).toBe(0);

  const store = readFileSync(join(home, '.local', 'share', 'blastwall', 'attestations.jsonl'), 'utf8');
  const record = JSON.parse(store.trim()) as Record<string, unknown>;
  expect(record).toMatchObject({
    file: join(workspace, 'src', 'limits.ts'),
    lines: [lineHash(normaliseLine('export const REFUND_LIMIT_CENTS = 1_000_000;'))],
    agent: 'claude-code',
    tool: 'shell',
    session: 'sess-3',
    onBehalfOf: 'jo',
  });
});
