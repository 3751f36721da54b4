import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../../adapters/git/scratch-repo.js';
import { runCli } from '../../../test-support/cli-testing.js';
import type { ReviewersReport } from './reviewers.js';

const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: max, level: mid,    emails: [max@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
  - { id: kim, level: senior, emails: [kim@example.com], teams: [shop] }
  - { id: ada, level: principal, emails: [ada@example.com], teams: [docs] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: docs,     tier: 4, owner: docs, paths: ["docs/**"] }
`;
const JO = { name: 'Jo', email: 'jo@example.com' };
const SAM = { name: 'Sam', email: 'sam@example.com' };
const KIM = { name: 'Kim', email: 'kim@example.com' };
const CLAUDE = '\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>\n';
const DAY = 86_400_000;

let repo: ScratchRepo;
afterEach(() => repo?.remove());

/** The moment the history of `setup` ends (its last commit is a day earlier); now unless a test moves it. */
let end = Date.now();

function daysAgo(days: number): Date {
  return new Date(end - days * DAY);
}

/** A junior's AI-assisted payments change; sam edited the file three times lately, kim once (before `endAt`). */
function setup(endAt = Date.now()): ScratchRepo {
  end = endAt;
  repo = createScratchRepo();
  repo.commit(
    'initial',
    { 'blastwall.yaml': CONFIG, 'services/payments/pay.ts': 'v0\n', 'docs/index.md': '# docs\n' },
    SAM,
    daysAgo(30),
  );
  repo.commit('sam 1', { 'services/payments/pay.ts': 'v1\n' }, SAM, daysAgo(20));
  repo.commit('kim 1', { 'services/payments/pay.ts': 'v2\n' }, KIM, daysAgo(15));
  repo.commit('sam 2', { 'services/payments/pay.ts': 'v3\n' }, SAM, daysAgo(10));
  repo.commit('sam 3', { 'services/payments/pay.ts': 'v4\n' }, SAM, daysAgo(5));
  repo.git('checkout', '-q', '-b', 'feature');
  repo.commit(`Retry payments${CLAUDE}`, { 'services/payments/pay.ts': 'v5\n' }, JO, daysAgo(1));
  return repo;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli(argv, { cwd: repo.dir, env: { BLASTWALL_CACHE: 'off' } });
  return { code, out: stdout, err: stderr };
}

describe('blastwall reviewers', () => {
  it('ranks the eligible people per unmet requirement and proposes the fewest reviewers', async () => {
    setup();

    const { code, out } = await run(['reviewers', 'main..feature', '--json']);

    const result = JSON.parse(out) as ReviewersReport;
    const ranked = Object.fromEntries(
      result.requirements.map((r) => [r.policy, r.candidates.map((c) => c.personId)]),
    );
    expect(code).toBe(0);
    expect(result.decision).toBe('needs-approval');
    expect(ranked).toEqual({
      'ai-change-senior-signoff': ['sam', 'kim', 'ada'],
      'critical-two-reviewers': ['sam', 'kim', 'ada', 'max'],
      'wide-blast-radius': ['sam', 'kim'],
    });
    expect(result.assignment.reviewers).toEqual([
      {
        personId: 'sam',
        level: 'senior',
        covers: ['ai-change-senior-signoff', 'critical-two-reviewers', 'wide-blast-radius'],
        why: expect.stringMatching(/^ranked first among the eligible people/),
      },
      {
        personId: 'max',
        level: 'mid',
        covers: ['critical-two-reviewers'],
        why: 'a mid may give critical-two-reviewers, so kim (senior), ada (principal) are not asked: senior review time is the scarce resource, and the proposal asks the fewest seniors',
      },
    ]);
    expect(result.requirements[0]?.candidates[0]).toMatchObject({ personId: 'sam', openReviews: 0 });
    expect(result.requirements[0]?.candidates[0]?.why).toMatch(
      /^senior, eligible; 4 recent commits \(7 lines\) to 1 touched file, last 4 days before the change; 0 open reviews$/,
    );
    expect(result.expertise).toMatchObject({ sinceDays: 90, halfLifeDays: 30, files: 1 });
  });

  it('puts a busy expert behind idle colleagues when given open review counts', async () => {
    setup();
    writeFileSync(join(repo.dir, 'load.json'), JSON.stringify({ sam: 6, kim: 1 }));

    const { out } = await run(['reviewers', 'main..feature', '--load', 'load.json', '--json']);

    const result = JSON.parse(out) as ReviewersReport;
    expect(
      result.requirements
        .find((r) => r.policy === 'wide-blast-radius')
        ?.candidates.map((c) => [c.personId, c.openReviews]),
    ).toEqual([
      ['kim', 1],
      ['sam', 6],
    ]);
    expect(result.assignment.reviewers.map((r) => r.personId)).toEqual(['kim', 'max']);
  });

  it('asks only for what is still missing after an approval, in words', async () => {
    setup();

    const { code, out } = await run(['reviewers', 'main..feature', '--approval', 'sam']);

    expect(code).toBe(0);
    expect(out).toContain('critical-two-reviewers: needs 1 more approval');
    expect(out).not.toContain('ai-change-senior-signoff:');
    expect(out).toContain('Proposed reviewers:\n  max (mid) for critical-two-reviewers');
  });

  it("on a repository last touched years ago, counts expertise back from the range's last commit", async () => {
    setup(Date.parse('2019-03-01T12:00:00Z'));

    const { code, out } = await run(['reviewers', 'main..feature', '--json']);
    const text = (await run(['reviewers', 'main..feature'])).out;

    const result = JSON.parse(out) as ReviewersReport;
    expect(code).toBe(0);
    // The feature's last commit, a day before the end of the history: not today.
    expect(result.expertise.asOf.slice(0, 10)).toBe('2019-02-28');
    expect(result.expertise.commitsRead).toBe(6);
    const senior = result.requirements.find((r) => r.policy === 'ai-change-senior-signoff');
    expect(senior?.candidates.map((c) => [c.personId, c.expertise > 0])).toEqual([
      ['sam', true],
      ['kim', true],
      ['ada', false],
    ]);
    expect(senior?.candidates[0]?.why).toMatch(/4 recent commits .* last 4 days before the change;/);
    expect(text).toContain('in the 90 days before 2019-02-28');
    expect(text).toContain(
      '  max (mid) for critical-two-reviewers: a mid may give critical-two-reviewers, so kim (senior), ada (principal) are not asked',
    );
  });

  it('says so when nobody needs to review', async () => {
    setup();
    repo.commit('docs typo', { 'docs/index.md': '# Docs\n' }, JO);

    const { code, out } = await run(['reviewers', 'HEAD~1..HEAD']);

    expect(code).toBe(0);
    expect(out).toContain('No sign-off is missing');
  });

  it.each([
    [['--load', 'missing.json'], '--load missing.json: cannot read the file (ENOENT)'],
    [['--load', 'bad.json'], '--load bad.json: "sam" must be a whole number of open reviews, not "two"'],
    [['--since-days', '0'], '--since-days must be a positive number, not "0"'],
    [
      ['--approval', 'claude'],
      '--approval claude: no person with that id in the config (agents and unknown ids cannot approve)',
    ],
  ])('%j is a usage error in one line', async (extra, message) => {
    setup();
    writeFileSync(join(repo.dir, 'bad.json'), JSON.stringify({ sam: 'two' }));

    const { code, err } = await run(['reviewers', 'main..feature', ...extra]);

    expect(code).toBe(2);
    expect(err).toBe(
      `blastwall reviewers: ${message.replace('missing.json', join(repo.dir, 'missing.json')).replace('bad.json', join(repo.dir, 'bad.json'))}\n`,
    );
  });
});

describe('blastwall check with suggested reviewers', () => {
  it('says why each reviewer is proposed, in text and in markdown', async () => {
    setup();
    const json = JSON.parse((await run(['check', 'main..feature', '--no-risk', '--json'])).out) as {
      reviewers: { assignment: { reviewers: { personId: string; why?: string }[] } };
    };
    const proposed = json.reviewers.assignment.reviewers;

    const text = (await run(['check', 'main..feature', '--no-risk'])).out;
    const markdown = (await run(['check', 'main..feature', '--no-risk', '--format', 'markdown'])).out;

    expect(proposed.length).toBeGreaterThan(0);
    for (const reviewer of proposed) {
      expect(reviewer.why).toBeTruthy();
      expect(text).toContain(`    ${reviewer.personId}: ${reviewer.why}\n`);
      expect(markdown).toContain(`- **${reviewer.personId}**: ${reviewer.why}\n`);
    }
  });
});
