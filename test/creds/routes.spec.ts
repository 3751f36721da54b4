// The broker's HTTP routes refuse what they must, with a status and a code, and a missing secret gives nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '../../src/adapters/storage/index.js';
import { startBrokerServer, type BrokerServer } from './harness.js';

let server: BrokerServer;
beforeAll(async () => {
  server = await startBrokerServer(
    'credentials:\n  prod:\n    postgres: { adminUrlEnv: BLASTWALL_PG_ADMIN_URL, readRole: app_read, writeRole: app_write }\n',
    {},
  );
});
afterAll(async () => server?.close());

describe('/v1/creds', () => {
  it.each([
    ['an unknown kind', '/v1/creds/prod/mongodb', {}, 404, 'not-found'],
    ['an environment without that issuer', '/v1/creds/stage/postgres', {}, 404, 'not-configured'],
    ['an unknown scope', '/v1/creds/prod/postgres', { scope: 'admin' }, 400, 'invalid-request'],
    [
      'a field the route does not know',
      '/v1/creds/prod/postgres',
      { agent: 'someone-else' },
      400,
      'invalid-request',
    ],
    [
      'minutes that are not a whole number',
      '/v1/creds/prod/postgres',
      { minutes: 1.5 },
      400,
      'invalid-request',
    ],
  ])('refuses %s', async (_what, path, body, status, code) => {
    const answer = await server.call('agent', 'POST', path, body);
    expect(answer).toMatchObject({ status, body: { error: { code } } });
  });

  it('gives nothing when the admin URL is missing, and names the variable', async () => {
    const answer = await server.call('agent', 'POST', '/v1/creds/prod/postgres', {});
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'issuer-failed' } } });
    expect(answer.body.error.message).toContain('BLASTWALL_PG_ADMIN_URL is not set');
    expect((await server.call('sam', 'GET', '/v1/creds/grants')).body.grants).toEqual([]);
  });

  // The broker takes who asks from the token, through the gate's own check: a caller cannot claim another session.
  it.each([
    [
      'a token pinned to one session asking for another',
      { agentId: 'claude-code', personId: 'pat', sessionId: 's1' },
      'wrong-session',
    ],
    ['an agent token that names no agent', { personId: 'pat' }, 'no-agent'],
  ])('refuses %s', async (_what, owner, code) => {
    const secret = generateToken();
    await server.app.store.createToken({ role: 'agent', hash: hashToken(secret), ...owner }, 'test');
    const answer = await fetch(`${server.url}/v1/creds/prod/postgres`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 's2' }),
    });
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  // Credentials are for agent sessions: a person's token (reviewer or admin) approves, it never holds them.
  it.each(['sam', 'admin'])('refuses credentials to the person token %s', async (name) => {
    const answer = await server.call(name, 'POST', '/v1/creds/prod/postgres', { sessionId: 's1' });
    expect(answer).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(answer.body.error.message).toContain('needs agent');
  });

  it('lets only people list and revoke grants', async () => {
    expect((await server.call('agent', 'GET', '/v1/creds/grants')).status).toBe(403);
    expect((await server.call('sam', 'POST', '/v1/creds/grants/grt_nope/revoke', {})).status).toBe(404);
    const anonymous = await fetch(`${server.url}/v1/creds/prod/postgres`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });
});
