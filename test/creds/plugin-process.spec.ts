// The thin credential plugin process (bin/creds-plugin.js → dist/creds/plugin.cjs): what AWS credential_process
// and kubectl exec plugins run before SDK calls. It answers from its own small bundle, and fails closed: on any
// error nothing on stdout, a reason on stderr, a non-zero exit.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePluginRun } from '../../src/interfaces/cli/creds/plugin.js';
import { startFakeSts, type FakeSts } from '../../src/test-support/fake-sts.js';
import { startBrokerServer, type BrokerServer } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'blastwall.js');
const READ = 'arn:aws:iam::123456789012:role/prod-read';
const WRITE = 'arn:aws:iam::123456789012:role/prod-admin';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `blastwall ARGS` as a process (asynchronously: the server runs in this process), saying which way it ran. */
function blastwall(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', NODE_DEBUG: 'blastwall', BLASTWALL_CACHE: 'off', ...env },
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const THIN = 'credential plugin answered from its bundle\n';

describe('the thin credential plugin process', () => {
  let sts: FakeSts;
  let server: BrokerServer;
  let liar: Server;
  let liarUrl: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'creds', 'plugin.cjs')))
      throw new Error('dist/ has no credential plugin bundle: run `npm run build` first');
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
    // A server that answers 200 with something that is not a credential.
    liar = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'issued', grantId: 'grt_x', credential: { Version: 2 } }));
    });
    await new Promise<void>((done) => liar.listen(0, '127.0.0.1', done));
    liarUrl = `http://127.0.0.1:${(liar.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await server?.close();
    await sts?.close();
    await new Promise((done) => liar?.close(done));
  });

  const agentEnv = () => ({ BLASTWALL_SERVER_URL: server.url, BLASTWALL_TOKEN: server.tokens.agent! });

  it('prints credential_process JSON from its own bundle, with settings from the environment', async () => {
    const ran = await blastwall(['creds', 'aws', 'prod', '--session', 's1'], agentEnv());

    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toContain(THIN);
    expect(JSON.parse(ran.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.any(String) });
  });

  it('exits 3 with the approval id for elevated credentials not yet approved, printing none', async () => {
    const ran = await blastwall(['creds', 'aws', 'prod', '--write', '--session', 's1'], agentEnv());

    expect(ran).toMatchObject({ code: 3, stdout: '' });
    expect(ran.stderr).toContain(THIN);
    expect(ran.stderr).toMatch(/held for approval apr_\S+/);
  });

  it.each([
    [
      'a failing issuer',
      () => ['creds', 'aws', 'stage'],
      () => agentEnv(),
      4,
      /503 issuer-failed.*NOT_SET_KEY/,
    ],
    [
      'an unreachable server',
      () => ['creds', 'kubernetes', 'prod'],
      () => ({ ...agentEnv(), BLASTWALL_SERVER_URL: 'http://127.0.0.1:9' }),
      4,
      /could not be reached \(ECONNREFUSED\)/,
    ],
    [
      'a token the server does not know',
      () => ['creds', 'postgres', 'prod'],
      () => ({ ...agentEnv(), BLASTWALL_TOKEN: 'bw_unknown' }),
      1,
      /refused \(401/,
    ],
    [
      'an answer that is not a credential of the protocol',
      () => ['creds', 'aws', 'prod'],
      () => ({ ...agentEnv(), BLASTWALL_SERVER_URL: liarUrl }),
      4,
      /without AWS credential_process credentials/,
    ],
    [
      'an environment without that issuer',
      () => ['creds', 'kubernetes', 'prod'],
      () => agentEnv(),
      2,
      /404 not-configured/,
    ],
    [
      'malformed --minutes',
      () => ['creds', 'aws', 'prod', '--write', '--minutes', '0'],
      () => agentEnv(),
      2,
      /--minutes/,
    ],
  ])(
    'fails closed on %s: nothing on stdout, the reason on stderr',
    async (_what, args, env, code, reason) => {
      const ran = await blastwall(args(), env());

      expect(ran).toMatchObject({ code, stdout: '' });
      expect(ran.stderr).toMatch(reason);
    },
  );

  it('leaves forms it cannot answer by itself to the full CLI, which answers the same way', async () => {
    const ran = await blastwall(
      ['creds', 'aws', 'prod', '--session', 's1', '--config', 'blastwall.yaml'],
      agentEnv(),
    );

    expect(ran.stderr).not.toContain(THIN);
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.any(String) });
  });
});

describe('parsePluginRun', () => {
  const env = {
    BLASTWALL_SERVER_URL: 'http://127.0.0.1:1/',
    BLASTWALL_TOKEN: 'bw_t',
    BLASTWALL_SESSION_ID: 'sx',
  };

  it('reads the plugin form with settings from the environment', () => {
    expect(parsePluginRun(['creds', 'postgres', 'prod', '--write', '--minutes', '15'], env)).toMatchObject({
      plugin: { kind: 'postgres' },
      settings: { url: 'http://127.0.0.1:1', token: 'bw_t' },
      ask: { environment: 'prod', kind: 'postgres', scope: 'write', sessionId: 'sx', minutes: 15 },
      json: false,
    });
  });

  it.each([
    ['--help', ['creds', 'aws', 'prod', '--help'], env],
    ['--config', ['creds', 'aws', 'prod', '--config', 'x.yaml'], env],
    ['an unknown option', ['creds', 'aws', 'prod', '--profile', 'x'], env],
    ['no environment', ['creds', 'aws'], env],
    ['two environments', ['creds', 'aws', 'prod', 'dev'], env],
    ['exec (not a plugin)', ['creds', 'exec', 'prod', '--', 'true'], env],
    ['no server outside blastwall.yaml', ['creds', 'aws', 'prod'], { BLASTWALL_TOKEN: 't' }],
    ['no token outside blastwall.yaml', ['creds', 'aws', 'prod'], { BLASTWALL_SERVER_URL: 'http://x' }],
  ])('leaves %s to the full CLI', (_what, argv, environment) => {
    expect(parsePluginRun(argv, environment)).toBeUndefined();
  });
});
