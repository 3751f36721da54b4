import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alive,
  CLOUD_DB,
  INITIALIZE,
  proxyArgs,
  RAW_SERVER,
  rawSession,
  requireBuild,
  ROOT,
  workspace,
} from './harness.js';

interface ToolResult {
  content: { type: string; text?: string }[];
  isError?: boolean;
}

async function connect(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<Client> {
  const client = new Client({ name: 'blastwall-e2e', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command,
    args,
    env: { ...(process.env as Record<string, string>), ...env },
    cwd,
    stderr: 'pipe',
  });
  await client.connect(transport);
  return client;
}

function textOf(result: unknown): string {
  return (result as ToolResult).content.map((part) => part.text ?? '').join('\n');
}

function logged(logFile: string): { tool: string; args: unknown }[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { tool: string; args: unknown });
}

function calls(logFile: string): string[] {
  return logged(logFile).map((call) => call.tool);
}

describe(
  'mcp-proxy in front of the cloud/database test server (real SDK client)',
  { timeout: 120_000 },
  () => {
    const ws = workspace();
    const env = { CLOUD_DB_CALL_LOG: ws.callLog };
    let proxied: Client;
    let direct: Client;

    beforeAll(async () => {
      requireBuild();
      proxied = await connect(process.execPath, proxyArgs(ws.dir, [process.execPath, CLOUD_DB]), env, ws.dir);
      direct = await connect(
        process.execPath,
        [CLOUD_DB],
        { CLOUD_DB_CALL_LOG: join(ws.dir, 'direct.jsonl') },
        ws.dir,
      );
    });

    afterAll(async () => {
      await proxied?.close();
      await direct?.close();
    });

    it('lists the same tools as the server itself', async () => {
      const [through, straight] = await Promise.all([proxied.listTools(), direct.listTools()]);
      expect(through).toEqual(straight);
    });

    it.each([
      ['get_volume', { volume_id: 'vol-1', account: 'prod-admin' }],
      ['run_query', { sql: 'SELECT count(*) FROM orders', database: 'orders' }],
      // destructive, but in an unprotected environment: allowed (and audited), so nobody needs to switch the gate off
      ['delete_volume', { volume_id: 'vol-9', account: 'dev-sandbox' }],
      ['run_command', { command: 'git status && ls -la' }],
      // a result of many pipe reads, with multi-byte characters split between them: relayed byte for byte
      ['get_volume', { volume_id: `vol-é€😀-${'x'.repeat(300_000)}`, account: 'prod-admin' }],
    ])('passes the allowed call %s through with an unchanged result', async (name, args) => {
      const [through, straight] = await Promise.all([
        proxied.callTool({ name, arguments: args }),
        direct.callTool({ name, arguments: args }),
      ]);
      expect(through).toEqual(straight);
      expect((through as ToolResult).isError).toBeFalsy();
      expect(logged(ws.callLog)).toContainEqual({ tool: name, args });
    });

    it.each([
      // honest destructive hint, production account
      [
        'delete_volume',
        { volume_id: 'vol-1', account: 'prod-admin' },
        /denied .*delete_volume.*irreversible/s,
      ],
      // claims read-only, but its SQL drops a table
      ['run_query', { sql: 'DROP TABLE orders', database: 'orders' }, /denied .*run_query/s],
      // claims read-only, but its command deletes a production namespace
      [
        'run_command',
        { command: 'kubectl --context prod-eu delete namespace shop' },
        /denied .*run_command.*namespace/s,
      ],
      // claims read-only, mapped to delete in blastwall.yaml
      ['cleanup', { account: 'prod-admin' }, /denied .*cleanup/s],
      // nothing says what it does: held, and without an approval server refused with how to proceed
      ['frobnicate', { target: 'x' }, /held .*frobnicate.* for approval.*No approval server is configured/s],
    ])('refuses %s with the reason, and the server never sees it', async (name, args, reason) => {
      const result = await proxied.callTool({ name, arguments: args });
      expect((result as ToolResult).isError).toBe(true);
      expect(textOf(result)).toMatch(reason);
      expect(logged(ws.callLog)).not.toContainEqual({ tool: name, args });
    });
  },
);

describe('mcp-proxy protocol robustness (raw JSON-RPC)', { timeout: 120_000 }, () => {
  beforeAll(() => requireBuild());

  it('answers malformed JSON with a parse error and keeps serving', async () => {
    const ws = workspace();
    const session = rawSession(ws.dir, { CLOUD_DB_CALL_LOG: ws.callLog });
    session.send('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(await session.next()).toMatchObject({ id: null, error: { code: -32700 } });
    session.send(INITIALIZE);
    expect(await session.next()).toMatchObject({ id: 0, result: { serverInfo: { name: 'cloud-db' } } });
    session.proc.stdin.end();
    expect(await session.exited).toBe(0);
  });

  it('gives the client the tool list it judged, not a server line with duplicate keys', async () => {
    const ws = workspace();
    const session = rawSession(ws.dir, {}, [process.execPath, RAW_SERVER]);
    session.send(INITIALIZE);
    await session.next();
    session.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
    const text = await session.nextText();

    // The server wrote `annotations` twice; blastwall read the last, and so does every client now.
    expect(text).not.toContain('destructiveHint');
    expect(JSON.parse(text)).toMatchObject({
      id: 1,
      result: { tools: [{ name: 'wipe', annotations: { readOnlyHint: true } }] },
    });
    session.proc.stdin.end();
    expect(await session.exited).toBe(0);
  });

  it('answers a request that is not JSON-RPC with invalid request, keeping its id', async () => {
    const ws = workspace();
    const session = rawSession(ws.dir);
    session.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 42 }));
    expect(await session.next()).toMatchObject({ id: 7, error: { code: -32600 } });
    session.send(JSON.stringify([{ jsonrpc: '2.0', id: 8, method: 'tools/list' }]));
    expect(await session.next()).toMatchObject({ id: null, error: { code: -32600 } });
    session.proc.stdin.end();
    expect(await session.exited).toBe(0);
  });

  it('passes unknown methods through to the server, id preserved', async () => {
    const ws = workspace();
    const session = rawSession(ws.dir);
    session.send(INITIALIZE);
    await session.next();
    session.send(
      JSON.stringify({ jsonrpc: '2.0', id: 'custom-1', method: 'vendor/unknownThing', params: { a: 1 } }),
    );
    expect(await session.next()).toMatchObject({ id: 'custom-1', error: { code: -32601 } });
    session.proc.stdin.end();
    expect(await session.exited).toBe(0);
  });

  it('refuses an oversize message by its id without forwarding it, then keeps serving', async () => {
    const ws = workspace();
    const session = rawSession(ws.dir, { CLOUD_DB_CALL_LOG: ws.callLog });
    session.send(INITIALIZE);
    await session.next();
    const huge = JSON.stringify({
      jsonrpc: '2.0',
      id: 9,
      method: 'tools/call',
      params: { name: 'delete_volume', arguments: { volume_id: 'v'.repeat(5 * 1024 * 1024) } },
    });
    session.send(huge);
    const answer = await session.next();
    expect(answer).toMatchObject({ id: 9, error: { code: -32600 } });
    expect(JSON.stringify(answer)).toContain('exceeds the limit');
    session.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 10,
        method: 'tools/call',
        params: { name: 'get_volume', arguments: { volume_id: 'vol-2' } },
      }),
    );
    expect(await session.next()).toMatchObject({
      id: 10,
      result: { content: [{ text: 'volume vol-2: 100 GiB, in-use' }] },
    });
    expect(calls(ws.callLog)).toEqual(['get_volume']);
    session.proc.stdin.end();
    expect(await session.exited).toBe(0);
  });

  it('answers pending requests with errors when the server crashes, and exits non-zero', async () => {
    const ws = workspace();
    const session = rawSession(ws.dir);
    session.send(INITIALIZE);
    await session.next();
    session.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 11,
        method: 'tools/call',
        params: { name: 'get_status_then_crash', arguments: {} },
      }),
    );
    expect(await session.next()).toMatchObject({
      id: 11,
      error: { code: -32000, message: expect.stringContaining('exited') },
    });
    expect(await session.exited).not.toBe(0);
  });

  it('stops the server when the client goes away, leaving no orphan', async () => {
    const ws = workspace();
    const session = rawSession(ws.dir, { CLOUD_DB_PID_FILE: ws.pidFile, CLOUD_DB_STUBBORN: '1' });
    session.send(INITIALIZE);
    await session.next();
    const pid = Number(readFileSync(ws.pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    session.proc.stdin.end();
    expect(await session.exited).toBe(0);
    expect(alive(pid)).toBe(false);
  });

  it('refuses to start when the server command does not exist', async () => {
    const ws = workspace();
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, proxyArgs(ws.dir, ['/nonexistent/mcp-server']), {
      input: '',
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot start the MCP server');
  });
});

const FILESYSTEM_SERVER = join(ROOT, 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js');
// The reference server is a devDependency, so it is always there after `npm ci`.
describe('mcp-proxy in front of @modelcontextprotocol/server-filesystem', () => {
  it('passes reads through with unchanged results', async () => {
    requireBuild();
    const ws = workspace();
    const proxied = await connect(
      process.execPath,
      proxyArgs(ws.dir, [process.execPath, FILESYSTEM_SERVER, ws.dir], 'filesystem'),
      {},
      ws.dir,
    );
    const direct = await connect(process.execPath, [FILESYSTEM_SERVER, ws.dir], {}, ws.dir);
    try {
      expect(await proxied.listTools()).toEqual(await direct.listTools());
      const args = { name: 'read_text_file', arguments: { path: join(ws.dir, 'blastwall.yaml') } };
      const [through, straight] = await Promise.all([proxied.callTool(args), direct.callTool(args)]);
      expect(through).toEqual(straight);
      expect(textOf(through)).toContain('cloud-db');
    } finally {
      await proxied.close();
      await direct.close();
    }
  });

  it('holds a read of a secret (agent-secret-read) but passes an ordinary read', async () => {
    requireBuild();
    const ws = workspace();
    writeFileSync(join(ws.dir, '.env'), 'DATABASE_PASSWORD=hunter2\n');
    const proxied = await connect(
      process.execPath,
      proxyArgs(ws.dir, [process.execPath, FILESYSTEM_SERVER, ws.dir], 'filesystem'),
      {},
      ws.dir,
    );
    try {
      const secret = await proxied.callTool({
        name: 'read_text_file',
        arguments: { path: join(ws.dir, '.env') },
      });
      const several = await proxied.callTool({
        name: 'read_multiple_files',
        arguments: { paths: [join(ws.dir, 'blastwall.yaml'), join(ws.dir, '.env')] },
      });
      const ordinary = await proxied.callTool({
        name: 'read_text_file',
        arguments: { path: join(ws.dir, 'blastwall.yaml') },
      });

      for (const held of [secret, several]) {
        expect(held.isError).toBe(true);
        expect(textOf(held)).toMatch(/agent-secret-read|reading a secret/);
        expect(textOf(held)).not.toContain('hunter2');
      }
      expect(ordinary.isError).toBeFalsy();
    } finally {
      await proxied.close();
    }
  });

  it("holds a write to the agent's own hook settings but lets an ordinary write through", async () => {
    requireBuild();
    const ws = workspace();
    mkdirSync(join(ws.dir, '.claude'), { recursive: true });
    const proxied = await connect(
      process.execPath,
      proxyArgs(ws.dir, [process.execPath, FILESYSTEM_SERVER, ws.dir], 'filesystem'),
      {},
      ws.dir,
    );
    try {
      const settings = join(ws.dir, '.claude', 'settings.json');
      const held = await proxied.callTool({
        name: 'write_file',
        arguments: { path: settings, content: '{}' },
      });
      const ordinary = await proxied.callTool({
        name: 'write_file',
        arguments: { path: join(ws.dir, 'notes.md'), content: 'hi' },
      });

      expect(held.isError).toBe(true);
      expect(textOf(held)).toMatch(/agent-self-protection/);
      expect(existsSync(settings)).toBe(false);
      expect(ordinary.isError).toBeFalsy();
      expect(readFileSync(join(ws.dir, 'notes.md'), 'utf8')).toBe('hi');
    } finally {
      await proxied.close();
    }
  });
});
