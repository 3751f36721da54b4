import { describe, expect, it } from 'vitest';
import {
  indexAttestations,
  lineHash,
  normaliseLine,
  writtenLineHashes,
  type AttestationRecord,
} from './attestation.js';
import { matchAddedLines } from './attestation-match.js';
import { withAttestation } from './attestation-provenance.js';
import { changeProvenance } from './index.js';

const h = (line: string) => lineHash(normaliseLine(line));

function record(lines: string[], extra: Partial<AttestationRecord> = {}): AttestationRecord {
  return {
    v: 1,
    file: '/repo/a.ts',
    lines: lines.map(h),
    agent: 'claude-code',
    tool: 'Write',
    session: 's1',
    onBehalfOf: 'jo',
    at: '2026-12-07T10:00:00.000Z',
    ...extra,
  };
}

describe('writtenLineHashes', () => {
  it('normalises whitespace and skips blank lines', () => {
    expect(writtenLineHashes('  const a  =\t1;\n\n')).toEqual([h('const a = 1;')]);
  });

  it('leaves out the lines that were already there (an Edit old_string, the file a Write replaces)', () => {
    expect(writtenLineHashes('keep();\nnew();\nkeep();', 'keep();')).toEqual([h('new();'), h('keep();')]);
  });
});

describe('matchAddedLines', () => {
  const agent = ['export function pay(amount: number) {', '  return charge(amount);', '}'];

  it('claims the agent lines, not a person line, and counts blank lines in neither', () => {
    const index = indexAttestations([record(agent)]);
    const match = matchAddedLines(index, [
      { file: 'a.ts', lines: [...agent, '', '// a person wrote this line'] },
    ]);
    expect(match).toMatchObject({ addedLines: 4, attestedLines: 3 });
    expect(match.claimed[0]).toEqual([true, true, true, false, false]);
    expect(match.sources).toEqual([{ agent: 'claude-code', onBehalfOf: 'jo', session: 's1', lines: 3 }]);
  });

  it('claims a line only as often as it was written: the copy beside the agent code', () => {
    const index = indexAttestations([record(['const total = sum(items);', 'return result;'])]);
    const match = matchAddedLines(index, [
      { file: 'a.ts', lines: ['return result;', 'const total = sum(items);', 'return result;'] },
    ]);
    expect(match.claimed[0]).toEqual([false, true, true]);
  });

  it('leaves a line the person rewrote to the person', () => {
    const index = indexAttestations([record(['const total = sum(items);'])]);
    const match = matchAddedLines(index, [{ file: 'a.ts', lines: ['const total = sum(items) + 1;'] }]);
    expect(match.attestedLines).toBe(0);
  });

  it('claims a closing brace after the agent line, never one standing alone', () => {
    const index = indexAttestations([record(['doTheWork(input);', '}'])]);
    expect(matchAddedLines(index, [{ file: 'a.ts', lines: ['doTheWork(input);', '}'] }]).attestedLines).toBe(
      2,
    );
    expect(matchAddedLines(index, [{ file: 'a.ts', lines: ['mine();', '}'] }]).attestedLines).toBe(0);
  });
});

describe('withAttestation', () => {
  it('makes a change without trailers AI-assisted, with attested evidence per commit and for the change', () => {
    const commit = {
      sha: 'c1',
      parents: [],
      authorName: 'Jo',
      authorEmail: 'jo@example.com',
      committerName: 'Jo',
      committerEmail: 'jo@example.com',
      authoredAt: 0,
      message: 'refunds',
      files: [],
    };
    const match = {
      addedLines: 4,
      attestedLines: 3,
      sources: [{ agent: 'claude-code', onBehalfOf: 'jo', session: 's1', lines: 3 }],
    };
    const plain = changeProvenance([commit], []);
    const provenance = withAttestation(plain, { change: match, commits: { c1: match }, ignored: [] });
    expect(plain.aiAssisted).toBe(false);
    expect(provenance).toMatchObject({
      aiAssisted: true,
      tools: ['claude-code'],
      aiShare: 1,
      attested: { addedLines: 4, attestedLines: 3, share: 0.75, ignoredRecords: 0 },
    });
    expect(provenance.commits[0]!.evidence).toContainEqual({
      tool: 'claude-code',
      kind: 'attestation',
      strength: 'attested',
      text: '3 of 4 added lines were written by claude-code for jo (session s1)',
    });
  });
});
