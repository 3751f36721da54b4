import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlAnalyzer } from '../../core/actions/classifiers/sql-analyzer.js';
import { classifyByTokens, splitStatements } from './fallback-tokenizer.js';
import { createSqlAnalyzer } from './index.js';

let analyzer: SqlAnalyzer;
beforeAll(async () => {
  analyzer = await createSqlAnalyzer();
});

describe('createSqlAnalyzer', () => {
  it.each([
    ['DROP TABLE users', 'postgres', 'DROP TABLE', 'users', true],
    ['DROP SCHEMA billing CASCADE', 'postgres', 'DROP SCHEMA', 'billing', true],
    ['DROP DATABASE shop', 'postgres', 'DROP DATABASE', 'shop', true],
    ['TRUNCATE a, b', 'postgres', 'TRUNCATE', 'a, b', true],
    ['DELETE FROM public.users', 'postgres', 'DELETE', 'public.users', true],
    ['DELETE FROM users WHERE id = 1', 'postgres', 'DELETE', 'users', false],
    ['UPDATE users SET admin = true', 'postgres', 'UPDATE', 'users', true],
    ['ALTER TABLE users DROP COLUMN email', 'postgres', 'ALTER TABLE DROP COLUMN', 'users', true],
    ['ALTER TABLE users ADD COLUMN age int', 'postgres', 'ALTER TABLE', 'users', false],
    ['DROP INDEX idx_users_email', 'postgres', 'DROP INDEX', 'idx_users_email', false],
    ['DROP TABLE `users`', 'mysql', 'DROP TABLE', 'users', true],
    ['DELETE FROM `orders` LIMIT 10', 'mysql', 'DELETE', 'orders', true],
    ['TRUNCATE TABLE sessions', 'mysql', 'TRUNCATE', 'sessions', true],
    ['DROP TABLE IF EXISTS accounts', 'sqlite', 'DROP TABLE', 'accounts', true],
  ] as const)('%s (%s) → %s %s destructive=%s', (sql, dialect, kind, object, destructive) => {
    const { statements } = analyzer.analyze(sql, dialect);
    expect(statements[0]).toMatchObject({ kind, object, destructive });
  });

  it('reads every statement of a script, and strings are only strings', () => {
    const { statements, errors } = analyzer.analyze(
      "SELECT 'DROP TABLE x'; BEGIN; DROP TABLE payments; COMMIT;",
      'postgres',
    );
    expect(errors).toEqual([]);
    expect(statements.filter((s) => s.destructive).map((s) => s.object)).toEqual(['payments']);
  });

  it('keeps reading after a statement PostgreSQL rejects', () => {
    const { statements, errors } = analyzer.analyze('SHOW TABLES LIKE `x`; DROP TABLE users', 'postgres');
    expect(errors).toHaveLength(1);
    expect(statements.map((s) => s.destructive)).toEqual([false, true]);
  });
});

describe('fallback tokenizer', () => {
  it('splits on semicolons outside quotes and comments', () => {
    expect(splitStatements("SELECT ';'; -- DROP TABLE a;\nDELETE FROM b; /* ; */ SELECT 1")).toEqual([
      "SELECT ';'",
      'DELETE FROM b',
      'SELECT 1',
    ]);
  });

  it.each([
    ["UPDATE t SET a = 'WHERE' ", true],
    ['UPDATE t SET a = 1 WHERE id = 2', false],
    ['ALTER TABLE t DROP FOREIGN KEY fk_a', false],
    ['ALTER TABLE t DROP COLUMN c', true],
  ])('%s destructive=%s', (sql, destructive) => {
    expect(classifyByTokens(sql).destructive).toBe(destructive);
  });
});
