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
    // SQL through a door no SQL client classifier knows: an option carrying a statement, or one after `execute`
    [
      "edgectl db execute orders --command 'TRUNCATE orders'",
      "edgectl db execute orders --command 'SELECT count(*) FROM orders'",
    ],
    ["tursoish db shell main 'DELETE FROM sessions'", "tursoish db shell main 'SELECT 1'"],
    // Ruby run in the app by rails runner: bulk deletes
    [
      "bundle exec rails runner 'Order.where(stale: true).delete_all' -e production",
      "bundle exec rails runner 'puts Order.count' -e production",
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));
});

// The same clients pointed at a loopback host are the workstation's own dev services (DESIGN: disposable local
// things are everyday); the remote twin of each, and the same loopback inside ssh, stay held.
describe('loopback services are the workstation', () => {
  it.each([
    [
      'psql -h ::1 -d scratch -c "DROP TABLE imports"',
      'psql -h db.prod.corp.io -d scratch -c "DROP TABLE imports"',
    ],
    ["mysql --host=127.0.0.5 -e 'TRUNCATE t'", "mysql --host=10.1.2.3 -e 'TRUNCATE t'"],
    ['redis-cli -h localhost -p 6380 FLUSHALL', 'redis-cli -h cache.prod.corp.io -p 6380 FLUSHALL'],
    ['dropdb -h 127.0.0.1 scratch', 'dropdb -h pg.prod.corp.io scratch'],
    [
      'nats --server nats://localhost:4222 stream rm ORDERS -f',
      'nats --server nats://nats.prod.corp.io:4222 stream rm ORDERS -f',
    ],
    ['consul kv delete -http-addr=http://[::1]:8500 cfg/a', 'consul kv delete -http-addr=x cfg/a'],
    ['psql -h localhost -c "DROP TABLE t"', 'ssh db.prod.corp.io psql -h localhost -c "DROP TABLE t"'],
    ['psql -h localhost -c "DROP TABLE t"', 'psql -h localhost -h pg.prod.corp.io -c "DROP TABLE t"'],
  ])('%s is allowed; %s is held', (local, remote) => gate.allowedAndHeld(local, remote));

  it('a repeated host option cannot hide a remote server behind a loopback one', () => {
    expect(gate.stopped('redis-cli -h localhost -u redis://cache.prod.corp.io:6379 FLUSHALL')).toBe(true);
    expect(gate.stopped('redis-cli -h cache.prod.corp.io -h localhost FLUSHALL')).toBe(true);
  });

  it('a client with no host at all stays held: its default can be redirected and the line does not say where', () => {
    expect(gate.stopped('redis-cli FLUSHALL')).toBe(true);
    expect(gate.stopped('dropdb scratch')).toBe(true);
  });

  it('reads no SQL out of a message that names it (git commit -m, echo)', () => {
    expect(gate.decide("git commit -m 'chore: stop logging DELETE FROM sessions'").decision).toBe('allow');
    expect(gate.decide("echo 'DROP TABLE users' > notes/sql.txt").decision).toBe('allow');
  });
});
