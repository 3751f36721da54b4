import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Query languages other than SQL, through their own shells and through any door: each destructive line on a
// server the line names as production, beside its everyday twin (a read, a restricted deletion, or the same
// statement on this machine's loopback server).

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe.each([
  [
    'Cypher',
    [
      [
        'cypher-shell -a neo4j+s://kg.prod.corp.io "MATCH (s:Session) DETACH DELETE s"',
        'cypher-shell -a neo4j+s://kg.prod.corp.io "MATCH (s:Session) RETURN count(s)"',
      ],
      [
        'cypher-shell -a neo4j+s://kg.prod.corp.io "MATCH (s:Session) WHERE 1 = 1 DELETE s"',
        'cypher-shell -a neo4j+s://kg.prod.corp.io "MATCH (s:Session) WHERE s.expires < 1700000000 DELETE s"',
      ],
      [
        'cypher-shell -a neo4j+s://kg.prod.corp.io "MATCH ()-[r:FOLLOWS]->() DELETE r"',
        'cypher-shell -a neo4j+s://kg.prod.corp.io "MATCH (a:Acct {handle: \'bob\'})-[r:FOLLOWS]->() DELETE r"',
      ],
      [
        'cypher-shell -a bolt://kg.prod.corp.io -d system "DROP DATABASE billing IF EXISTS"',
        'cypher-shell -a bolt://kg.prod.corp.io -d system "SHOW DATABASES"',
      ],
      [
        'cypher-shell -a neo4j+s://kg.prod.corp.io "DROP CONSTRAINT acct_handle_unique"',
        'cypher-shell -a neo4j://127.0.0.1:7687 "DROP CONSTRAINT acct_handle_unique"',
      ],
      [
        'echo "MATCH (x) DETACH DELETE x" | mgconsole --host memgraph.prod.corp.io',
        'echo "MATCH (x) RETURN x LIMIT 5" | mgconsole --host memgraph.prod.corp.io',
      ],
      [
        'neo4j-admin database load billing --from-path=/backups --overwrite-destination=true',
        'neo4j-admin database dump billing --to-path=/backups',
      ],
    ],
  ],
  [
    'MongoDB and ArangoDB shells',
    [
      [
        'mongosh "mongodb+srv://docs.prod.corp.io/crm" --eval "db.leads.remove({})"',
        'mongosh "mongodb+srv://docs.prod.corp.io/crm" --eval "db.leads.countDocuments({})"',
      ],
      [
        'arangosh --server.endpoint ssl://adb.prod.corp.io:8529 --javascript.execute-string "db.carts.truncate()"',
        'arangosh --server.endpoint ssl://adb.prod.corp.io:8529 --javascript.execute-string "db.carts.count()"',
      ],
      [
        'arangosh --server.endpoint ssl://adb.prod.corp.io:8529 --javascript.execute-string \'db._dropDatabase("crm")\'',
        'arangosh --server.endpoint tcp://localhost:8529 --javascript.execute-string \'db._dropDatabase("crm")\'',
      ],
      [
        'arangosh --server.endpoint ssl://adb.prod.corp.io:8529 --javascript.execute-string \'db._query("FOR c IN carts REMOVE c IN carts")\'',
        'arangosh --server.endpoint ssl://adb.prod.corp.io:8529 --javascript.execute-string \'db._query("FOR c IN carts FILTER c.age > 90 REMOVE c IN carts")\'',
      ],
      [
        'docctl query --host docs.prod.corp.io "db.getSiblingDB(\'crm\').dropDatabase()"',
        'docctl query --host docs.prod.corp.io "db.getSiblingDB(\'crm\').stats()"',
      ],
    ],
  ],
  [
    'Aerospike',
    [
      [
        'asinfo -h aero2.prod.corp.io -v "truncate-namespace:namespace=ads"',
        'asinfo -h aero2.prod.corp.io -v "truncate-namespace-undo:namespace=ads"',
      ],
      [
        'asinfo -h aero2.prod.corp.io -v "sindex-delete:ns=ads;indexname=by_user"',
        'asinfo -h aero2.prod.corp.io -v "sindex-list:ns=ads"',
      ],
      [
        'aql -h aero2.prod.corp.io -c "TRUNCATE ads.impressions"',
        'aql -h 127.0.0.1 -c "TRUNCATE ads.impressions"',
      ],
      [
        'asadm -h aero2.prod.corp.io --enable -e "manage truncate ns ads set impressions"',
        'asadm -h aero2.prod.corp.io -e "show statistics"',
      ],
    ],
  ],
  [
    'Cassandra and Scylla node tool',
    [
      ['nodetool -h cas3.prod.corp.io removenode 5e1c-77af', 'nodetool -h cas3.prod.corp.io ring'],
      [
        'nodetool --host cas3.prod.corp.io truncatehints',
        'nodetool --host cas3.prod.corp.io tablestats ks.t',
      ],
      ['nodetool -h cas3.prod.corp.io assassinate 10.0.4.7', 'nodetool -h 127.0.0.1 assassinate 10.0.4.7'],
    ],
  ],
  [
    'ClickHouse mutations',
    [
      [
        'clickhouse-client -h olap.prod.corp.io -q "ALTER TABLE web.pageviews DELETE WHERE true"',
        'clickhouse-client -h olap.prod.corp.io -q "ALTER TABLE web.pageviews DELETE WHERE site_id = 9"',
      ],
      [
        'clickhouse-client -h olap.prod.corp.io -q "ALTER TABLE web.pageviews ON CLUSTER main UPDATE bot = 1 WHERE 1"',
        'clickhouse-client -h olap.prod.corp.io -q "ALTER TABLE web.pageviews UPDATE bot = 1 WHERE ua LIKE \'%crawler%\'"',
      ],
      [
        'clickhouse-client -h olap.prod.corp.io -q "ALTER TABLE web.pageviews DROP PARTITION \'2023-11\'"',
        'clickhouse-client -h olap.prod.corp.io -q "SELECT partition FROM system.parts"',
      ],
    ],
  ],
  [
    'InfluxDB',
    [
      [
        'influx -host influx.prod.corp.io -execute "DROP MEASUREMENT cpu_load"',
        'influx -host influx.prod.corp.io -execute "SHOW MEASUREMENTS"',
      ],
    ],
  ],
  [
    'redis-cli administration',
    [
      [
        'redis-cli -h sent1.prod.corp.io -p 26379 SENTINEL RESET cache-primary',
        'redis-cli -h sent1.prod.corp.io -p 26379 SENTINEL get-master-addr-by-name cache-primary',
      ],
      ['redis-cli -h kv.prod.corp.io ACL DELUSER reporting', 'redis-cli -h kv.prod.corp.io ACL LIST'],
      ['redis-cli -h kv.prod.corp.io CLUSTER RESET HARD', 'redis-cli -h kv.prod.corp.io CLUSTER INFO'],
      ['redis-cli -h kv.prod.corp.io CONFIG SET save ""', 'redis-cli -h kv.prod.corp.io CONFIG GET save'],
      ['redis-cli -h kv.prod.corp.io GRAPH.DELETE social', 'redis-cli -h kv.prod.corp.io GRAPH.LIST'],
    ],
  ],
])('%s', (_, pairs) => {
  it.each(pairs)('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));
});

describe('a door that is no query', () => {
  it.each([
    'grep -rn "MATCH (n) DETACH DELETE n" docs/',
    "python3 -c \"import pandas as pd; print(pd.DataFrame({'a': [1]}).drop('a', axis=1))\"",
    'git commit -m "db.dropDatabase() in the teardown helper"',
    'psql -h pg.prod.corp.io -c "DROP INDEX CONCURRENTLY idx_orders_old"',
    'bash -c "echo \'MATCH (n) DETACH DELETE n\' > docs/cypher-cheatsheet.txt"',
  ])('%s is allowed', (line) => {
    const decision = gate.decide(line);
    expect(decision.decision, decision.reasons.join('\n')).toBe('allow');
  });
});
