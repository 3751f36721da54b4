import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BIN, requireBuild, workspace } from './harness.js';

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[] };

/** A remote MCP server on the SDK's Streamable HTTP transport (one session per client), recording the calls it runs. */
async function startRemote(): Promise<{
  url: string;
  calls: string[];
  headers: string[];
  deletes: string[];
  server: Server;
}> {
  const calls: string[] = [];
  const deletes: string[] = [];
  const headers: string[] = [];
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const newServer = (): McpServer => {
    const mcp = new McpServer({ name: 'remote-cloud', version: '1.0.0' });
    mcp.registerTool(
      'get_volume',
      { inputSchema: { volume_id: z.string(), account: z.string() }, annotations: { readOnlyHint: true } },
      async (args) => {
        calls.push(`get_volume ${args.volume_id}`);
        return { content: [{ type: 'text', text: `volume ${args.volume_id}: 100 GiB` }] };
      },
    );
    mcp.registerTool(
      'delete_volume',
      { inputSchema: { volume_id: z.string(), account: z.string() }, annotations: { destructiveHint: true } },
      async (args) => {
        calls.push(`delete_volume ${args.volume_id}`);
        return { content: [{ type: 'text', text: `deleted ${args.volume_id}` }] };
      },
    );
    return mcp;
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    headers.push(String(request.headers.authorization ?? ''));
    const id = request.headers['mcp-session-id'];
    if (request.method === 'DELETE') deletes.push(String(id));
    const existing = typeof id === 'string' ? sessions.get(id) : undefined;
    if (existing) return void existing.handleRequest(request, response);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => void sessions.set(sessionId, transport),
    });
    void newServer()
      .connect(transport)
      .then(() => transport.handleRequest(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/mcp`, calls, headers, deletes, server };
}

describe(
  'mcp-proxy --url in front of a remote Streamable HTTP server (real SDK on both sides)',
  { timeout: 120_000 },
  () => {
    const ws = workspace();
    let remote: Awaited<ReturnType<typeof startRemote>>;
    let proxied: Client;
    let direct: Client;

    beforeAll(async () => {
      requireBuild();
      remote = await startRemote();
      proxied = new Client({ name: 'e2e', version: '1.0.0' });
      await proxied.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [
            BIN,
            'mcp-proxy',
            '--server-name',
            'cloud-db',
            '--cwd',
            ws.dir,
            '--agent',
            'claude-code',
            '--url',
            remote.url,
            '--header',
            'Authorization: Bearer t0ken',
          ],
          env: process.env as Record<string, string>,
          cwd: ws.dir,
          stderr: 'pipe',
        }),
      );
      direct = new Client({ name: 'e2e-direct', version: '1.0.0' });
      await direct.connect(new StreamableHTTPClientTransport(new URL(remote.url)));
    });
    afterAll(async () => {
      await proxied?.close();
      await direct?.close();
      remote?.server.closeAllConnections();
      remote?.server.close();
    });

    it('lists the same tools and passes a read through with the same result, sending the headers', async () => {
      expect(await proxied.listTools()).toEqual(await direct.listTools());
      const args = { volume_id: 'vol-1', account: 'prod-admin' };
      const [through, straight] = await Promise.all([
        proxied.callTool({ name: 'get_volume', arguments: args }),
        direct.callTool({ name: 'get_volume', arguments: args }),
      ]);

      expect(through).toEqual(straight);
      expect(remote.headers).toContain('Bearer t0ken');
    });

    it('ends its session on the remote server with DELETE when the client goes away', async () => {
      const client = new Client({ name: 'e2e-short', version: '1.0.0' });
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [BIN, 'mcp-proxy', '--server-name', 'cloud-db', '--cwd', ws.dir, '--url', remote.url],
          env: process.env as Record<string, string>,
          cwd: ws.dir,
          stderr: 'pipe',
        }),
      );
      await client.listTools();
      const before = remote.deletes.length;

      await client.close();
      for (let i = 0; i < 100 && remote.deletes.length === before; i++)
        await new Promise((r) => setTimeout(r, 50));

      expect(remote.deletes.length).toBe(before + 1);
      expect(remote.deletes.at(-1)).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('denies a destructive call in production, and the remote server never sees it', async () => {
      const result = (await proxied.callTool({
        name: 'delete_volume',
        arguments: { volume_id: 'vol-9', account: 'prod-admin' },
      })) as ToolResult;

      expect(result.isError).toBe(true);
      expect(result.content[0]?.text).toMatch(/denied .*delete_volume/s);
      expect(remote.calls).not.toContain('delete_volume vol-9');
    });

    it('answers with an error, not a hang, when the remote server cannot be reached', async () => {
      const client = new Client({ name: 'e2e-down', version: '1.0.0' });
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp-proxy', '--cwd', ws.dir, '--url', 'http://127.0.0.1:9/mcp'],
        env: process.env as Record<string, string>,
        cwd: ws.dir,
        stderr: 'pipe',
      });

      await expect(client.connect(transport)).rejects.toThrow(/could not be reached/);
      await client.close();
    });

    it.each([
      [['--url', 'ftp://example.com/mcp'], /--url must be an http\(s\) URL/],
      [['--url', 'http://127.0.0.1:9/mcp', '--', 'node', 'server.js'], /either a command or --url, not both/],
      [[], /a command after --, or --url URL/],
    ])('refuses %j with a clear usage error', async (flags, message) => {
      const { spawnSync } = await import('node:child_process');
      const result = spawnSync(process.execPath, [BIN, 'mcp-proxy', '--cwd', ws.dir, ...flags], {
        input: '',
        encoding: 'utf8',
        timeout: 60_000,
      });

      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    });
  },
);
