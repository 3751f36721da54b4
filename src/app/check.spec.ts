import { afterEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../adapters/git/scratch-repo.js';
import { runCheck } from './check.js';

const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
  - { id: kim, level: senior, emails: [kim@example.com], teams: [shop] }
  - { id: max, level: mid, emails: [max@example.com] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: ledger,   tier: 2, owner: payments, paths: ["services/ledger/**"] }
  - { id: reports,  tier: 3, owner: finance, paths: ["services/reports/**"], dependsOn: [ledger] }
  - { id: docs,     tier: 4, owner: docs, paths: ["docs/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"], awsProfile: ["prod*"], terraformWorkspace: ["prod"], host: ["*.prod.*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*", "dev-*"], awsProfile: ["dev*"] } }
`;

const JO = { name: 'Jo Junior', email: 'jo@example.com' };
const SAM = { name: 'Sam Senior', email: 'sam@example.com' };
const CLAUDE = '\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>\n';

let repo: ScratchRepo;
afterEach(() => repo?.remove());

function setup(): ScratchRepo {
  repo = createScratchRepo();
  repo.commit(
    'initial',
    {
      'blastwall.yaml': CONFIG,
      'services/payments/pay.ts': 'export const pay = 1;\n',
      'services/ledger/ledger.ts': 'export const ledger = 1;\n',
      'docs/index.md': '# docs\n',
    },
    SAM,
  );
  repo.git('checkout', '-q', '-b', 'feature');
  return repo;
}

describe('blastwall check on a real repository', () => {
  it('holds a junior’s Claude-co-authored change to a tier-1 service for one senior approval', async () => {
    setup().commit(
      `Speed up payment retries${CLAUDE}`,
      { 'services/payments/pay.ts': 'export const pay = 2;\n' },
      JO,
    );

    const report = await runCheck({ repo: repo.dir, approvals: [] });

    expect(report.decision).toBe('needs-approval');
    expect(report.provenance.aiAssisted).toBe(true);
    expect(report.provenance.tools).toContain('claude');
    expect(report.author).toMatchObject({ id: 'jo', level: 'junior', known: true });
    const signoff = report.requirements.find((r) => r.policy === 'ai-change-senior-signoff');
    expect(signoff).toMatchObject({
      satisfied: false,
      satisfier: { approvals: 1, minLevel: 'senior', notAuthor: true },
    });
  });

  it('allows it once a senior who is not the author approves (and a second reviewer for tier 1)', async () => {
    setup().commit(
      `Speed up payment retries${CLAUDE}`,
      { 'services/payments/pay.ts': 'export const pay = 2;\n' },
      JO,
    );

    const waiting = await runCheck({ repo: repo.dir, approvals: [], reviewers: true });
    const oneSenior = await runCheck({ repo: repo.dir, approvals: ['sam'] });
    const twoReviewers = await runCheck({ repo: repo.dir, approvals: ['sam', 'kim'] });

    expect(oneSenior.requirements.find((r) => r.policy === 'ai-change-senior-signoff')?.satisfied).toBe(true);
    expect(oneSenior.requirements.find((r) => r.policy === 'critical-two-reviewers')?.satisfied).toBe(false);
    expect(twoReviewers.decision).toBe('allow');
    expect(waiting.reviewers?.assignment.complete).toBe(true);
    // Two reviewers, one of them senior: the proposal spends no more senior time than needed.
    const proposed = waiting.reviewers?.assignment.reviewers ?? [];
    expect(proposed).toHaveLength(2);
    expect(proposed.filter((r) => r.level === 'senior')).toHaveLength(1);
  });

  it('does not count the author’s own approval', async () => {
    setup().commit(`Tweak payments${CLAUDE}`, { 'services/payments/pay.ts': 'export const pay = 3;\n' }, SAM);
    repo.commit(`More tweaks${CLAUDE}`, { 'services/payments/pay.ts': 'export const pay = 4;\n' }, JO);

    const ownOnly = await runCheck({ repo: repo.dir, approvals: ['sam'] });
    const withKim = await runCheck({ repo: repo.dir, approvals: ['sam', 'kim'] });

    const signoff = ownOnly.requirements.find((r) => r.policy === 'ai-change-senior-signoff');
    expect(signoff).toMatchObject({ satisfied: false, approvedBy: [] });
    expect(ownOnly.decision).toBe('needs-approval');
    expect(withKim.requirements.find((r) => r.policy === 'ai-change-senior-signoff')?.approvedBy).toEqual([
      'kim',
    ]);
    expect(withKim.requirements.find((r) => r.policy === 'critical-two-reviewers')).toMatchObject({
      satisfied: false,
      approvedBy: ['kim'],
    });
  });

  it('allows a human-only docs change', async () => {
    setup().commit('Fix a typo in the docs', { 'docs/index.md': '# Docs\n' }, JO);

    const report = await runCheck({ repo: repo.dir, approvals: [] });

    expect(report.decision).toBe('allow');
    expect(report.provenance.aiAssisted).toBe(false);
    expect(report.requirements).toEqual([]);
    expect(report.blastRadius.services).toEqual([
      expect.objectContaining({ id: 'docs', tier: 4, direct: true }),
    ]);
  });

  it('puts a service that depends on the changed one in the blast radius as not direct', async () => {
    setup().commit('Change the ledger', { 'services/ledger/ledger.ts': 'export const ledger = 2;\n' }, SAM);

    const report = await runCheck({ repo: repo.dir, approvals: [] });

    expect(report.blastRadius.services).toEqual([
      expect.objectContaining({ id: 'ledger', tier: 2, direct: true }),
      expect.objectContaining({ id: 'reports', tier: 3, direct: false, via: ['ledger'] }),
    ]);
    expect(report.blastRadius.mostCriticalTier).toBe(2);
  });

  it('reaches tier 1 through dependents and asks for a senior owner', async () => {
    setup().commit('Payments API change', { 'services/payments/pay.ts': 'export const pay = 5;\n' }, SAM);

    const report = await runCheck({ repo: repo.dir, approvals: ['kim'] });

    const wide = report.requirements.find((r) => r.policy === 'wide-blast-radius');
    expect(report.blastRadius.services.find((s) => s.id === 'checkout')).toMatchObject({
      direct: false,
      tier: 1,
    });
    expect(wide).toMatchObject({ satisfied: true, approvedBy: ['kim'] });
  });

  it('treats an unknown author as the lowest level and says so', async () => {
    setup().commit(
      `Quick fix${CLAUDE}`,
      { 'docs/index.md': '# Hi\n' },
      { name: 'Stranger', email: 'who@elsewhere.org' },
    );

    const report = await runCheck({ repo: repo.dir, approvals: [] });

    expect(report.author).toMatchObject({ known: false, level: 'junior' });
    expect(report.notes.join('\n')).toMatch(/not in the config; treated as the lowest level/);
    expect(report.decision).toBe('needs-approval');
  });

  it('lets the least senior of several authors decide', async () => {
    setup().commit(`Part one${CLAUDE}`, { 'docs/a.md': 'a\n' }, SAM);
    repo.commit('Part two', { 'docs/b.md': 'b\n' }, { name: 'Max', email: 'max@example.com' });

    const report = await runCheck({ repo: repo.dir, approvals: [] });

    expect(report.author.id).toBe('max');
    expect(report.authors.map((a) => a.id).sort()).toEqual(['max', 'sam']);
    expect(report.decision).toBe('needs-approval');
  });

  it('rejects an unknown approver id with a message saying so', async () => {
    setup().commit('docs', { 'docs/a.md': 'a\n' }, SAM);

    await expect(runCheck({ repo: repo.dir, approvals: ['claude-code'] })).rejects.toThrow(
      /no person with that id/,
    );
  });

  it('handles renames, binary files, deletions and merge commits', async () => {
    setup().commit(
      'binary and rename',
      {
        'services/ledger/logo.png': Buffer.from([0, 1, 2, 3, 0, 255]),
        'services/payments/pay.ts': null,
        'services/payments/payment.ts': 'export const pay = 1;\n',
        'docs/index.md': null,
      },
      SAM,
    );
    repo.git('checkout', '-q', 'main');
    repo.commit('main moves on', { 'services/reports/r.ts': 'r\n' }, SAM);
    repo.git('checkout', '-q', 'feature');
    repo.git('merge', '-q', '--no-edit', 'main');

    const report = await runCheck({ repo: repo.dir, range: 'main..feature', approvals: [] });

    const paths = Object.fromEntries(report.blastRadius.services.map((s) => [s.id, s.direct]));
    expect(paths).toMatchObject({ payments: true, ledger: true });
    expect(report.files).toBe(3);
    expect(report.commits).toBe(2);
  });

  it('counts a person named in a Co-authored-by trailer as an author, whose sign-off does not count', async () => {
    // Jo writes a Claude-assisted change to payments and names Sam as co-author; Sam then "approves" it.
    setup().commit(
      `Speed up payment retries\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>\nCo-authored-by: Sam Senior <sam@example.com>\n`,
      { 'services/payments/pay.ts': 'export const pay = 2;\n' },
      JO,
    );

    const report = await runCheck({ repo: repo.dir, approvals: ['sam'] });

    expect(report.authors.map((a) => [a.id, a.coAuthor ?? false])).toEqual([
      ['jo', false],
      ['sam', true],
    ]);
    expect(report.decision).toBe('needs-approval');
    const signoff = report.requirements.find((r) => r.policy === 'ai-change-senior-signoff');
    expect(signoff).toMatchObject({ satisfied: false, approvedBy: [] });
    expect(report.notes.join('\n')).toMatch(/what-if: sign-offs by sam are assumed/);
  });

  it('refuses an empty range as a usage error, never an allow', async () => {
    setup();

    await expect(runCheck({ repo: repo.dir, range: 'main..main', approvals: [] })).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringMatching(/main\.\.main holds no commits/),
    });
  });

  it('reads a single revision as that commit (REV^..REV)', async () => {
    setup().commit('one', { 'docs/a.md': 'a\n' }, JO);
    repo.commit('two', { 'docs/b.md': 'b\n' }, JO);
    const head = repo.git('rev-parse', 'feature').trim();
    const parent = repo.git('rev-parse', 'feature^').trim();

    const report = await runCheck({ repo: repo.dir, range: 'feature', approvals: [] });

    expect(report.range).toEqual({ base: parent, head });
    expect(report.commits).toBe(1);
  });
});
