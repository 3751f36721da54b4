import { afterEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../../adapters/git/scratch-repo.js';
import { runCli } from '../../../test-support/cli-testing.js';

const VALID = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: docs,     tier: 4, owner: docs, paths: ["docs/**"] }
`;

let repo: ScratchRepo;
afterEach(() => repo?.remove());

/** `blastwall check` in a repository whose only commit holds this blastwall.yaml. */
async function checkWith(config: string) {
  repo = createScratchRepo();
  repo.commit('config', { 'blastwall.yaml': config });
  // A range with commits: an empty one is a usage error of its own.
  repo.commit('a change', { 'README.md': 'hello\n' });
  return runCli(['check', 'HEAD~1..HEAD', '--no-risk'], { cwd: repo.dir });
}

describe('check on an invalid blastwall.yaml', () => {
  it('reports every schema problem at once, each with its line, in file order, and exits 2', async () => {
    const config = VALID.replace('level: junior', 'level: intern').replace('tier: 4,', 'tier: 9,');

    const run = await checkWith(config);

    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^blastwall check: blastwall\.yaml:2: people\.0\.level: /);
    expect(lines[1]).toMatch(/^blastwall\.yaml:7: services\.2\.tier: /);
  });

  it('names the line of a dependency on an unknown service', async () => {
    const run = await checkWith(VALID.replace('dependsOn: [payments]', 'dependsOn: [payments, billing]'));

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /blastwall\.yaml:6: service "checkout" depends on "billing", which is not a known service\n$/,
    );
  });

  it('reports a dependency cycle with the line of one of its edges and the whole path', async () => {
    const config = VALID.replace(
      'paths: ["services/payments/**"] }',
      'paths: ["services/payments/**"], dependsOn: [docs] }',
    ).replace('paths: ["docs/**"] }', 'paths: ["docs/**"], dependsOn: [checkout] }');

    const run = await checkWith(config);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /blastwall\.yaml:5: services depend on each other in a cycle: payments → docs → checkout → payments\n$/,
    );
  });

  it('reports reference problems together, top to bottom: a duplicate person, an unknown dependency and a cycle', async () => {
    const config =
      `${VALID.replace('dependsOn: [payments]', 'dependsOn: [payments, checkout, ledger]')}`.replace(
        '  - { id: sam,',
        '  - { id: jo, level: mid }\n  - { id: sam,',
      );

    const run = await checkWith(config);

    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/blastwall\.yaml:3: person "jo" is defined twice$/),
      expect.stringMatching(/blastwall\.yaml:7: service "checkout" depends on "ledger"/),
      expect.stringMatching(
        /blastwall\.yaml:7: services depend on each other in a cycle: checkout → checkout$/,
      ),
    ]);
  });

  it('still runs on a valid file (the messages above come from the problems, not from check)', async () => {
    const run = await checkWith(VALID);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
