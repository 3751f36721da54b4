// AWS credential_process through the real SDK: the SDK runs `blastwall creds aws`, which asks the broker,
// which calls STS AssumeRole (a local server speaking STS's documented Query API) through @aws-sdk/client-sts.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSts, type FakeSts } from '../../src/test-support/fake-sts.js';
import { startBrokerServer, type BrokerServer } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'blastwall.js');
const READ = 'arn:aws:iam::123456789012:role/prod-read';
const WRITE = 'arn:aws:iam::123456789012:role/prod-admin';

describe('blastwall creds aws as an AWS credential_process', () => {
  let sts: FakeSts;
  let server: BrokerServer;
  let dir: string;
  let configFile: string;

  /** Who the SDK is, asking the fake STS with the credentials the named profile's credential_process gave. */
  async function whoAmI(profile: string): Promise<string> {
    const client = new STSClient({ region: 'us-east-1', endpoint: sts.url, profile, maxAttempts: 1 });
    try {
      return (await client.send(new GetCallerIdentityCommand({}))).Arn!;
    } finally {
      client.destroy();
    }
  }

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'interfaces', 'cli', 'commands', 'creds.js')))
      throw new Error('dist/ has no creds verb: run `npm run build` (or tsc -p tsconfig.build.json) first');
    sts = await startFakeSts();
    server = await startBrokerServer(
      `credentials:
  prod:
    aws: { readRoleArn: "${READ}", writeRoleArn: "${WRITE}", endpoint: "${sts.url}", accessKeyIdEnv: BROKER_KEY, secretAccessKeyEnv: BROKER_SECRET, maxGrant: 20m }
  stage:
    aws: { readRoleArn: "${READ}", writeRoleArn: "${WRITE}", endpoint: "${sts.url}", accessKeyIdEnv: NOT_SET_KEY, secretAccessKeyEnv: NOT_SET_SECRET }
`,
      { BROKER_KEY: 'AKIABROKER', BROKER_SECRET: 'broker-secret' },
    );
    dir = mkdtempSync(join(tmpdir(), 'bw-aws-'));
    configFile = join(dir, 'config');
    const process = (env: string, session: string, extra = '') =>
      `credential_process = "${globalThis.process.execPath}" "${BIN}" creds aws ${env} --session ${session} --server ${server.url} --token ${server.tokens.agent} ${extra}`;
    writeFileSync(
      configFile,
      [
        '[profile prod]',
        process('prod', 's1'),
        '[profile prod-write]',
        process('prod', 's1', '--write --minutes 10'),
        '[profile prod-other-session]',
        process('prod', 's2', '--write --minutes 10'),
        '[profile stage]',
        process('stage', 's1'),
        '',
      ].join('\n'),
    );
    globalThis.process.env.AWS_CONFIG_FILE = configFile;
    globalThis.process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'no-credentials');
  });

  afterAll(async () => {
    delete process.env.AWS_CONFIG_FILE;
    delete process.env.AWS_SHARED_CREDENTIALS_FILE;
    await server?.close();
    await sts?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the read-only role by default, and the elevated one only after approval', async () => {
    expect(await whoAmI('prod')).toContain(READ);
    const assumed = sts.calls.filter((call) => call.action === 'AssumeRole');
    expect(assumed).toHaveLength(1);
    expect(assumed[0]).toMatchObject({
      signedBy: 'AKIABROKER',
      params: { RoleArn: READ, DurationSeconds: '1200' },
    });
    expect(assumed[0]!.params.RoleSessionName).toMatch(/^blastwall-grt_/);

    // Elevated before approval: the process exits 3, the SDK has no credentials at all (not the read-only ones).
    await expect(whoAmI('prod-write')).rejects.toThrow();
    const pending = (await server.call('sam', 'GET', '/v1/approvals?status=pending')).body.approvals;
    expect(pending).toHaveLength(1);
    expect((await server.call('pat', 'POST', `/v1/approvals/${pending[0].id}/approve`, {})).status).toBe(403);
    expect((await server.call('sam', 'POST', `/v1/approvals/${pending[0].id}/approve`, {})).status).toBe(200);

    expect(await whoAmI('prod-write')).toContain(WRITE);
    const elevated = sts.calls.filter((call) => call.action === 'AssumeRole').at(-1)!;
    expect(elevated.params).toMatchObject({ RoleArn: WRITE, DurationSeconds: '900' });
    // Ten approved minutes are shorter than STS's shortest session: the session policy ends them on time.
    const policy = JSON.parse(elevated.params.Policy!);
    const end = Date.parse(policy.Statement[1].Condition.DateGreaterThan['aws:CurrentTime']);
    expect(end - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(end - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    // Another session of the same agent is not released by this approval.
    await expect(whoAmI('prod-other-session')).rejects.toThrow();

    // After the grant's end the elevated profile is held again.
    server.advance(11 * 60_000);
    await expect(whoAmI('prod-write')).rejects.toThrow();
    expect(
      sts.calls.filter((call) => call.action === 'AssumeRole' && call.params.RoleArn === WRITE),
    ).toHaveLength(1);
  });

  it('gives no credentials at all when STS fails or the issuer has no credentials of its own', async () => {
    sts.failWith({ status: 403, code: 'AccessDenied' });
    try {
      const before = sts.issued.size;
      const answer = await server.call('agent', 'POST', '/v1/creds/prod/aws', { sessionId: 'fresh' });
      expect(answer.status).toBe(503);
      expect(answer.body.error.message).toContain('AccessDenied');
      expect(sts.issued.size).toBe(before);
    } finally {
      sts.failWith(undefined);
    }
    const before = sts.calls.length;
    await expect(whoAmI('stage')).rejects.toThrow();
    const answer = await server.call('agent', 'POST', '/v1/creds/stage/aws', { sessionId: 's1' });
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'issuer-failed' } } });
    expect(answer.body.error.message).toContain('NOT_SET_KEY is not set');
    expect(sts.calls.length).toBe(before);
  });
});
