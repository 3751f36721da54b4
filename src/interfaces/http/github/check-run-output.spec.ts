import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../core/change/decide-change.js';
import {
  CHECK_SUMMARY_LIMIT,
  checkRunOutput,
  COMMENT_BODY_LIMIT,
  COMMENT_MARKER,
  commentBody,
  conclusionFor,
  fitWithin,
} from './check-run-output.js';

function report(overrides: Partial<CheckReport> = {}): CheckReport {
  return {
    decision: 'needs-approval',
    range: { base: 'b'.repeat(40), head: 'c'.repeat(40) },
    commits: 1,
    files: 1,
    linesAdded: 3,
    linesDeleted: 1,
    author: { id: 'jo', name: 'Jo', email: 'jo@example.com', level: 'junior', known: true, commits: 1 },
    authors: [],
    provenance: {
      aiAssisted: true,
      tools: ['claude'],
      aiShare: 1,
      commits: [
        {
          sha: 'c'.repeat(40),
          aiAssisted: true,
          tools: ['claude'],
          evidence: [
            {
              tool: 'claude',
              kind: 'co-author',
              text: 'Co-authored-by: Claude <noreply@anthropic.com>',
              strength: 'strong',
            },
          ],
        },
      ],
    },
    blastRadius: {
      services: [{ id: 'payments', tier: 1, direct: true, via: [] }],
      mostCriticalTier: 1,
      dependentMostCriticalTier: 5,
      unownedFiles: 0,
      codeowners: [],
      score: 40,
    },
    requirements: [
      {
        policy: 'ai-change-senior-signoff',
        reason: 'needs a senior',
        kind: 'approval',
        satisfied: false,
        approvedBy: [],
        missing: '1 approval from a senior',
      },
    ],
    reasons: [],
    notes: [],
    ...overrides,
  };
}

describe('check run output', () => {
  it.each([
    ['allow', 'success'],
    ['needs-approval', 'action_required'],
    ['deny', 'failure'],
  ] as const)('maps %s to %s', (decision, conclusion) => {
    expect(conclusionFor(decision)).toBe(conclusion);
  });

  it('lists requirements, provenance evidence and blast radius', () => {
    const { title, summary } = checkRunOutput(report());

    expect(title).toBe('Waiting for sign-off: 1 approval from a senior');
    expect(summary).toContain(
      '⏳ `ai-change-senior-signoff` — needs a senior — needs 1 approval from a senior',
    );
    expect(summary).toContain('co-author (strong): Co-authored-by: Claude');
    expect(summary).toContain('**payments** (tier 1) — changed directly');
  });

  it('counts in words in the summary: 1 commit, 1 service, 1 file; 2 files', () => {
    const one = checkRunOutput(report()).summary;
    const two = checkRunOutput(
      report({ files: 2, blastRadius: { ...report().blastRadius, unownedFiles: 2 } }),
    ).summary;

    expect(one).toContain('AI-assisted (claude): 1 of 1 commit\n');
    expect(one).toContain('1 service, most critical tier 1, score 40; 1 file, +3 −1');
    expect(two).toContain('; 2 files, +3 −1');
    expect(two).toContain('- 2 files in no service');
    expect(`${one}${two}${commentBody(report())}`).not.toMatch(
      /\(s\)|\b1 (commits|services|files|reviews|seniors)\b/,
    );
  });

  it('stays within GitHub’s summary limit however wide the blast radius', () => {
    const services = Array.from({ length: 5000 }, (_, i) => ({
      id: `service-with-a-long-name-${i}`,
      tier: 2,
      direct: false,
      via: ['payments', `hop-${i}`],
    }));

    const { summary } = checkRunOutput(report({ blastRadius: { ...report().blastRadius, services } }));
    const comment = commentBody(report({ blastRadius: { ...report().blastRadius, services } }));

    expect(summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(summary).toContain('- … and 4900 more services');
    expect(comment.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT);
    expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
  });

  it.each([
    ['short text alone', 'short', 10, 'short'],
    [
      'long text cut at a line break with a notice',
      `${'a'.repeat(30)}\n${'b'.repeat(60)}`,
      70,
      `${'a'.repeat(30)}\n… (truncated: too long for GitHub)`,
    ],
  ])('leaves %s', (_name, text, max, expected) => {
    expect(fitWithin(text, max)).toBe(expected);
  });
});
