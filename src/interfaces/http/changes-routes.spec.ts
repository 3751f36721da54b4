import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateToken, hashToken, openStore, type Store } from '../../adapters/storage/index.js';
import type { CheckReport } from '../../core/change/decide-change.js';
import { BlastwallError } from '../../core/errors.js';
import { createHttpApp } from './app.js';

let dir: string;
let store: Store;
let token: string;
let asked: { repo: string; range: string; approvals: string[] }[];
let app: ReturnType<typeof createHttpApp>;

function reportFor(range: string): CheckReport {
  const [base = 'main', head = 'HEAD'] = range.split('..');
  return {
    decision: 'needs-approval',
    range: { base, head },
    reasons: ['needs a senior'],
    requirements: [],
    notes: [],
  } as unknown as CheckReport;
}

async function check(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await app.request('/v1/changes/check', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-changes-'));
  store = await openStore(join(dir, 'c.db'));
  token = generateToken();
  await store.createToken({ role: 'reviewer', personId: 'sam', hash: hashToken(token) }, 'test');
  asked = [];
  app = createHttpApp({
    store,
    repo: dir,
    runCheck: async (request) => {
      asked.push(request);
      if (request.approvals.includes('ghost'))
        throw new BlastwallError('usage', '--approval ghost: no person with that id in the config');
      return reportFor(request.range);
    },
  });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /v1/changes/check', () => {
  it('checks a range of the server repository and records the decision', async () => {
    const answer = await check({ range: 'main..feature', approvals: ['sam'] });

    expect(answer).toMatchObject({
      status: 200,
      body: { decision: 'needs-approval', range: { base: 'main', head: 'feature' } },
    });
    expect(asked).toEqual([{ repo: dir, range: 'main..feature', approvals: ['sam'] }]);
    expect(await store.listChangeDecisions({ repo: dir })).toMatchObject([
      { base: 'main', head: 'feature', decision: 'needs-approval' },
    ]);
  });

  it.each([
    ['a range that would be a git option', { range: '--output=/tmp/x' }, 'invalid-request'],
    ['a range with a space', { range: 'main.. HEAD' }, 'invalid-request'],
    ['another repository', { range: 'main..HEAD', repo: '/etc' }, 'unknown-repo'],
    ['an unknown approver', { range: 'main..HEAD', approvals: ['ghost'] }, 'check-usage'],
    ['approvals that are not strings', { range: 'main..HEAD', approvals: [1] }, 'invalid-request'],
  ])('refuses %s with a 400', async (_name, body, code) => {
    const answer = await check(body);

    expect(answer).toMatchObject({ status: 400, body: { error: { code } } });
  });
});
