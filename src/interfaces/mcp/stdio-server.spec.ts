import { describe, expect, it } from 'vitest';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { rawLineOf, StdioServerProcess } from './stdio-server.js';

// A server that answers each line it reads with what the test asks for in `REPLIES` (one JSON array of lines).
const SERVER = `
const replies = JSON.parse(process.env.REPLIES);
let buffer = '';
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i = buffer.indexOf('\\n'); i !== -1; i = buffer.indexOf('\\n')) {
    buffer = buffer.slice(i + 1);
    process.stdout.write(replies.shift() + '\\n');
  }
});
`;

function serverReplying(replies: string[], maxMessageBytes = 1024) {
  const invalid: [string, string | number | null][] = [];
  const messages: JSONRPCMessage[] = [];
  const server = new StdioServerProcess({
    command: process.execPath,
    args: ['-e', SERVER],
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', REPLIES: JSON.stringify(replies) },
    maxMessageBytes,
    onInvalid: (why, id) => invalid.push([why, id]),
  });
  server.onmessage = (message) => messages.push(message);
  return { server, invalid, messages };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('StdioServerProcess', () => {
  it('delivers messages with the line they arrived as, and reports what is not JSON-RPC by id', async () => {
    const answer = '{"result":{"content":[]},"jsonrpc":"2.0","id":1}';
    const { server, invalid, messages } = serverReplying([
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
    expect(rawLineOf(messages[0]!)).toBe(answer);
    expect(invalid).toEqual([
      ['a line that is not JSON', null],
      ['a message that is not JSON-RPC', 3],
      [expect.stringMatching(/^a \d+-byte message exceeds the limit of 1024 bytes$/), 4],
    ]);
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
