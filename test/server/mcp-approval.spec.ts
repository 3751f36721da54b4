import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_DB, proxyArgs, workspace } from '../mcp/harness.js';
import { api, createToken, startServe, type ServerProcess } from './harness.js';

type ToolResult = { isError?: boolean; content: { text?: string }[] };

describe('mcp-proxy with a blastwall server', () => {
  const ws = workspace();
  const db = join(ws.dir, 'blastwall.db');
  let server: ServerProcess;
  let client: Client;
  let sam = '';

  beforeAll(async () => {
    const agent = await createToken(ws.dir, db, 'agent', { agent: 'claude-code' });
    sam = await createToken(ws.dir, db, 'reviewer', { person: 'sam' });
    server = await startServe(ws.dir, db);
    client = new Client({ name: 'blastwall-e2e', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        // The agent acts for pat: under the two-person rule, the approver (sam) must be someone else.
        args: proxyArgs(ws.dir, [process.execPath, CLOUD_DB], 'cloud-db', 'pat'),
        env: {
          ...(process.env as Record<string, string>),
          CLOUD_DB_CALL_LOG: ws.callLog,
          BLASTWALL_SERVER_URL: server.url,
          BLASTWALL_TOKEN: agent,
        },
        cwd: ws.dir,
        stderr: 'pipe',
      }),
    );
    await client.listTools();
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('holds an unknown tool call with an approval id, and forwards the same call once a senior approves', async () => {
    const call = { name: 'frobnicate', arguments: { target: 'x' } };
    const held = (await client.callTool(call)) as ToolResult;
    const text = held.content.map((part) => part.text ?? '').join('\n');
    const approvalId = /Approval id (apr_[\w-]+)/.exec(text)?.[1];
    const approved = await api(server.url, sam, 'POST', `/v1/approvals/${approvalId}/approve`, {});
    const released = (await client.callTool(call)) as ToolResult;
    const reached = existsSync(ws.callLog) ? readFileSync(ws.callLog, 'utf8') : '';

    expect(held.isError).toBe(true);
    expect(text).toMatch(/blastwall approve apr_/);
    expect(approved.status).toBe(200);
    expect(released.isError).toBeFalsy();
    expect(reached).toContain('frobnicate');
  });
});
