import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';
import { lineHash, normaliseLine } from '../../src/core/provenance/attestation.js';

// Drives the built `blastwall hook claude-code` with Claude Code's PreToolUse payloads, writes the files as the
// agent would, then commits without trailers, squashes and rebases, and asks the built `blastwall check`.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blastwall.js');
const JO = { name: 'Jo', email: 'jo@example.com' };
const SAM = { name: 'Sam', email: 'sam@example.com' };

let repo: ScratchRepo;
let home: string;
let env: Record<string, string>;

function blastwall(args: string[], input?: string, extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    input,
    env: { ...env, ...extra },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Claude Code's PreToolUse payload for a tool call in the repository. */
function payload(tool: string, input: Record<string, unknown>): string {
  return JSON.stringify({
    session_id: 'sess-42',
    transcript_path: join(home, 'transcript.jsonl'),
    cwd: repo.dir,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
  });
}

function hook(tool: string, input: Record<string, unknown>) {
  return blastwall(['hook', 'claude-code', '--on-behalf-of', 'jo'], payload(tool, input));
}

const AGENT_FILE = [
  'export function refund(amount: number, currency: string) {',
  '  if (amount <= 0) throw new Error("refund must be positive");',
  '  const cents = Math.round(amount * 100);',
  '  return { cents, currency, kind: "refund" as const };',
  '}',
  '',
];
const AGENT_EDIT = [
  '  const cents = Math.round(amount * 100);',
  '  if (cents > 1_000_000) throw new Error("refund above the manual limit");',
  '  audit("refund", cents);',
];
const HUMAN_LINES = [
  '// Reviewed by hand: limits come from the finance team.',
  'export const LIMIT_CENTS = 1_000_000;',
];

beforeEach(() => {
  repo = createScratchRepo('blastwall-attest-');
  home = mkdtempSync(join(tmpdir(), 'blastwall-attest-home-'));
  env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    BLASTWALL_DATA_DIR: join(home, 'data'),
    CLAUDE_PROJECT_DIR: repo.dir,
  };
  expect(blastwall(['init']).code).toBe(0);
  repo.commit('add config', {}, SAM);
});
afterEach(() => {
  repo.remove();
  rmSync(home, { recursive: true, force: true });
});

/** The agent writes a file and edits it through the hook, a person adds lines by hand; three commits, no trailers. */
function agentAndPersonWork(): string {
  const file = join(repo.dir, 'services', 'payments', 'refund.ts');
  repo.git('checkout', '-q', '-b', 'work');
  const write = hook('Write', { file_path: file, content: AGENT_FILE.join('\n') });
  expect(write.code, write.stderr).toBe(0);
  repo.commit('refunds', { 'services/payments/refund.ts': AGENT_FILE.join('\n') }, JO);
  const old = AGENT_EDIT[0]!;
  const edit = hook('Edit', { file_path: file, old_string: old, new_string: AGENT_EDIT.join('\n') });
  expect(edit.code, edit.stderr).toBe(0);
  const edited = readFileSync(file, 'utf8').replace(old, AGENT_EDIT.join('\n'));
  repo.commit('limit', { 'services/payments/refund.ts': edited }, JO);
  repo.commit('by hand', { 'services/payments/refund.ts': `${HUMAN_LINES.join('\n')}\n${edited}` }, JO);
  return file;
}

function squashAndRebase(): void {
  repo.git('reset', '-q', '--soft', 'main');
  repo.git('-c', 'user.name=Jo', '-c', 'user.email=jo@example.com', 'commit', '-q', '-m', 'refunds');
  repo.git('checkout', '-q', 'main');
  repo.commit('unrelated', { 'README.md': 'hello\n' }, SAM);
  repo.git('checkout', '-q', 'work');
  repo.git('-c', 'user.name=Jo', '-c', 'user.email=jo@example.com', 'rebase', '-q', 'main');
}

describe('attestation end to end', () => {
  it('a squashed, rebased change without trailers is AI-assisted by attestation, and the senior sign-off applies', () => {
    agentAndPersonWork();
    squashAndRebase();
    expect(repo.git('log', '-1', '--format=%B')).not.toMatch(/co-authored|claude/i);

    const waiting = blastwall(['check', '--json']);
    const approved = blastwall(['check', '--json', '--approval', 'sam']);
    const withoutStore = blastwall(['check', '--json'], undefined, {
      BLASTWALL_DATA_DIR: join(home, 'empty'),
    });

    expect(waiting.code, waiting.stderr).toBe(1);
    const report = JSON.parse(waiting.stdout);
    // 5 lines of the Write and the 2 new lines of the Edit; the person's 2 lines are not claimed.
    const agentLines = 7;
    expect(report.provenance).toMatchObject({
      aiAssisted: true,
      tools: ['claude-code'],
      attested: { addedLines: agentLines + HUMAN_LINES.length, attestedLines: agentLines, ignoredRecords: 0 },
    });
    expect(report.provenance.evidence).toContainEqual({
      tool: 'claude-code',
      kind: 'attestation',
      strength: 'attested',
      text: `${agentLines} of 9 added lines were written by claude-code for jo (session sess-42)`,
    });
    expect(report.provenance.commits[0].attested).toMatchObject({ attestedLines: agentLines });
    const signoff = (r: { requirements: { policy: string; satisfied: boolean }[] }) =>
      r.requirements.find((req) => req.policy === 'ai-change-senior-signoff');
    expect(signoff(report)).toMatchObject({ satisfied: false });
    expect(blastwall(['check']).stdout).toContain(
      'attested: 7 of 9 added lines were written by claude-code for jo (session sess-42)',
    );
    expect(signoff(JSON.parse(approved.stdout))).toMatchObject({ satisfied: true, approvedBy: ['sam'] });
    const unattested = JSON.parse(withoutStore.stdout);
    expect(unattested.provenance.aiAssisted).toBe(false);
    expect(signoff(unattested)).toBeUndefined();
  });

  it('ignores and reports a forged record claiming the person lines', () => {
    agentAndPersonWork();
    const store = join(home, 'data', 'attestations.jsonl');
    const genuine = JSON.parse(readFileSync(store, 'utf8').split('\n')[0]!);
    const forged = { ...genuine, lines: HUMAN_LINES.map((l) => lineHash(normaliseLine(l))) };
    appendFileSync(store, `${JSON.stringify(forged)}\n`);

    const report = JSON.parse(blastwall(['check', '--json']).stdout);

    expect(report.provenance.attested).toMatchObject({ attestedLines: 7, ignoredRecords: 1 });
    expect(report.notes).toContainEqual(
      expect.stringMatching(/attestations\.jsonl:3: signature does not verify/),
    );
  });

  it('holds an agent that deletes or edits the attestation store', () => {
    const dataDefault = join(home, '.local', 'share', 'blastwall');
    const plain = { ...env };
    delete (plain as Partial<typeof plain>).BLASTWALL_DATA_DIR;
    // Held or denied: either way Claude Code does not run the tool without a person.
    const stopped = (result: { stdout: string }) =>
      ['ask', 'deny'].includes(JSON.parse(result.stdout || '{}').hookSpecificOutput?.permissionDecision);
    const rm = blastwall(['hook', 'claude-code'], payload('Bash', { command: `rm -rf ${dataDefault}` }), {});
    const write = blastwall(
      ['hook', 'claude-code'],
      payload('Write', { file_path: join(home, 'data', 'attestations.jsonl'), content: 'x' }),
    );
    env = plain;
    const rmDefault = blastwall(
      ['hook', 'claude-code'],
      payload('Bash', { command: 'rm ~/.local/share/blastwall/attest-key.pem' }),
    );

    expect(stopped(rm)).toBe(true);
    expect(stopped(write)).toBe(true);
    expect(stopped(rmDefault)).toBe(true);
  });

  it('blocks the write when it cannot be attested, rather than letting unrecorded AI lines through', () => {
    writeFileSync(join(home, 'data'), 'not a folder');
    const result = hook('Write', { file_path: join(repo.dir, 'x.ts'), content: 'export const x = 1;\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/blocked/);
  });
});
