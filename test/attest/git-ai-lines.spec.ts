import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';

// git-ai's authorship notes (refs/notes/ai) name the lines an AI prompt wrote; `check` counts those lines by
// content like the hooks' attestations, so they survive a squash that drops the note's commit.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blastwall.js');
const JO = { name: 'Jo', email: 'jo@example.com' };

let repo: ScratchRepo;
let home: string;

beforeEach(() => {
  repo = createScratchRepo('blastwall-git-ai-lines-');
  home = mkdtempSync(join(tmpdir(), 'blastwall-git-ai-lines-home-'));
});
afterEach(() => {
  repo.remove();
  rmSync(home, { recursive: true, force: true });
});

function check(): { provenance: Record<string, unknown> } {
  const result = spawnSync(process.execPath, [BIN, 'check', 'main..work', '--json', '--no-risk'], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', BLASTWALL_DATA_DIR: join(home, 'data') },
  });
  return JSON.parse(result.stdout);
}

const FILE = [
  'export function total(items: number[]): number {',
  '  return items.reduce((sum, item) => sum + item, 0);',
  '}',
  '// Written by hand: totals are in cents.',
  'export const CURRENCY = "EUR";',
];

describe("git-ai's line ranges", () => {
  it('count the lines they name as AI-written, and no others', () => {
    repo.commit('add config', { 'README.md': 'x\n' });
    repo.git('checkout', '-q', '-b', 'work');
    const sha = repo.commit('totals', { 'src/total.ts': `${FILE.join('\n')}\n` }, JO);
    const note = [
      'src/total.ts',
      '  1612649c4bf0b88e 1-3',
      '---',
      JSON.stringify({
        schema_version: 'authorship/3.0.0',
        prompts: { '1612649c4bf0b88e': { agent_id: { tool: 'claude', id: 's1', model: 'claude-opus-4-6' } } },
      }),
    ].join('\n');
    repo.git('notes', '--ref=ai', 'add', '-m', note, sha);

    const report = check();

    expect(report.provenance).toMatchObject({
      aiAssisted: true,
      attested: { addedLines: 5, attestedLines: 3 },
    });
    expect(report.provenance.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'attestation',
        text: expect.stringMatching(
          /^3 of 5 added lines were written by claude \(session git-ai prompt 1612649c4bf0b88e\)$/,
        ),
      }),
    );
  });

  it('a note without line ranges adds no attested lines', () => {
    repo.commit('add config', { 'README.md': 'x\n' });
    repo.git('checkout', '-q', '-b', 'work');
    const sha = repo.commit('totals', { 'src/total.ts': `${FILE.join('\n')}\n` }, JO);
    repo.git('notes', '--ref=ai', 'add', '-m', 'written with claude', sha);
    expect(check().provenance.attested).toBeUndefined();
  });
});
