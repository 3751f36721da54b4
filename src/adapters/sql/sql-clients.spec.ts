import { beforeAll, describe, expect, it } from 'vitest';
import { createSqlAnalyzer } from './index.js';
import { cmd, cmdArgs, surroundings } from '../../core/actions/classifiers/command-factory.js';
import { classifyCommand, type ClassifierDeps } from '../../core/actions/classifiers/index.js';

let deps: ClassifierDeps;
beforeAll(async () => {
  deps = { sql: await createSqlAnalyzer() };
});

describe('SQL clients', () => {
  it.each([
    ['psql', ['-h', 'db.prod.example.com', '-c', 'DROP TABLE users'], 'users', 'db.prod.example.com'],
    [
      'psql',
      ['postgres://app@db.prod.example.com:5432/shop', '-c', 'TRUNCATE orders'],
      'orders',
      'db.prod.example.com',
    ],
    ['mysql', ['-h', 'mysql.prod', '-e', 'DELETE FROM `accounts`'], 'accounts', 'mysql.prod'],
    ['mysql', ['--execute=DROP DATABASE shop'], 'shop', undefined],
    ['psql', ['-c', 'UPDATE users SET admin = true'], 'users', undefined],
    ['psql', ['-c', 'ALTER TABLE users DROP COLUMN email'], 'users', undefined],
  ])('%s %j is destructive', (name, args, target, host) => {
    const ops = classifyCommand(cmdArgs(name, args), surroundings(), deps);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ category: 'sql', destructive: true, reversible: false, target });
    expect(ops[0]?.hints.host).toBe(host);
  });

  it.each([
    ['psql', ['-c', "SELECT * FROM users WHERE note = 'DROP TABLE users'"]],
    ['psql', ['-c', 'DELETE FROM sessions WHERE expires_at < now()']],
    ['mysql', ['-e', 'SELECT `id` FROM users LIMIT 5']],
    ['sqlite3', ['app.db', '.tables']],
    ['psql', ['-c', '\\dt']],
    ['psql', ['-c', 'CREATE INDEX CONCURRENTLY idx ON t(a); DROP INDEX old_idx']],
  ])('%s %j is harmless', (name, args) => {
    expect(classifyCommand(cmdArgs(name, args), surroundings(), deps)).toEqual([]);
  });

  it('reads a heredoc on stdin and a sqlite statement argument', () => {
    const heredoc = classifyCommand(
      cmd('psql -h db.prod.example.com', { stdin: 'BEGIN;\nDROP SCHEMA billing CASCADE;\nCOMMIT;\n' }),
      surroundings(),
      deps,
    );
    const sqlite = classifyCommand(
      cmdArgs('sqlite3', ['prod.db', 'DELETE FROM users']),
      surroundings(),
      deps,
    );
    expect(heredoc.map((o) => o.target)).toEqual(['billing']);
    expect(sqlite[0]).toMatchObject({ kind: 'truncate', target: 'users', hints: { path: 'prod.db' } });
  });

  it('holds SQL it cannot read: a file or garbage', () => {
    expect(classifyCommand(cmd('psql -f cleanup.sql'), surroundings(), deps)[0]).toMatchObject({
      kind: 'unknown',
      destructive: true,
    });
    expect(classifyCommand(cmdArgs('psql', ['-c', 'DROPP TABLEE x']), surroundings(), deps)).toEqual([]);
  });
});
