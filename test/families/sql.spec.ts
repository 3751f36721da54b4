import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// SQL through any door, in any client: each destructive line beside a read-only twin through the same door.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.write('db/wipe.sql', 'BEGIN;\nTRUNCATE invoices;\nCOMMIT;\n');
  gate.write('db/report.sql', 'SELECT count(*) FROM invoices;\n');
});
afterAll(() => gate.close());

describe('SQL through any door', () => {
  it.each([
    [
      'psql -h pg.prod.corp.io -c "DELETE FROM carts WHERE 1=1"',
      'psql -h pg.prod.corp.io -c "DELETE FROM carts WHERE id = 7"',
    ],
    [
      'psql -h pg.prod.corp.io -c "UPDATE users SET admin = true WHERE true"',
      'psql -h pg.prod.corp.io -c "SELECT * FROM users WHERE true"',
    ],
    [
      'psql -h pg.prod.corp.io -c "DELETE FROM t WHERE x IS NULL OR x IS NOT NULL"',
      'psql -h pg.prod.corp.io -c "DELETE FROM t WHERE x IS NULL"',
    ],
    [
      'psql -h pg.prod.corp.io -c "DROP OWNED BY reporting"',
      'psql -h pg.prod.corp.io -c "REASSIGN OWNED BY a TO b"',
    ],
    ["mysql -h my.prod.corp.io -e 'DELETE FROM orders WHERE 1'", "mysql -h my.prod.corp.io -e 'SELECT 1'"],
    [
      "sqlcmd -S tcp:10.9.8.7,1433 -Q 'DROP DATABASE Billing'",
      "sqlcmd -S tcp:10.9.8.7,1433 -Q 'SELECT TOP 5 * FROM dbo.Bills'",
    ],
    ["snowsql -c main -q 'TRUNCATE TABLE raw.events'", "snowsql -c main -q 'SELECT 1'"],
    [
      "bq query --nouse_legacy_sql 'DELETE FROM ds.t WHERE true'",
      "bq query --nouse_legacy_sql 'SELECT * FROM ds.t LIMIT 3'",
    ],
    ["cqlsh cass.prod.corp.io -e 'DROP KEYSPACE shop'", "cqlsh cass.prod.corp.io -e 'DESCRIBE KEYSPACES'"],
    [
      "clickhouse-client --host ch.prod.corp.io --query 'DROP TABLE hits'",
      "clickhouse-client --host ch.prod.corp.io --query 'SELECT 1'",
    ],
    [
      "clickhouse client -h ch.prod.corp.io -q 'TRUNCATE TABLE hits'",
      "clickhouse client -h ch.prod.corp.io -q 'SHOW TABLES'",
    ],
    [
      "cockroach sql --url 'postgresql://root@crdb.prod.corp.io:26257/x' -e 'DROP DATABASE x'",
      "cockroach sql --url 'postgresql://root@crdb.prod.corp.io:26257/x' -e 'SHOW TABLES'",
    ],
    [
      "trino --server https://trino.prod.corp.io --execute 'DROP TABLE h.w.c'",
      "trino --server https://trino.prod.corp.io --execute 'SELECT 1'",
    ],
    ["duckdb /srv/wh.duckdb -c 'DROP TABLE sales'", "duckdb /srv/wh.duckdb -c 'SELECT 42'"],
    [
      "echo 'DROP TABLE ks.t;' | cqlsh cass.prod.corp.io",
      "echo 'SELECT * FROM ks.t LIMIT 1;' | cqlsh cass.prod.corp.io",
    ],
    ["psql -h pg.prod.corp.io <<< 'DROP SCHEMA app CASCADE'", "psql -h pg.prod.corp.io <<< 'SELECT now()'"],
    ['psql -h pg.prod.corp.io -f db/wipe.sql', 'psql -h pg.prod.corp.io -f db/report.sql'],
    ['mysql -h my.prod.corp.io app < db/wipe.sql', 'mysql -h my.prod.corp.io app < db/report.sql'],
    ['psql -h pg.prod.corp.io -c "$(cat db/report.sql)"', 'psql -h pg.prod.corp.io -c "SELECT 2"'],
    ['mysqladmin -h my.prod.corp.io -f drop shop', 'mysqladmin -h my.prod.corp.io status'],
    ['pg_restore --clean -h pg.prod.corp.io -d app dump.backup', 'pg_restore --list dump.backup'],
    ['redis-cli -h cache.prod.corp.io DEL queue:jobs', 'redis-cli -h cache.prod.corp.io GET queue:jobs'],
    [
      'redis-cli -h cache.prod.corp.io CONFIG SET appendonly no',
      'redis-cli -h cache.prod.corp.io CONFIG GET appendonly',
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    expect(gate.stopped(destructive)).toBe(true);
    const allowed = gate.decide(twin);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });
});
