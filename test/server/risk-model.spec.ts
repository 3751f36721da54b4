import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';
import { runCli } from '../../src/test-support/cli-testing.js';
import { startTestServer, type TestServer } from '../../src/test-support/running-server.js';

// `blastwall serve` scores a change's risk with `risk.model` of blastwall.yaml, as `check` does (issue 17).
const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com] }
services:
  - { id: docs, tier: 4, owner: docs, paths: ["docs/**"] }
`;
const HEADER = ',_id,date,bug,__,ns,nd,nf,entrophy,la,ld,lt,fix,ndev,age,nuc,exp,rexp,sexp';

/** Labels the opposite of what the shipped model learned: one-line changes are the buggy ones. */
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
let dir: string;
let server: TestServer | undefined;
beforeEach(async () => {
  repo = createScratchRepo('bw-serve-risk-');
  repo.commit('config', { 'blastwall.yaml': CONFIG, 'docs/index.md': '# docs\n' });
  repo.git('checkout', '-q', '-b', 'feature');
  repo.commit('Reword the heading', { 'docs/index.md': '# Docs\n' }, { name: 'Jo', email: 'jo@example.com' });
  repo.git('checkout', '-q', 'main');
  writeFileSync(join(repo.dir, 'inverted.csv'), invertedCsv(400));
  const trained = await cli(['risk', 'train', '--data', 'inverted.csv', '--out', 'trained.json']);
  expect(trained.code).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'bw-serve-risk-db-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  repo.remove();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  return runCli(argv, { cwd: repo.dir, env: { BLASTWALL_CACHE: 'off' } });
}

/** The risk `serve` gives the feature branch through `POST /v1/changes/check`. */
async function servedRisk(): Promise<number> {
  server = await startTestServer(repo, join(dir, `${Date.now()}.db`));
  const token = await server.token('reviewer', { personId: 'sam' });
  const response = await server.call('POST', '/v1/changes/check', {
    token,
    body: { range: 'main..feature' },
  });
  expect(response.status).toBe(200);
  const score = ((await response.json()) as { risk: { score: number } }).risk.score;
  await server.close();
  server = undefined;
  return score;
}

describe('serve with risk.model in blastwall.yaml', () => {
  it('scores the change with the configured model, exactly as check does with it', async () => {
    const shipped = await servedRisk();
    writeFileSync(join(repo.dir, 'blastwall.yaml'), `${CONFIG}risk: { model: trained.json }\n`);
    const checked = await cli(['check', 'main..feature', '--json', '--no-reviewers']);

    const configured = await servedRisk();

    expect(configured).toBe((JSON.parse(checked.stdout) as { risk: { score: number } }).risk.score);
    // The trained model calls a one-line change risky; the shipped one does not.
    expect(configured).toBeGreaterThan(shipped + 20);
  });
});
