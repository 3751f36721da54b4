// `blastwall creds exec` hands an environment's static secrets to one command only after approval;
// `blastwall creds setup` writes brokered profiles and the agent's env settings.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/test-support/cli-testing.js';
import { startBrokerServer, type BrokerServer } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'blastwall.js');
const PRINT_KEY = 'process.stdout.write(process.env.STRIPE_KEY ?? "none")';

describe('blastwall creds exec and setup', () => {
  let server: BrokerServer;

  /** Runs `blastwall creds exec` as a process (asynchronously: the server runs in this process). */
  function exec(env: string, session = 's1'): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(
        process.execPath,
        [
          BIN,
          'creds',
          'exec',
          env,
          '--session',
          session,
          '--server',
          server.url,
          '--token',
          server.tokens.agent!,
          '--',
          process.execPath,
          '-e',
          PRINT_KEY,
        ],
        (error, stdout, stderr) => done({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
      );
    });
  }

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'interfaces', 'cli', 'creds', 'exec.js')))
      throw new Error('dist/ has no creds exec: run `npm run build` (or tsc -p tsconfig.build.json) first');
    server = await startBrokerServer(
      `credentials:
  prod:
    exec: { env: { STRIPE_KEY: { fromEnv: BLASTWALL_PROD_STRIPE_KEY } }, maxGrant: 10m }
    aws: { readRoleArn: "arn:aws:iam::123456789012:role/read", writeRoleArn: "arn:aws:iam::123456789012:role/admin", endpoint: "http://127.0.0.1:9", accessKeyIdEnv: K, secretAccessKeyEnv: S }
    kubernetes: { server: "https://k8s.prod.example:6443", tokenEnv: T, namespace: apps, readServiceAccount: r, writeServiceAccount: w }
  stage:
    exec: { env: { STRIPE_KEY: { fromEnv: NOT_SET } } }
`,
      { BLASTWALL_PROD_STRIPE_KEY: 'sk_live_secret' },
    );
  });
  afterAll(async () => server?.close());

  it('runs the command without the secrets until approved, with them after, and never reads them without --write', async () => {
    const held = await exec('prod');
    expect(held.code).toBe(3);
    expect(held.stdout).toBe('');
    const approvalId = /approval (apr_\S+?):/.exec(held.stderr)![1]!;
    expect((await server.call('pat', 'POST', `/v1/approvals/${approvalId}/approve`, {})).status).toBe(403);
    expect((await server.call('sam', 'POST', `/v1/approvals/${approvalId}/approve`, {})).status).toBe(200);
    expect(await exec('prod')).toMatchObject({ code: 0, stdout: 'sk_live_secret' });

    // There is no read-only form of static secrets.
    const read = await server.call('agent', 'POST', '/v1/creds/prod/exec', { sessionId: 's1' });
    expect(read).toMatchObject({ status: 403, body: { error: { code: 'denied' } } });
    // Another session is not released; after revocation neither is this one.
    expect((await exec('prod', 's2')).code).toBe(3);
    const grant = (await server.call('sam', 'GET', '/v1/creds/grants')).body.grants[0];
    expect(grant).toMatchObject({ kind: 'exec', scope: 'write', sessionId: 's1', approvedBy: ['sam'] });
    expect((await server.call('sam', 'POST', `/v1/creds/grants/${grant.id}/revoke`, {})).status).toBe(200);
    expect((await exec('prod')).code).toBe(3);
    const audit = (await server.app.store.listAudit({ limit: 1000 })).map((r) => JSON.stringify(r));
    expect(audit.some((line) => line.includes('sk_live_secret'))).toBe(false);
  });

  it('withholds every secret when one is missing', async () => {
    const stage = await server.call('agent', 'POST', '/v1/creds/stage/exec', {
      sessionId: 's1',
      scope: 'write',
    });
    const approval = stage.body.approvalId;
    await server.call('sam', 'POST', `/v1/approvals/${approval}/approve`, {});
    const answer = await server.call('agent', 'POST', '/v1/creds/stage/exec', {
      sessionId: 's1',
      scope: 'write',
    });
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'issuer-failed' } } });
    expect(answer.body.error.message).toContain('NOT_SET is not set');
  });

  it('setup writes brokered profiles, a kubeconfig and the agent env settings', async () => {
    const result = await runCli(['creds', 'setup', 'prod', '--bin', '/opt/bw/blastwall'], {
      cwd: server.repo.dir,
      env: {},
    });
    expect(result.code, result.stderr).toBe(0);
    const dir = join(server.repo.dir, '.blastwall', 'creds');
    const aws = readFileSync(join(dir, 'aws-config'), 'utf8');
    expect(aws).toContain(
      '[profile blastwall-prod]\ncredential_process = /opt/bw/blastwall creds aws prod\n',
    );
    expect(aws).toContain(
      '[profile blastwall-prod-write]\ncredential_process = /opt/bw/blastwall creds aws prod --write\n',
    );
    expect(statSync(join(dir, 'aws-config')).mode & 0o077).toBe(0);
    const kube = JSON.parse(readFileSync(join(dir, 'kubeconfig'), 'utf8'));
    expect(kube['current-context']).toBe('blastwall-prod');
    expect(kube.users[1].user.exec).toMatchObject({
      apiVersion: 'client.authentication.k8s.io/v1',
      command: '/opt/bw/blastwall',
      args: ['creds', 'kubernetes', 'prod', '--write'],
    });
    const settings = JSON.parse(readFileSync(join(server.repo.dir, '.claude', 'settings.json'), 'utf8'));
    expect(settings.env).toEqual({
      AWS_CONFIG_FILE: join(dir, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
      AWS_PROFILE: 'blastwall-prod',
      KUBECONFIG: join(dir, 'kubeconfig'),
    });
    const printed = await runCli(['creds', 'setup', 'prod', '--agent', 'print'], {
      cwd: server.repo.dir,
      env: {},
    });
    expect(printed.stdout).toContain(`export KUBECONFIG=${join(dir, 'kubeconfig')}\n`);
  });

  it('names the server on every plugin command line when it knows it, for the thin plugin process', async () => {
    const result = await runCli(['creds', 'setup', 'prod', '--agent', 'print', '--server', server.url], {
      cwd: server.repo.dir,
      env: {},
    });
    expect(result.code, result.stderr).toBe(0);
    const dir = join(server.repo.dir, '.blastwall', 'creds');
    expect(readFileSync(join(dir, 'aws-config'), 'utf8')).toContain(
      `credential_process = blastwall creds aws prod --write --server ${server.url}\n`,
    );
    const kube = JSON.parse(readFileSync(join(dir, 'kubeconfig'), 'utf8'));
    expect(kube.users[0].user.exec.args).toEqual(['creds', 'kubernetes', 'prod', '--server', server.url]);
  });
});
