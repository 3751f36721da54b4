import { afterEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../adapters/git/scratch-repo.js';
import type {
  GithubClient,
  PullCommit,
  PullFile,
  PullRequestInfo,
  PullReview,
} from '../adapters/github/types.js';
import type { Person } from '../core/model.js';
import { runCheck } from './check.js';
import { approvalsFromReviews, changeFromPullRequest, evaluatePullRequest } from './pull-requests.js';
import { openWorkspace } from './workspace.js';

const HEAD = 'h'.repeat(40);
const OLD = 'o'.repeat(40);
const PEOPLE: Person[] = [
  { id: 'jo', level: 'junior', emails: ['jo@example.com'], teams: [], logins: ['jo', 'jo-writes'] },
  { id: 'sam', level: 'senior', emails: ['sam@example.com'], teams: [], logins: ['sam', 'Sam-Reviews'] },
  { id: 'kim', level: 'senior', emails: ['kim@example.com'], teams: [], logins: ['kim'] },
];
const PR: PullRequestInfo = {
  number: 3,
  state: 'open',
  title: 't',
  baseSha: 'b'.repeat(40),
  headSha: HEAD,
  labels: ['ai-assisted'],
};

function review(id: number, login: string, state: string, commitId = HEAD): PullReview {
  return { id, login, state, commitId, submittedAt: `2026-01-05T10:${String(id).padStart(2, '0')}:00Z` };
}

describe('approvalsFromReviews', () => {
  it.each([
    ['an approval on the head counts', [review(1, 'sam-reviews', 'APPROVED')], ['sam'], ''],
    ['the login is matched without regard to case', [review(1, 'SAM-REVIEWS', 'APPROVED')], ['sam'], ''],
    ['the person id works as a login', [review(1, 'kim', 'APPROVED')], ['kim'], ''],
    [
      'an approval on an older commit does not count',
      [review(1, 'sam', 'APPROVED', OLD)],
      [],
      /given on oooooooooo, before the last push/,
    ],
    [
      'the latest verdict wins: changes requested after approval',
      [review(1, 'sam', 'APPROVED'), review(2, 'sam', 'CHANGES_REQUESTED')],
      [],
      '',
    ],
    [
      'the latest verdict wins: approval after changes requested',
      [review(1, 'sam', 'CHANGES_REQUESTED'), review(2, 'sam', 'APPROVED')],
      ['sam'],
      '',
    ],
    [
      'a later comment does not withdraw an approval',
      [review(1, 'sam', 'APPROVED'), review(2, 'sam', 'COMMENTED')],
      ['sam'],
      '',
    ],
    ['a dismissed approval does not count', [review(1, 'sam', 'DISMISSED')], [], ''],
    [
      'an unmapped login does not count',
      [review(1, 'copilot-pull-request-reviewer[bot]', 'APPROVED')],
      [],
      /not mapped to a person/,
    ],
    [
      'two logins of one person count once',
      [review(1, 'sam', 'APPROVED'), review(2, 'sam-reviews', 'APPROVED')],
      ['sam'],
      '',
    ],
    [
      'the order GitHub lists them in does not matter',
      [review(2, 'sam', 'CHANGES_REQUESTED'), review(1, 'sam', 'APPROVED')],
      [],
      '',
    ],
  ])('%s', (_name, reviews, approvers, note) => {
    const { approvals, notes } = approvalsFromReviews(reviews, PEOPLE, HEAD);

    expect(approvals.map((a) => a.personId)).toEqual(approvers);
    if (note) expect(notes.join('\n')).toMatch(note);
    else expect(notes).toEqual([]);
  });
});

describe('changeFromPullRequest', () => {
  const base = { additions: 2, deletions: 1, changes: 3, hasPatch: true };
  it.each<[string, PullFile, object]>([
    ['added', { ...base, filename: 'a.ts', status: 'added' }, { status: 'added', binary: false }],
    ['removed', { ...base, filename: 'a.ts', status: 'removed' }, { status: 'deleted' }],
    [
      'renamed keeps the old path',
      {
        ...base,
        filename: 'new.ts',
        previousFilename: 'old.ts',
        status: 'renamed',
        additions: 0,
        deletions: 0,
        changes: 0,
        hasPatch: false,
      },
      { status: 'renamed', oldPath: 'old.ts', binary: false },
    ],
    [
      'a binary file has no patch and no lines',
      { filename: 'logo.png', status: 'modified', additions: 0, deletions: 0, changes: 0, hasPatch: false },
      { binary: true, added: 0 },
    ],
    [
      'a huge text diff has no patch but counts lines',
      {
        filename: 'big.json',
        status: 'modified',
        additions: 9000,
        deletions: 0,
        changes: 9000,
        hasPatch: false,
      },
      { binary: false, added: 9000 },
    ],
    [
      'changed is a type change',
      { ...base, filename: 'link', status: 'changed' },
      { status: 'type-changed' },
    ],
  ])('maps a %s file', (_name, file, expected) => {
    const change = changeFromPullRequest(PR, [], [file]);

    expect(change.files[0]).toMatchObject(expected);
  });

  it('takes base, head and labels from the pull request', () => {
    expect(changeFromPullRequest(PR, [], [])).toMatchObject({
      base: PR.baseSha,
      head: HEAD,
      labels: ['ai-assisted'],
    });
  });

  it('recognises an author by their GitHub login when the commit email is not configured', () => {
    const commit: PullCommit = {
      sha: HEAD,
      parents: [],
      authorName: 'Jo',
      authorEmail: 'jo@laptop.local',
      committerName: 'Jo',
      committerEmail: 'jo@laptop.local',
      message: 'm',
      authorLogin: 'jo-writes',
    };

    const change = changeFromPullRequest(PR, [commit], [], PEOPLE);

    expect(change.commits[0]?.authorEmail).toBe('jo-writes@users.noreply.github.com');
  });
});

describe('evaluatePullRequest', () => {
  let repo: ScratchRepo | undefined;
  afterEach(() => repo?.remove());

  it('gives the same report as blastwall check on the same commits and approvals', async () => {
    repo = createScratchRepo();
    repo.commit('initial', {
      'blastwall.yaml': `people:
  - { id: jo, level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], github: sam-reviews }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 2, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"] } }
`,
      'services/payments/pay.ts': 'export const pay = 1;\n',
    });
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.commit(
      'Retry payments\n\nCo-authored-by: Claude <noreply@anthropic.com>\n',
      { 'services/payments/pay.ts': 'export const pay = 2;\nexport const retry = 3;\n' },
      { name: 'Jo', email: 'jo@example.com' },
    );
    const head = repo.git('rev-parse', 'HEAD').trim();
    const github = githubFromRepo(repo, base, head, [review(1, 'sam-reviews', 'APPROVED', head)]);
    const workspace = await openWorkspace(repo.dir, undefined, { BLASTWALL_CACHE: 'off' });

    const fromGit = await runCheck({ repo: repo.dir, range: `${base}..${head}`, approvals: ['sam'] });
    const fromGithub = (
      await evaluatePullRequest({ workspace, github }, { owner: 'acme', repo: 'shop', number: 3 })
    ).report;

    expect(fromGithub.decision).toBe('needs-approval');
    for (const key of [
      'decision',
      'range',
      'commits',
      'files',
      'linesAdded',
      'linesDeleted',
      'author',
      'blastRadius',
    ] as const) {
      expect(fromGithub[key], key).toEqual(fromGit[key]);
    }
    // Cedar reports the matched policies as a set, so only their order may differ.
    const byPolicy = (a: { policy: string }, b: { policy: string }) => a.policy.localeCompare(b.policy);
    expect([...fromGithub.requirements].sort(byPolicy)).toEqual([...fromGit.requirements].sort(byPolicy));
    expect([...fromGithub.reasons].sort()).toEqual([...fromGit.reasons].sort());
    expect(fromGithub.provenance.tools).toEqual(fromGit.provenance.tools);
  });
});

/** An in-memory GitHub that lists a scratch repository's range the way the REST API would. */
function githubFromRepo(repo: ScratchRepo, base: string, head: string, reviews: PullReview[]): GithubClient {
  const shas = repo.git('rev-list', '--reverse', `${base}..${head}`).trim().split('\n');
  const commits: PullCommit[] = shas.map((sha) => {
    const [name = '', email = '', date = ''] = repo
      .git('show', '-s', '--format=%an%x00%ae%x00%aI', sha)
      .trim()
      .split('\0');
    return {
      sha,
      parents: [base],
      authorName: name,
      authorEmail: email,
      authorDate: date,
      committerName: name,
      committerEmail: email,
      message: repo.git('show', '-s', '--format=%B', sha),
    };
  });
  const files: PullFile[] = repo
    .git('diff', '--numstat', base, head)
    .trim()
    .split('\n')
    .map((line) => {
      const [added = '0', deleted = '0', filename = ''] = line.split('\t');
      return {
        filename,
        status: 'modified',
        additions: Number(added),
        deletions: Number(deleted),
        changes: Number(added) + Number(deleted),
        hasPatch: true,
      };
    });
  const none = async (): Promise<never> => {
    throw new Error('not used');
  };
  return {
    getPullRequest: async () => ({ ...PR, labels: [], baseSha: base, headSha: head }),
    listPullCommits: async () => commits,
    listPullFiles: async () => files,
    listPullReviews: async () => reviews,
    createCheckRun: none,
    listIssueComments: none,
    createIssueComment: none,
    updateIssueComment: none,
  };
}
