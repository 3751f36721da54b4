import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { loadMcpConfig, mappingsFor, parseMcpConfig } from './config.js';

const VALID = `people: []
mcp:
  servers:
    prod-db:
      tools:
        "cleanup": { operation: delete, reversible: false }
        "archive_*": { operation: delete, reversible: true }
      sqlArguments: [query, sql]
      commandArguments: [command]
      environmentArguments: [cluster, account, project, database, region]
`;

describe('parseMcpConfig', () => {
  it('reads the mcp section', () => {
    const config = parseMcpConfig(VALID, 'blastwall.yaml');
    expect(mappingsFor(config, 'prod-db')).toMatchObject({
      tools: { cleanup: { operation: 'delete', reversible: false } },
      sqlArguments: ['query', 'sql'],
    });
    expect(mappingsFor(config, 'other')).toBeUndefined();
  });

  it('treats a file without an mcp key as no mappings', () => {
    expect(parseMcpConfig('people: []\n', 'blastwall.yaml')).toEqual({ servers: {} });
  });

  it.each([
    [
      'an unknown operation',
      VALID.replace('operation: delete, reversible: false', 'operation: obliterate'),
      /blastwall.yaml:6: mcp.servers.prod-db.tools.cleanup.operation/,
    ],
    ['an unknown key', VALID.replace('sqlArguments', 'sqlArgs'), /blastwall.yaml:\d+: mcp.servers.prod-db/],
    ['broken YAML', 'mcp: {servers: [', /blastwall.yaml:\d+: /],
  ])('rejects %s with the file and line', (_label, text, message) => {
    expect(() => parseMcpConfig(text, 'blastwall.yaml')).toThrow(ConfigError);
    expect(() => parseMcpConfig(text, 'blastwall.yaml')).toThrow(message);
  });
});

describe('loadMcpConfig', () => {
  it('reads blastwall.yaml from the workspace, and nothing when there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-mcp-config-'));
    try {
      expect(await loadMcpConfig(dir)).toEqual({ servers: {} });
      writeFileSync(join(dir, 'blastwall.yaml'), VALID);
      expect(Object.keys((await loadMcpConfig(dir)).servers)).toEqual(['prod-db']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when an explicitly named file is missing', async () => {
    await expect(loadMcpConfig('/', '/nonexistent/blastwall.yaml')).rejects.toThrow(ConfigError);
  });
});
