import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyToolCall } from '../../core/actions/tool-call.js';
import type { ActionSurroundings, ParsedCommandLine, SimpleCommand } from '../../core/actions/types.js';
import { loadClassifiers, shellClassifierFrom, sqlClassifierFrom } from './classifiers.js';
import type { SqlAnalyzer } from '../../core/actions/classifiers/sql-analyzer.js';

type Analysis = ReturnType<SqlAnalyzer['analyze']>;

function analyzer(result: Analysis): SqlAnalyzer {
  return { analyze: () => result };
}

const DROP = {
  kind: 'DROP TABLE',
  object: 'users',
  destructive: true,
  reversible: false,
  summary: 'DROP TABLE users',
};
const SELECT = { kind: 'SELECT', destructive: false, reversible: true, summary: 'Select' };

describe('sqlClassifierFrom', () => {
  it.each<[string, Analysis, string[]]>([
    ['a destructive statement', { statements: [DROP, SELECT], errors: [] }, ['delete:false']],
    ['only reads', { statements: [SELECT], errors: [] }, []],
    ['DELETE without WHERE', { statements: [{ ...DROP, kind: 'DELETE' }], errors: [] }, ['truncate:false']],
    // held (reversible unknown), never allowed silently
    [
      'text that does not parse',
      {
        statements: [{ kind: 'THIS', destructive: false, reversible: true, summary: 'THIS' }],
        errors: ['syntax error'],
      },
      ['unknown:true'],
    ],
  ])('%s', (_label, analysis, expected) => {
    const ops = sqlClassifierFrom(analyzer(analysis))('…', { database: 'orders' });
    expect(ops.map((op) => `${op.kind}:${op.reversible}`)).toEqual(expected);
    for (const op of ops) expect(op.hints.database).toBe('orders');
  });
});

describe('shellClassifierFrom', () => {
  const surroundings: ActionSurroundings = { cwd: '/w', workspace: '/w', home: '/h', env: {} };
  const command = { name: 'rm', args: ['-rf', '/'] } as SimpleCommand;
  const parser = (parsed: Partial<ParsedCommandLine>) => ({
    parse: (): ParsedCommandLine => ({ commands: [command], errors: [], unknowable: [], ...parsed }),
  });
  const classify = (c: SimpleCommand) =>
    c.name === 'rm'
      ? [
          {
            kind: 'delete' as const,
            category: 'filesystem' as const,
            destructive: true,
            reversible: false,
            target: '/',
            summary: 'rm -rf /',
            hints: {},
            source: 'rm -rf /',
          },
        ]
      : [];

  it.each<[string, Partial<ParsedCommandLine>, string[]]>([
    ['each command it finds', {}, ['delete']],
    ['what cannot be known', { unknowable: ['sh runs what curl prints'] }, ['delete', 'unknown']],
    ['what does not parse', { commands: [], errors: ['unexpected token'] }, ['unknown']],
  ])('classifies %s', (_label, parsed, kinds) => {
    const ops = shellClassifierFrom(parser(parsed), classify, surroundings)('rm -rf /');
    expect(ops.map((op) => op.kind)).toEqual(kinds);
  });
});

describe('loadClassifiers', () => {
  it('reads a shell tool call as the gate does: a deploy, a push to main and an identity rewrite', async () => {
    const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadClassifiers } = await import('./classifiers.js');
    const dir = mkdtempSync(join(tmpdir(), 'bw-mcp-prod-'));
    try {
      mkdirSync(join(dir, '.git', 'refs', 'heads'), { recursive: true });
      writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      const deps = await loadClassifiers(dir, { HOME: dir });
      const kinds = (line: string): string[] =>
        (deps.classifyShell?.(line) ?? []).map((op) => `${op.kind}:${op.category}`);
      expect(kinds('kubectl --context prod-eu apply -f k8s/')).toContain('deploy:kubernetes');
      expect(kinds('git push origin main')).toContain('push:git');
      expect(kinds('kubectl config rename-context prod-eu kind-x')).toContain('write:environment-identity');
      expect(kinds('git push origin feature/x')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loadClassifiers: the gateway guarded-path check (issue 19 §4)', () => {
  // A real workspace with a link to the hook settings and one to the home folder, as an agent could leave them.
  const root = mkdtempSync(join(tmpdir(), 'bw-gw-'));
  const home = join(root, 'home');
  const repo = join(home, 'project');
  mkdirSync(join(repo, '.claude'), { recursive: true });
  mkdirSync(join(repo, '.git'));
  writeFileSync(join(repo, '.claude', 'settings.json'), '{}');
  symlinkSync(join(repo, '.claude', 'settings.json'), join(repo, 'notes.txt'));
  symlinkSync(home, join(repo, 'homelink'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function guarded(tool: string, args: Record<string, unknown>): Promise<boolean> {
    const deps = await loadClassifiers(repo, { HOME: home, PATH: '/usr/bin' });
    return classifyToolCall({ server: 'filesystem', tool, args }, deps).some(
      (op) => op.selfProtection === true,
    );
  }

  it.each<[string, Record<string, unknown>]>([
    ['write_file', { path: join(repo, 'notes.txt'), content: '{}' }],
    ['write_file', { path: join(repo, 'homelink', '.bashrc'), content: 'x' }],
    ['write_file', { path: '~/.bash_aliases', content: 'x' }],
    ['write_file', { path: `file://${join(repo, '.mcp.json')}`, content: '{}' }],
    ['move_file', { source: join(repo, '.claude'), destination: '/tmp/gone' }],
    ['edit_file', { path: join(repo, '.Claude', 'Settings.json'), edits: [] }],
  ])('%s %j is held as self-protection', async (tool, args) => {
    expect(await guarded(tool, args)).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['write_file', { path: join(repo, 'src', 'app.ts'), content: 'x' }],
    ['write_file', { path: join(repo, '.claude', 'commands', 'x.md'), content: 'x' }],
    ['read_file', { path: join(repo, 'notes.txt') }],
  ])('%s %j is not', async (tool, args) => {
    expect(await guarded(tool, args)).toBe(false);
  });
});
