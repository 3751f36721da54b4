import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../../adapters/git/scratch-repo.js';
import { runCli } from '../../../test-support/cli-testing.js';

const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com] }
services:
  - { id: docs, tier: 4, owner: docs, paths: ["docs/**"] }
`;
const HEADER = ',_id,date,bug,__,ns,nd,nf,entrophy,la,ld,lt,fix,ndev,age,nuc,exp,rexp,sexp';
const JO = { name: 'Jo', email: 'jo@example.com' };

/**
 * Labels the opposite of what the shipped model learned: one-line changes are the buggy ones. The other
 * metrics vary over what the test repository's small history shows, so the model has only `la` to go by.
 */
function invertedCsv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const la = 1 + ((i * 37) % 200);
    const bug = la <= 10 ? 1 : 0;
    lines.push(
      `${i},sha${i},${1_000 + i},${bug},${bug},1,1,1,0,${la},${i % 3},${1 + (i % 5)},0,${i % 3},${i % 4},${i % 3},${i % 4},${i % 4},${i % 4}`,
    );
  }
  return lines.join('\n');
}

let repo: ScratchRepo;
beforeEach(async () => {
  repo = createScratchRepo();
  repo.commit('config', { 'blastwall.yaml': CONFIG, 'docs/index.md': '# docs\n' });
  repo.git('checkout', '-q', '-b', 'feature');
  repo.commit('Reword the heading', { 'docs/index.md': '# Docs\n' }, JO);
  writeFileSync(join(repo.dir, 'inverted.csv'), invertedCsv(400));
  const trained = await cli(['risk', 'train', '--data', 'inverted.csv', '--out', 'trained.json']);
  expect(trained.code).toBe(0);
});
afterEach(() => repo.remove());

async function cli(argv: string[]) {
  return runCli(argv, { cwd: repo.dir, env: { BLASTWALL_CACHE: 'off' } });
}

async function riskOf(extra: string[]): Promise<number> {
  const run = await cli(['check', 'main..feature', '--json', '--no-reviewers', ...extra]);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { risk: { score: number } }).risk.score;
}

describe('check with a trained risk model', () => {
  it('scores with --risk-model FILE, exactly as risk score does with that model', async () => {
    const scored = await cli(['risk', 'score', 'main..feature', '--model', 'trained.json', '--json']);
    const expected = (JSON.parse(scored.stdout) as { score: number }[])[0]?.score;

    const trained = await riskOf(['--risk-model', 'trained.json']);
    const shipped = await riskOf([]);

    expect(trained).toBe(expected);
    // The trained model calls a one-line change risky; the shipped one does not.
    expect(trained).toBeGreaterThan(shipped + 20);
  });

  it('scores with risk.model of blastwall.yaml, relative to the file, and the flag overrides it', async () => {
    const shipped = await riskOf([]);
    const flagged = await riskOf(['--risk-model', 'trained.json']);
    writeFileSync(join(repo.dir, 'blastwall.yaml'), `${CONFIG}risk: { model: trained.json }\n`);

    const configured = await riskOf([]);
    const { DEFAULT_MODEL_URL } = await import('../../../adapters/git/change-risk.js');
    const overridden = await riskOf(['--risk-model', DEFAULT_MODEL_URL.pathname]);

    expect(configured).toBe(flagged);
    expect(overridden).toBe(shipped);
  });

  it.each([
    [['--risk-model', 'missing.json'], undefined, /missing\.json: cannot read model/],
    [[], 'risk: { model: nope.json }\n', /nope\.json: cannot read model/],
    [[], 'risk: { modle: x.json }\n', /blastwall\.yaml:\d+: risk: unknown key "modle"/],
  ])('a model that cannot be used is exit 2 with the file named (%j)', async (extra, config, message) => {
    if (config) writeFileSync(join(repo.dir, 'blastwall.yaml'), `${CONFIG}${config}`);

    const run = await cli(['check', 'main..feature', '--no-reviewers', ...extra]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
