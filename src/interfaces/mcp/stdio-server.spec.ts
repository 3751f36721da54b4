import { describe, expect, it } from 'vitest';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { StdioServerProcess } from './stdio-server.js';

// A server that answers each line it reads with what the test asks for in `REPLIES` (one JSON array of lines).
const SERVER = `
const replies = JSON.parse(process.env.REPLIES);
let buffer = '';
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i = buffer.indexOf('\\n'); i !== -1; i = buffer.indexOf('\\n')) {
    buffer = buffer.slice(i + 1);
    const reply = replies.shift();
    // "hex:…" replies are raw bytes, for what a string cannot carry (invalid UTF-8).
    process.stdout.write(reply.startsWith('hex:') ? Buffer.from(reply.slice(4) + '0a', 'hex') : reply + '\\n');
  }
});
`;

function serverReplying(replies: string[], maxMessageBytes = 1024) {
  const invalid: [string, string | number | null][] = [];
  const messages: JSONRPCMessage[] = [];
  // The bytes each message arrived as, asked for while it is being delivered (as the proxy does).
  const raws: (string | undefined)[] = [];
  const server = new StdioServerProcess({
    command: process.execPath,
    args: ['-e', SERVER],
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', REPLIES: JSON.stringify(replies) },
    maxMessageBytes,
    onInvalid: (why, id) => invalid.push([why, id]),
  });
  server.onmessage = (message) => {
    messages.push(message);
    raws.push(server.rawLineOf(message)?.toString('utf8'));
  };
  return { server, invalid, messages, raws };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('StdioServerProcess', () => {
  it('delivers messages with the line they arrived as, and reports what is not JSON-RPC by id', async () => {
    const answer = '{"result":{"content":[]},"jsonrpc":"2.0","id":1}';
    const { server, invalid, messages, raws } = serverReplying([
      answer,
      'Server started on stdout by mistake',
      '{"jsonrpc":"2.0","id":3,"result":"not an object"}',
      `{"jsonrpc":"2.0","id":4,"result":{"text":"${'x'.repeat(2000)}"}}`,
    ]);
    await server.start();
    for (const id of [1, 2, 3, 4]) await server.send({ jsonrpc: '2.0', id, method: 'ping' });
    await until(() => invalid.length === 3);
    await server.close();

    expect(messages).toEqual([JSON.parse(answer)]);
    expect(raws).toEqual([`${answer}\n`]);
    // Only while it is delivered: nothing keeps a message's line once it has been handled.
    expect(server.rawLineOf(messages[0]!)).toBeUndefined();
    expect(invalid).toEqual([
      ['a line that is not JSON', null],
      ['a message that is not JSON-RPC', 3],
      [expect.stringMatching(/^a \d+-byte message exceeds the limit of 1024 bytes$/), 4],
    ]);
  });

  it('hands over no raw line for bytes that are not UTF-8, so the client reads what was parsed', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"jsonrpc":"2.0","id":1,"result":{"text":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}'),
    ]);
    const { server, messages, raws } = serverReplying([`hex:${bytes.toString('hex')}`]);
    await server.start();
    await server.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    await until(() => messages.length === 1);
    await server.close();

    expect(messages).toEqual([{ jsonrpc: '2.0', id: 1, result: { text: '\uFFFD\uFFFD' } }]);
    expect(raws).toEqual([undefined]);
  });

  it('rejects start for a command that does not exist, and send once the server is gone', async () => {
    const missing = new StdioServerProcess({
      command: '/nonexistent/mcp-server',
      args: [],
      cwd: process.cwd(),
      env: {},
      maxMessageBytes: 1024,
    });
    missing.onerror = () => undefined;
    await expect(missing.start()).rejects.toThrow(/ENOENT/);

    const { server } = serverReplying([]);
    let closed = false;
    server.onclose = () => (closed = true);
    await server.start();
    await server.close();
    expect(closed).toBe(true);
    await expect(server.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toThrow(/not running/);
  });
});
