import { describe, expect, it } from 'vitest';
import {
  classifyToolCall,
  describeToolCall,
  type ServerMappings,
  type ToolAnnotations,
  type ToolCallDeps,
} from './tool-call.js';
import type { Operation, OperationKind } from './types.js';

function kinds(operations: Operation[]): string {
  return operations
    .map((op) => `${op.kind}${op.destructive ? '!' : ''}${op.destructive && !op.reversible ? '!' : ''}`)
    .join(',');
}

describe('classifyToolCall by tool name', () => {
  // `!` = destructive, `!!` = destructive and irreversible.
  it.each([
    ['delete_volume', 'delete!!'],
    ['drop_table', 'delete!!'],
    ['remove_user', 'delete!!'],
    ['destroy_stack', 'delete!!'],
    ['terminate_instances', 'delete!!'],
    ['truncate_table', 'truncate!!'],
    ['purge_queue', 'delete!!'],
    ['wipe_disk', 'delete!!'],
    ['deleteVolume', 'delete!!'],
    ['s3-delete-bucket', 'delete!!'],
    ['list_and_delete_snapshots', 'delete!!'],
    ['create_bucket', 'write'],
    ['update_record', 'write'],
    ['write_file', 'write'],
    ['get_volume', 'read'],
    ['list_tables', 'read'],
    ['read_file', 'read'],
    ['search_issues', 'read'],
    ['describe_instances', 'read'],
    ['stop_instance', 'stop!'],
    ['frobnicate', 'unknown!'],
  ])('%s → %s', (tool, expected) => {
    expect(kinds(classifyToolCall({ server: 'cloud', tool, args: {} }))).toBe(expected);
  });
});

describe('classifyToolCall with annotations', () => {
  it.each<[string, ToolAnnotations, string]>([
    ['frobnicate', { readOnlyHint: true }, 'read'],
    ['frobnicate', { readOnlyHint: false, destructiveHint: false }, 'write'],
    ['frobnicate', { destructiveHint: true }, 'unknown!'],
    // A misleading read-only claim never lowers what the name says.
    ['delete_volume', { readOnlyHint: true }, 'delete!!'],
    // An honest destructive hint raises a harmless-looking name.
    ['update_record', { destructiveHint: true }, 'write!'],
    ['get_volume', { readOnlyHint: true, destructiveHint: false }, 'read'],
  ])('%s %j → %s', (tool, annotations, expected) => {
    expect(kinds(classifyToolCall({ server: 'cloud', tool, args: {}, annotations }))).toBe(expected);
  });

  it('notes a read-only claim that the call contradicts', () => {
    const [op] = classifyToolCall({
      server: 'cloud',
      tool: 'delete_volume',
      args: {},
      annotations: { readOnlyHint: true },
    });
    expect(op?.summary).toContain('claims it is read-only');
  });
});

describe('classifyToolCall with blastwall.yaml mappings', () => {
  const mappings: ServerMappings = {
    tools: {
      cleanup: { operation: 'delete', reversible: false },
      'archive_*': { operation: 'delete', reversible: true },
      'get_*': { operation: 'read' },
    },
    sqlArguments: ['stmt'],
    commandArguments: ['line'],
    environmentArguments: ['tenant_cluster'],
  };

  it.each<[string, Record<string, unknown>, ToolAnnotations | undefined, string]>([
    ['cleanup', {}, { readOnlyHint: true }, 'delete!!'],
    ['archive_logs', {}, undefined, 'delete!'],
    ['get_delete_status', {}, undefined, 'read'],
    ['apply', { stmt: 'DROP TABLE users' }, undefined, 'write,delete!!'],
  ])('%s %j → %s', (tool, args, annotations, expected) => {
    expect(kinds(classifyToolCall({ server: 'db', tool, args, annotations, mappings }))).toBe(expected);
  });

  it('reads a configured environment argument as a hint', () => {
    const [op] = classifyToolCall({
      server: 'k8s',
      tool: 'delete_pod',
      args: { tenant_cluster: 'prod-eu' },
      mappings,
    });
    expect(op?.hints.kubeContext).toBe('prod-eu');
  });

  it('sends a configured command argument to the shell classifier', () => {
    const seen: string[] = [];
    const deps: ToolCallDeps = { classifyShell: (line) => (seen.push(line), []) };
    classifyToolCall({ server: 'ops', tool: 'do_it', args: { line: 'rm -rf /' }, mappings }, deps);
    expect(seen).toEqual(['rm -rf /']);
  });
});

describe('classifyToolCall with SQL and shell arguments', () => {
  const dropOp: Operation = {
    kind: 'delete',
    category: 'sql',
    destructive: true,
    reversible: false,
    target: 'users',
    summary: 'DROP TABLE users',
    hints: {},
    source: '',
  };
  const deps: ToolCallDeps = {
    classifySql: (sql) => (/drop/i.test(sql) ? [dropOp] : []),
    classifyShell: (line) =>
      line.startsWith('terraform destroy')
        ? [{ ...dropOp, category: 'infrastructure', summary: 'terraform destroy' }]
        : [],
  };

  it.each<[string, Record<string, unknown>, ToolAnnotations | undefined, string]>([
    ['run_query', { sql: 'select 1', database: 'prod' }, { readOnlyHint: true }, 'read'],
    ['run_query', { sql: 'DROP TABLE users', database: 'prod' }, { readOnlyHint: true }, 'delete!!'],
    ['execute', { query: 'drop table users' }, undefined, 'delete!!'],
    ['search_docs', { query: 'how to drop a table' }, undefined, 'read'],
    ['search_docs', { query: 'delete old files' }, undefined, 'read'],
    ['run_command', { command: 'terraform destroy -auto-approve' }, undefined, 'delete!!'],
    ['run_command', { command: ['terraform', 'destroy'] }, undefined, 'delete!!'],
    ['run_command', { command: 'ls -la' }, undefined, 'read'],
  ])('%s %j → %s', (tool, args, annotations, expected) => {
    expect(kinds(classifyToolCall({ server: 'db', tool, args, annotations }, deps))).toBe(expected);
  });

  it('without a SQL classifier, falls back to keywords and errs towards destructive', () => {
    expect(
      kinds(classifyToolCall({ server: 'db', tool: 'run_query', args: { sql: 'DROP DATABASE app' } })),
    ).toBe('delete!!');
    expect(
      kinds(classifyToolCall({ server: 'db', tool: 'run_query', args: { sql: 'select * from t' } })),
    ).toBe('read');
    expect(
      kinds(classifyToolCall({ server: 'db', tool: 'run_query', args: { sql: 'select 1; drop table t' } })),
    ).toBe('delete!!');
  });

  it('without a shell classifier, a command is held as unknown execution', () => {
    expect(kinds(classifyToolCall({ server: 'ops', tool: 'run_command', args: { command: 'ls' } }))).toBe(
      'execute!',
    );
  });

  it('puts the database argument on SQL operations', () => {
    const ops = classifyToolCall(
      { server: 'db', tool: 'run_query', args: { sql: 'DROP TABLE users', database: 'prod-main' } },
      deps,
    );
    expect(ops[0]?.hints.database).toBe('prod-main');
  });
});

describe('environment hints from arguments', () => {
  it.each<[Record<string, unknown>, string, string]>([
    [{ cluster: 'prod-eu' }, 'kubeContext', 'prod-eu'],
    [{ account: 'prod-admin' }, 'awsProfile', 'prod-admin'],
    [{ project: 'shop-prod' }, 'gcpProject', 'shop-prod'],
    [{ database: 'orders' }, 'database', 'orders'],
    [{ region: 'us-east-1' }, 'region', 'us-east-1'],
    [{ host: 'db1.prod.example.com' }, 'host', 'db1.prod.example.com'],
    [{ url: 'postgres://u:p@db1.prod.example.com:5432/x' }, 'host', 'db1.prod.example.com'],
  ])('%j → %s=%s', (args, key, value) => {
    const [op] = classifyToolCall({ server: 's', tool: 'delete_thing', args });
    expect((op?.hints as Record<string, unknown>)[key]).toBe(value);
  });
});

describe('describeToolCall', () => {
  it('names the server and tool the way Claude Code does and cuts long arguments', () => {
    const text = describeToolCall('db', 'run_query', { sql: 'x'.repeat(1000) });
    expect(text.startsWith('mcp__db__run_query {"sql":"xxx')).toBe(true);
    expect(text.length).toBeLessThan(340);
  });

  it('every operation carries a kind from the shared list', () => {
    const valid: OperationKind[] = ['read', 'write', 'delete', 'unknown'];
    const ops = classifyToolCall({ server: 's', tool: 'get_x', args: {} });
    expect(valid).toContain(ops[0]?.kind);
  });
});

describe('classifyToolCall and guarded paths', () => {
  const deps: ToolCallDeps = {
    guardedPath: (path) =>
      path.endsWith('.claude/settings.json') ? "Claude Code's hook settings" : undefined,
  };

  it.each([
    ['write_file', { path: '/w/.claude/settings.json', content: '{}' }, true],
    ['move_file', { source: '/w/x.json', destination: '/w/.claude/settings.json' }, true],
    ['edit_file', { path: '/w/src/a.ts', edits: [] }, false],
    ['read_text_file', { path: '/w/.claude/settings.json' }, false],
  ])('%s %j is self-protection: %s', (tool, args, guarded) => {
    const ops = classifyToolCall({ server: 'filesystem', tool, args }, deps);

    expect(ops.some((op) => op.selfProtection === true && op.category === 'self-protection')).toBe(guarded);
  });
});
