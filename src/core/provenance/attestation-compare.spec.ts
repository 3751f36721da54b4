import { describe, expect, it } from 'vitest';
import type { CommitProvenance, Evidence } from '../model.js';
import { compareAttestation } from './attestation-compare.js';

const trailer: Evidence = {
  tool: 'claude-code',
  kind: 'co-author',
  text: 'Co-authored-by: Claude',
  strength: 'strong',
};
const attested: Evidence = { tool: 'claude-code', kind: 'attestation', text: '3 of 4', strength: 'attested' };

function commit(sha: string, evidence: Evidence[], attestedLines = 0): CommitProvenance {
  return {
    sha,
    aiAssisted: evidence.length > 0,
    tools: [],
    evidence,
    attested: { addedLines: 4, attestedLines, share: attestedLines / 4 },
  };
}

describe('attested against declared provenance', () => {
  it('names commits declared but unattested, and attested but undeclared', () => {
    const result = compareAttestation({
      aiAssisted: true,
      tools: ['claude-code'],
      aiShare: 0.75,
      commits: [
        commit('both', [trailer, attested], 3),
        commit('declared-only', [trailer]),
        commit('attested-only', [attested], 4),
        commit('human', []),
      ],
      attested: { addedLines: 16, attestedLines: 7, share: 7 / 16, ignoredRecords: 0 },
    });
    expect(result).toEqual({
      declaredCommitShare: 0.5,
      lines: { added: 16, attested: 7, share: 7 / 16 },
      unattested: ['declared-only'],
      undeclared: ['attested-only'],
    });
  });

  it('has no line share when no attestation was on record', () => {
    const result = compareAttestation({
      aiAssisted: true,
      tools: ['claude-code'],
      aiShare: 1,
      commits: [{ sha: 'a', aiAssisted: true, tools: ['claude-code'], evidence: [trailer] }],
    });
    expect(result).toEqual({ declaredCommitShare: 1, unattested: ['a'], undeclared: [] });
  });
});
