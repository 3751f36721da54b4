import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScratchRepo } from '../adapters/git/scratch-repo.js';
import { postgresBackend, sqliteBackend, type TestDatabase } from '../test-support/test-backends.js';
import { COMMAND_LIMITS } from '../core/actions/limits.js';
import { serverRepo, startTestServer, type TestServer } from '../test-support/running-server.js';
import { postgresAvailable } from '../test-support/services.js';

interface Answer {
  decision: string;
  reasons: string[];
  warnings: string[];
  approvalId?: string;
}

const BACKENDS = [sqliteBackend, ...((await postgresAvailable()) ? [postgresBackend] : [])];

const words = (n: number, word: string) => Array.from({ length: n }, () => word).join(' ');
const repeat = (size: number, unit: string, separator: string) =>
  Array.from({ length: Math.floor(size / (unit.length + separator.length)) }, () => unit).join(separator);
const NEAR = COMMAND_LIMITS.maxChars - 16;

/** The inputs (60 KB, 30,000 arguments) and the costliest shapes that stay just under the caps. */
const OVERSIZED: Array<[string, string, RegExp]> = [
  [
    'a 60 KB kubectl delete of 30,000 words',
    `kubectl --context prod-eu delete ns ${words(30_000, 'n')}`.slice(0, 60_000),
    /characters long/,
  ],
  ['rm with 30,000 arguments', `rm ${words(30_000, 'x')}`, /characters long/],
  ['a 60 KB single word', `echo ${'a'.repeat(60_000)}`, /characters long/],
  ['2,000 nested substitutions', `echo ${'$('.repeat(2000)}x${')'.repeat(2000)}`, /nests 2000 levels/],
  ['a pipeline just under the length cap', repeat(NEAR, 'ls', ' | '), /words|separators/],
  [
    'a pipeline just under the separator cap',
    repeat(COMMAND_LIMITS.maxSeparators * 5, 'ls', ' | '),
    /runs \d+ commands/,
  ],
  ['words just under the length cap', `rm ${repeat(NEAR, 'x', ' ')}`, /has \d+ words/],
  ['arguments just under the word cap', `rm ${words(COMMAND_LIMITS.maxWords - 8, 'x')}`, /has \d+ arguments/],
];
/** Shapes under every cap that still cost the parser the most per character: they are read, and answered fast. */
const COSTLY_BUT_READ = [
  repeat(COMMAND_LIMITS.maxSeparators * 4, 'f(){ f; }', '; '),
  `echo ${repeat(COMMAND_LIMITS.maxWords * 2, '"a b"', ' ')}`,
  `echo ${'$('.repeat(30)}x${')'.repeat(30)}`,
  `cat > notes.md <<'EOF'\n${repeat(NEAR - 40, 'lorem', '\n')}\nEOF`,
];

describe.each(BACKENDS)('bounded work per request on $name', (backend) => {
  let repo: ScratchRepo;
  let database: TestDatabase;
  let server: TestServer;
  let agent: string;

  beforeAll(async () => {
    repo = serverRepo();
    database = await backend.create();
    server = await startTestServer(repo, database.spec);
    // Acting for a senior, so what is held is held for approval rather than denied by delegation.
    agent = await server.token('agent', { agentId: 'claude-code', personId: 'pat' });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    repo?.remove();
  });

  const warmUp = ['ls', 'kubectl --context prod-eu get pods', 'kubectl --context prod-eu delete ns x'];
  const evaluate = (command: string) =>
    server.call('POST', '/v1/actions/evaluate', { token: agent, body: { command, sessionId: 's1' } });

  /**
   * CPU time of this thread (where the server answers) in ms: Linux gives a thread's own time; elsewhere the
   * process's. A request's CPU on the server's thread bounds how long it can block the event loop, and unlike the
   * loop's wall-clock delay it does not grow when a shared machine is busy.
   */
  const threadCpuMs = (): number => {
    if (process.platform === 'linux')
      return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1e6;
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };

  it('holds oversized commands with a reason and never spends 50 ms of the event loop on one', async () => {
    // Warm: the first decision loads what a server loads once (policies, classifiers, statements).
    for (const command of warmUp) await (await evaluate(command)).arrayBuffer();
    /** CPU the event loop's thread spent on one request and its answer, best of three (GC lands on some). */
    const blocked = async (command: string) => {
      let best = Number.POSITIVE_INFINITY;
      let last: Response | undefined;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const started = threadCpuMs();
        last = await evaluate(command);
        await last.clone().arrayBuffer();
        best = Math.min(best, threadCpuMs() - started);
      }
      return { response: last!, ms: best };
    };

    const held = [];
    for (const [name, command, reason] of OVERSIZED) {
      const { response, ms } = await blocked(command);
      held.push({ name, ms, status: response.status, body: (await response.json()) as Answer, reason });
    }
    const read = [];
    for (const command of COSTLY_BUT_READ) {
      const { response, ms } = await blocked(command);
      read.push({ name: command.slice(0, 30), ms, status: response.status });
    }

    for (const answer of held) {
      expect(answer.status, answer.name).toBe(200);
      expect(answer.body.decision, `${answer.name}: ${JSON.stringify(answer.body.reasons)}`).toBe(
        'needs-approval',
      );
      expect(JSON.stringify(answer.body.warnings), answer.name).toMatch(answer.reason);
      expect(answer.body.approvalId, answer.name).toEqual(expect.any(String));
    }
    expect(read.map((answer) => answer.status)).toEqual(COSTLY_BUT_READ.map(() => 200));
    for (const answer of [...held, ...read]) expect(answer.ms, answer.name).toBeLessThan(50);
  });

  it.each([
    ['a NUL escape in the command', '{"command":"ls \\u0000 x"}'],
    ['a NUL in the session id', '{"command":"ls","sessionId":"a\\u0000"}'],
    ['a lone surrogate', '{"command":"rm \\ud800"}'],
  ])('refuses %s with a 400, not a 500', async (_name, body) => {
    const response = await server.call('POST', '/v1/actions/evaluate', { token: agent, body });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid-request' } });
  });

  it('refuses a body that is not UTF-8 with a 400', async () => {
    const body = Buffer.concat([
      Buffer.from('{"command":"rm '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const response = await fetch(`${server.url}/v1/actions/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
      body,
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: 'the request body is not valid UTF-8' },
    });
  });

  it('refuses NUL in a URL with a 400', async () => {
    const response = await server.call('GET', '/v1/gates/deploy?service=pay%00ments&sha=abcd');

    expect(response.status).toBe(400);
  });

  it('still reads a paired surrogate (an emoji) and a backslash-u that is not an escape', async () => {
    const emoji = await evaluate('echo "ship it 🚀"');
    const literal = await evaluate(String.raw`printf '\u0000'`);

    expect(emoji.status).toBe(200);
    expect(literal.status).toBe(200);
  });
});
