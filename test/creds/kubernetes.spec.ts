// The Kubernetes exec credential plugin through the real @kubernetes/client-node: the client runs
// `blastwall creds kubernetes`, which asks the broker, which requests a bound service-account token
// (TokenRequest API through @kubernetes/client-node) from a local server speaking the documented API.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuthenticationV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKubernetes, type FakeKubernetes } from '../../src/test-support/fake-kubernetes.js';
import { startBrokerServer, type BrokerServer } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'blastwall.js');

describe('blastwall creds kubernetes as an exec credential plugin', () => {
  let cluster: FakeKubernetes;
  let server: BrokerServer;

  /** Who the cluster says the user is: with the exec plugin (`args` for blastwall), or with a fixed token. */
  async function whoAmI(user: { args: string[] } | { token: string }): Promise<string> {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'prod', server: cluster.url, skipTLSVerify: true }],
      users: [
        'token' in user
          ? { name: 'agent', token: user.token }
          : {
              name: 'agent',
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: process.execPath,
                args: [
                  BIN,
                  'creds',
                  'kubernetes',
                  'prod',
                  '--server',
                  server.url,
                  '--token',
                  server.tokens.agent!,
                  ...user.args,
                ],
                interactiveMode: 'Never',
              },
            },
      ],
      contexts: [{ name: 'prod', cluster: 'prod', user: 'agent' }],
      currentContext: 'prod',
    });
    const review = await config.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    return review.status!.userInfo!.username!;
  }

  /** The ExecCredential the plugin printed, straight from the CLI (asynchronously: the server runs in this process). */
  function execCredential(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(
        process.execPath,
        [
          BIN,
          'creds',
          'kubernetes',
          'prod',
          '--server',
          server.url,
          '--token',
          server.tokens.agent!,
          ...args,
        ],
        (error, stdout, stderr) => done({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
      );
    });
  }

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'adapters', 'creds', 'kubernetes-tokens.js')))
      throw new Error(
        'dist/ has no Kubernetes issuer: run `npm run build` (or tsc -p tsconfig.build.json) first',
      );
    cluster = await startFakeKubernetes({
      brokerToken: 'broker-token',
      serviceAccounts: ['agent-read', 'agent-admin'],
    });
    server = await startBrokerServer(
      `credentials:
  prod:
    kubernetes: { server: "${cluster.url}", tokenEnv: BROKER_K8S_TOKEN, namespace: apps, insecureSkipTlsVerify: true, readServiceAccount: agent-read, writeServiceAccount: agent-admin, maxGrant: 20m }
`,
      { BROKER_K8S_TOKEN: 'broker-token' },
    );
  });

  afterAll(async () => {
    await server?.close();
    await cluster?.close();
  });

  it('gives the read-only service account by default, the elevated one only after approval and until revoked', async () => {
    expect(await whoAmI({ args: ['--session', 's1'] })).toBe('system:serviceaccount:apps:agent-read');
    const read = await execCredential(['--session', 's1']);
    expect(read.code, read.stderr).toBe(0);
    const credential = JSON.parse(read.stdout);
    expect(credential).toMatchObject({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
    });
    expect(Date.parse(credential.status.expirationTimestamp) - Date.now()).toBeLessThanOrEqual(20 * 60_000);
    expect(cluster.tokenRequests[0]).toMatchObject({
      namespace: 'apps',
      serviceAccount: 'agent-read',
      spec: { expirationSeconds: 1200, boundObjectRef: { kind: 'Secret' } },
    });

    // Elevated before approval: the plugin exits 3 and the client has no credentials at all.
    await expect(whoAmI({ args: ['--session', 's1', '--write', '--minutes', '5'] })).rejects.toThrow(
      /held for approval/,
    );
    const pending = (await server.call('sam', 'GET', '/v1/approvals?status=pending')).body.approvals;
    expect((await server.call('sam', 'POST', `/v1/approvals/${pending[0].id}/approve`, {})).status).toBe(200);
    expect(await whoAmI({ args: ['--session', 's1', '--write', '--minutes', '5'] })).toBe(
      'system:serviceaccount:apps:agent-admin',
    );
    // Five minutes are shorter than TokenRequest allows: the token is bound to a Secret that goes at the grant's end.
    expect(cluster.tokenRequests.at(-1)).toMatchObject({
      serviceAccount: 'agent-admin',
      spec: { expirationSeconds: 600 },
    });

    const elevated = JSON.parse(
      (await execCredential(['--session', 's1', '--write', '--minutes', '5'])).stdout,
    );
    const grant = (await server.call('sam', 'GET', '/v1/creds/grants')).body.grants.find(
      (g: { scope: string; kind: string }) => g.scope === 'write' && g.kind === 'kubernetes',
    );
    expect(Date.parse(elevated.status.expirationTimestamp)).toBe(Date.parse(grant.expiresAt));
    expect((await server.call('sam', 'POST', `/v1/creds/grants/${grant.id}/revoke`, {})).status).toBe(200);
    // Revoked: the Secret is gone, so the very token the agent holds stops working.
    await expect(whoAmI({ token: elevated.status.token })).rejects.toThrow();
    expect((await execCredential(['--session', 's1', '--write', '--minutes', '5'])).code).toBe(3);
  });

  it("ends an elevated token at the grant's end, and gives nothing when the cluster refuses", async () => {
    const pendingBefore = (await server.call('sam', 'GET', '/v1/approvals?status=pending')).body.approvals;
    for (const approval of pendingBefore)
      await server.call('sam', 'POST', `/v1/approvals/${approval.id}/deny`, {});
    expect((await execCredential(['--session', 's2', '--write', '--minutes', '5'])).code).toBe(3);
    const pending = (await server.call('sam', 'GET', '/v1/approvals?status=pending')).body.approvals;
    await server.call('sam', 'POST', `/v1/approvals/${pending[0].id}/approve`, {});
    const issued = JSON.parse(
      (await execCredential(['--session', 's2', '--write', '--minutes', '5'])).stdout,
    );
    expect(await whoAmI({ token: issued.status.token })).toBe('system:serviceaccount:apps:agent-admin');
    server.advance(6 * 60_000);
    // The next request sweeps: the grant's Secret is deleted and the token stops working.
    expect((await execCredential(['--session', 's2'])).code).toBe(0);
    await expect(whoAmI({ token: issued.status.token })).rejects.toThrow();

    // A service account the cluster does not know: no token, never another account's.
    const failing = await startBrokerServer(
      `credentials:
  prod:
    kubernetes: { server: "${cluster.url}", tokenEnv: BROKER_K8S_TOKEN, namespace: apps, insecureSkipTlsVerify: true, readServiceAccount: missing-sa, writeServiceAccount: agent-admin }
`,
      { BROKER_K8S_TOKEN: 'broker-token' },
    );
    try {
      const answer = await failing.call('agent', 'POST', '/v1/creds/prod/kubernetes', { sessionId: 's9' });
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'issuer-failed' } } });
      expect(answer.body.error.message).toContain('missing-sa');
    } finally {
      await failing.close();
    }
  });
});
