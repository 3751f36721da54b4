import { describe, expect, it } from 'vitest';
import type { AuthorInfo } from '../change/authors.js';
import type { Level, Person, Requirement, Service } from '../model.js';
import { suggestReviewers } from './suggest.js';
import type { ExpertiseHistory, FileTouch } from './types.js';

const DAY = 86_400;
const NOW = 1_800_000_000;

function person(id: string, level: Level, teams: string[] = []): Person {
  return { id, level, emails: [`${id}@example.com`], teams, logins: [id] };
}

const PEOPLE = [
  person('jo', 'junior', ['payments']),
  person('max', 'mid', ['shop']),
  person('sam', 'senior', ['payments']),
  person('kim', 'senior', ['shop']),
  person('ada', 'principal', ['platform']),
];
const SERVICES = new Map<string, Service>([
  ['payments', { id: 'payments', tier: 1, owner: 'payments', paths: [], dependsOn: [] }],
  ['checkout', { id: 'checkout', tier: 1, owner: 'shop', paths: [], dependsOn: ['payments'] }],
]);
const AUTHOR: AuthorInfo[] = [
  { id: 'jo', name: 'Jo', email: 'jo@example.com', level: 'junior', known: true, commits: 1 },
];

const SIGNOFF: Requirement = {
  policy: 'ai-change-senior-signoff',
  reason: 'needs a senior',
  kind: 'approval',
  satisfied: false,
  satisfier: { approvals: 1, minLevel: 'senior', notAuthor: true },
  approvedBy: [],
};
const TWO: Requirement = {
  policy: 'critical-two-reviewers',
  reason: 'tier 1',
  kind: 'approval',
  satisfied: false,
  satisfier: { approvals: 2, notAuthor: true },
  approvedBy: [],
};
const OWNER: Requirement = {
  policy: 'wide-blast-radius',
  reason: 'wide',
  kind: 'approval',
  satisfied: false,
  satisfier: {
    approvals: 1,
    minLevel: 'senior',
    notAuthor: true,
    ownerScope: 'impacted',
    ownerOf: ['payments'],
  },
  approvedBy: [],
};

/** commits[person] = ages in days of that person's one-line commits to the touched file. */
function history(commits: Partial<Record<string, number[]>>): ExpertiseHistory {
  const byPerson = new Map<string, Map<string, FileTouch[]>>();
  for (const [id, ages = []] of Object.entries(commits)) {
    byPerson.set(
      id,
      new Map([
        [
          'services/payments/pay.ts',
          ages.map((age, i) => ({ sha: `${id}${i}`, at: NOW - age * DAY, added: 1, deleted: 0 })),
        ],
      ]),
    );
  }
  return { asOf: NOW, byPerson };
}

describe('suggestReviewers ranking', () => {
  it.each([
    {
      name: 'more recent commits rank higher',
      commits: { sam: [1, 2, 3], kim: [1] },
      load: {},
      order: ['sam', 'kim', 'ada'],
    },
    {
      name: 'old commits decay below one fresh commit',
      commits: { sam: [200, 210, 220], kim: [1] },
      load: {},
      order: ['kim', 'sam', 'ada'],
    },
    {
      name: 'open reviews push an expert down',
      commits: { sam: [1, 2, 3], kim: [1] },
      load: { sam: 6 },
      order: ['kim', 'ada', 'sam'],
    },
    {
      name: 'with no history, fewer open reviews first',
      commits: {},
      load: { ada: 1, kim: 2 },
      order: ['sam', 'ada', 'kim'],
    },
    { name: 'equal on everything, by id', commits: {}, load: {}, order: ['ada', 'kim', 'sam'] },
  ])('$name', ({ commits, load, order }) => {
    const suggestion = suggestReviewers(
      { requirements: [SIGNOFF], authors: AUTHOR },
      PEOPLE,
      SERVICES,
      history(commits),
      new Map(Object.entries(load)),
    );

    expect(suggestion.requirements[0]?.candidates.map((c) => c.personId)).toEqual(order);
  });

  it.each([
    {
      requirement: SIGNOFF,
      eligible: ['ada', 'kim', 'sam'],
      reason: ['jo', 'jo is an author of this change'],
    },
    {
      requirement: SIGNOFF,
      eligible: ['ada', 'kim', 'sam'],
      reason: ['max', 'max is mid; this needs senior or above'],
    },
    {
      requirement: TWO,
      eligible: ['ada', 'kim', 'max', 'sam'],
      reason: ['jo', 'jo is an author of this change'],
    },
    { requirement: OWNER, eligible: ['sam'], reason: ['kim', 'kim is not in a team owning payments'] },
  ])('$requirement.policy: eligible $eligible', ({ requirement, eligible, reason }) => {
    const suggestion = suggestReviewers(
      { requirements: [requirement], authors: AUTHOR },
      PEOPLE,
      SERVICES,
      history({}),
      new Map(),
    );

    const [entry] = suggestion.requirements;
    expect(entry?.candidates.map((c) => c.personId).sort()).toEqual(eligible);
    expect(entry?.ineligible).toContainEqual({ personId: reason[0], why: reason[1] });
  });

  it('fills each candidate with the facts behind the rank', () => {
    const suggestion = suggestReviewers(
      { requirements: [SIGNOFF], authors: AUTHOR },
      PEOPLE,
      SERVICES,
      history({ sam: [0] }),
      new Map([['sam', 2]]),
    );

    expect(suggestion.requirements[0]?.candidates.find((c) => c.personId === 'sam')).toEqual({
      personId: 'sam',
      level: 'senior',
      expertise: 1.69,
      openReviews: 2,
      score: 0.43,
      why: 'senior, eligible; 1 recent commit (1 lines) to 1 touched file, last the same day as the change; 2 open reviews',
    });
  });
});

describe('suggestReviewers assignment', () => {
  it.each([
    {
      name: 'one senior owner meets the sign-off and the owner rule at once',
      requirements: [SIGNOFF, OWNER],
      commits: { kim: [1, 1, 1] },
      reviewers: [['sam', ['ai-change-senior-signoff', 'wide-blast-radius']]],
    },
    {
      name: 'two reviewers for tier 1: the senior counts for both, the second seat goes to a non-senior',
      requirements: [SIGNOFF, TWO],
      commits: { kim: [1], ada: [1, 2] },
      reviewers: [
        ['ada', ['ai-change-senior-signoff', 'critical-two-reviewers']],
        ['max', ['critical-two-reviewers']],
      ],
    },
    {
      name: 'all three rules with two people',
      requirements: [SIGNOFF, TWO, OWNER],
      commits: {},
      reviewers: [
        ['sam', ['ai-change-senior-signoff', 'critical-two-reviewers', 'wide-blast-radius']],
        ['max', ['critical-two-reviewers']],
      ],
    },
    {
      name: 'an approval already given leaves one seat',
      requirements: [{ ...TWO, approvedBy: ['kim'] }],
      commits: { sam: [1] },
      reviewers: [['max', ['critical-two-reviewers']]],
    },
  ])('$name', ({ requirements, commits, reviewers }) => {
    const suggestion = suggestReviewers(
      { requirements, authors: AUTHOR },
      PEOPLE,
      SERVICES,
      history(commits),
      new Map(),
    );

    expect(suggestion.assignment.reviewers.map((r) => [r.personId, r.covers])).toEqual(reviewers);
    expect(suggestion.assignment.complete).toBe(true);
  });

  it('says which requirement nobody can meet, and skips met ones and denials', () => {
    const noOwner: Requirement = { ...OWNER, satisfier: { ...OWNER.satisfier!, ownerOf: ['checkout'] } };
    const authors: AuthorInfo[] = [{ ...AUTHOR[0]!, id: 'kim' }];
    const denial: Requirement = {
      policy: 'freeze-window',
      reason: 'frozen',
      kind: 'deny',
      satisfied: false,
      approvedBy: [],
    };

    const suggestion = suggestReviewers(
      { requirements: [noOwner, { ...SIGNOFF, satisfied: true }, denial], authors },
      PEOPLE,
      SERVICES,
      history({}),
      new Map(),
    );

    expect(suggestion.requirements.map((r) => r.policy)).toEqual(['wide-blast-radius']);
    expect(suggestion.assignment).toEqual({
      reviewers: [],
      complete: false,
      unmet: [
        { policy: 'wide-blast-radius', why: 'needs 1 approval but only 0 eligible people are available' },
      ],
    });
    expect(suggestion.denials).toEqual(['freeze-window: frozen']);
  });
});

describe('reviewersFor (the check-report section)', () => {
  it('keeps the top candidates and the proposal', async () => {
    const { reviewersFor } = await import('./index.js');

    const section = reviewersFor(
      { requirements: [TWO], authors: AUTHOR },
      PEOPLE,
      SERVICES,
      history({ kim: [1] }),
      new Map(),
      { limit: 2 },
    );

    expect(section.requirements).toHaveLength(1);
    expect(section.requirements[0]?.candidates.map((c) => c.personId)).toEqual(['kim', 'ada']);
    expect(section.assignment.reviewers.map((r) => r.personId)).toEqual(['kim', 'max']);
  });
});
