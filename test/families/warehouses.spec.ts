import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Data warehouses and lakes: destruction by overwrite and by maintenance that deletes history, SQL through the
// warehouses' own doors, their safeguards switched off, and where a warehouse tool acts — told by the names of its
// connections, profiles, targets and projects, by where an orchestrator keeps its metadata, by a local socket.
// Each destructive line beside an everyday twin through the same door.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.write(
    'af-remote/airflow.cfg',
    '[database]\nsql_alchemy_conn = postgresql+psycopg2://af@meta.corp.io/airflow\n',
  );
  gate.write('af-cmd/airflow.cfg', '[database]\nsql_alchemy_conn_cmd = vault-read airflow/db\n');
  gate.write('af-sqlite/airflow.cfg', '[core]\ndags_folder = dags\n');
  gate.write(
    'pf-cloud/profiles.toml',
    'active = "work"\n\n[profiles.local]\n\n[profiles.work]\nPREFECT_API_URL = "https://api.prefect.cloud/api/accounts/a/workspaces/w"\n',
  );
});
afterAll(() => gate.close());

function expectAllowed(command: string): void {
  const decision = gate.decide(command);
  expect(decision.decision, decision.reasons.join('\n')).toBe('allow');
}

describe('an overwrite is destruction', () => {
  it.each([
    [
      'snowsql -c prod_main -q "CREATE OR REPLACE TRANSIENT TABLE mart.fct_sales AS SELECT 1 AS x"',
      'snowsql -c prod_main -q "CREATE OR REPLACE VIEW mart.v_sales AS SELECT 1 AS x"',
    ],
    [
      'beeline -u jdbc:hive2://hive.prod.corp.io:10000 -e "INSERT OVERWRITE TABLE web.clicks PARTITION (dt=\'2026-01-01\') SELECT * FROM staging.clicks"',
      'beeline -u jdbc:hive2://hive.prod.corp.io:10000 -e "INSERT INTO TABLE web.clicks SELECT * FROM staging.clicks"',
    ],
    [
      'spark-sql -e "REPLACE TABLE cat.db.events USING delta AS SELECT * FROM tmp_events"',
      'spark-sql -e "SELECT * FROM cat.db.events LIMIT 5"',
    ],
    [
      'bq cp --force shop-prod-eu:sales.daily_bak shop-prod-eu:sales.daily',
      'bq cp shop-prod-eu:sales.daily shop-prod-eu:sales.daily_bak',
    ],
    [
      'bq load --replace=true --source_format=NEWLINE_DELIMITED_JSON shop-prod-eu:crm.leads data/leads.json',
      'bq load --source_format=NEWLINE_DELIMITED_JSON shop-prod-eu:crm.leads data/leads.json',
    ],
    [
      "bq query --replace --destination_table=shop-prod-eu:crm.leads 'SELECT 1 AS x'",
      "bq query --destination_table=shop-prod-eu:crm.leads_new 'SELECT 1 AS x'",
    ],
    ['dbt snapshot --full-refresh --target prod_eu', 'dbt snapshot --target prod_eu --help'],
    [
      'dbt build -f --target prod_eu --select tag:nightly',
      'dbt build -f --target dev_bob --select tag:nightly',
    ],
    [
      `duckdb -c "COPY (SELECT * FROM 'out/e.csv') TO 'gs://corp-prod-exports/e.parquet' (FORMAT parquet)"`,
      `duckdb -c "COPY (SELECT * FROM 'out/e.csv') TO 'exports/e.parquet' (FORMAT parquet)"`,
    ],
    [
      `duckdb /tmp/x.duckdb -c "COPY events TO 's3://corp-lake/e.parquet'"`,
      `duckdb -c "COPY events TO 's3://corp-dev-scratch/e.parquet'"`,
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    expect(gate.stopped(destructive)).toBe(true);
    expectAllowed(twin);
  });
});

describe('table maintenance that deletes history', () => {
  it.each([
    [
      "spark-sql -e \"CALL hive_cat.system.remove_orphan_files(table => 'db.sales', older_than => TIMESTAMP '2026-01-01 00:00:00')\"",
      'spark-sql -e "CALL hive_cat.system.rewrite_data_files(table => \'db.sales\')"',
    ],
    [
      "spark-sql -e \"CALL cat.system.expire_snapshots('db.sales', TIMESTAMP '2026-01-01 00:00:00')\"",
      'spark-sql -e "SELECT * FROM cat.db.sales.snapshots"',
    ],
    [
      'trino --server https://trino.prod.corp.io --execute "ALTER TABLE lake.web.visits EXECUTE remove_orphan_files(retention_threshold => \'1d\')"',
      'trino --server https://trino.prod.corp.io --execute "ALTER TABLE lake.web.visits EXECUTE optimize"',
    ],
    [
      "spark-sql -e 'VACUUM delta.`gs://corp-prod-lake/visits` RETAIN 12 HOURS'",
      "spark-sql -e 'VACUUM delta.`gs://corp-prod-lake/visits` RETAIN 12 HOURS DRY RUN'",
    ],
    ['spark-sql -e "VACUUM web.visits RETAIN 1 HOURS"', 'spark-sql -e "VACUUM web.visits RETAIN 240 HOURS"'],
    [
      'spark-sql --conf spark.databricks.delta.retentionDurationCheck.enabled=false -e "SELECT 1"',
      'spark-sql --conf spark.databricks.delta.retentionDurationCheck.enabled=true -e "SELECT 1"',
    ],
    [
      "spark-sql -e \"ALTER TABLE web.visits SET TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'interval 0 hours')\"",
      "spark-sql -e \"ALTER TABLE web.visits SET TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'interval 30 days')\"",
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    expect(gate.stopped(destructive)).toBe(true);
    expectAllowed(twin);
  });
});

describe("SQL through the warehouses' doors", () => {
  it.each([
    [
      'aws athena start-query-execution --query-string "DROP DATABASE logs_prod CASCADE" --profile prod-analytics',
      'aws athena start-query-execution --query-string "SHOW TABLES IN logs_prod" --profile prod-analytics',
    ],
    [
      'aws redshift-data execute-statement --workgroup-name wh-main --database sales --sql "DELETE FROM public.orders"',
      'aws redshift-data execute-statement --workgroup-name wh-main --database sales --sql "SELECT count(*) FROM public.orders"',
    ],
    [
      'snow sql --query "DROP TABLE sales.public.leads" --connection prod_admin',
      'snow sql --query "SELECT 1" --connection prod_admin',
    ],
    [
      "bq query --nouse_legacy_sql 'DROP TABLE ds.t'",
      "bq query --nouse_legacy_sql --dry_run 'DROP TABLE ds.t'",
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    expect(gate.stopped(destructive)).toBe(true);
    expectAllowed(twin);
  });
});

describe("a warehouse's safeguards switched off", () => {
  it.each([
    [
      'snow sql -q "ALTER SCHEMA sales.public SET DATA_RETENTION_TIME_IN_DAYS = 0" -c prod_admin',
      'snow sql -q "ALTER SCHEMA sales.public SET DATA_RETENTION_TIME_IN_DAYS = 30" -c prod_admin',
    ],
    [
      'snowsql -c prod_admin -q "ALTER USER etl_bot UNSET NETWORK_POLICY"',
      'snowsql -c prod_admin -q "DESCRIBE NETWORK POLICY corp_ips"',
    ],
    [
      'snowsql -c prod_admin -q "ALTER TABLE crm.leads DROP ROW ACCESS POLICY region_rap"',
      'snowsql -c prod_admin -q "SHOW ROW ACCESS POLICIES"',
    ],
    [
      'az sql db ltr-policy set -g rg-shop -s sql-shop -n orders --yearly-retention P0Y',
      'az sql db ltr-policy show -g rg-shop -s sql-shop -n orders',
    ],
    [
      'psql -h pg.prod.corp.io -c "ALTER TABLE accounts DISABLE ROW LEVEL SECURITY"',
      'psql -h pg.prod.corp.io -c "ALTER TABLE accounts ENABLE ROW LEVEL SECURITY"',
    ],
    [
      'snowsql -c prod_admin -q "ALTER SCHEMA s SET DATA_RETENTION_TIME_IN_DAYS = 0"',
      'snowsql -c dev_bob -q "ALTER SCHEMA s SET DATA_RETENTION_TIME_IN_DAYS = 0"',
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    expect(gate.stopped(destructive)).toBe(true);
    expectAllowed(twin);
  });
});

// A name that says dev is dev, one that says prod is prod, any other name is unknown and held.
describe("where a warehouse tool acts, by its connection's, profile's, target's or project's name", () => {
  it.each([
    ['snowsql --connection dev_sandbox -q "DROP TABLE scratch.t"', 'prod', 'analytics'],
    ['databricks workspace delete /Users/bob/tmp --profile dev-bob', 'prod-ws', 'corp'],
    ['DATABRICKS_CONFIG_PROFILE=dev-bob databricks jobs delete 42', 'prod-ws', 'corp'],
    ['databricks bundle destroy --target dev_bob --auto-approve', 'prod_eu', 'staging'],
    ['databricks bundle deploy --target dev_bob', 'prod_eu', 'staging'],
    ['dbt run-operation drop_old_relations --target dev_bob', 'prod_eu', 'ci'],
    ['snow object drop table sales.public.t --connection dev_bob', 'prod_admin', 'main'],
    ['bq rm -f -t corp-dev-playground:tmp.t1', 'corp-prod-eu', 'corp-data'],
    ['bq rm -f --project_id=corp-dev-playground -t tmp.t1', 'corp-prod-eu', 'corp-data'],
  ])('%s is allowed; the same on a prod or an unknown name is held', (devLine, prod, unknown) => {
    expectAllowed(devLine);
    const dev = /dev[-_a-z]*/.exec(devLine)?.[0] ?? '';
    expect(gate.stopped(devLine.replace(dev, prod))).toBe(true);
    expect(gate.stopped(devLine.replace(dev, unknown))).toBe(true);
  });

  it('a protected word in the account or host outweighs a dev name', () => {
    expect(gate.stopped('snowsql -a corp-prod -c dev_sandbox -q "DROP TABLE x"')).toBe(true);
    expect(
      gate.stopped(
        'DATABRICKS_HOST=https://corp.prod.cloud.databricks.com databricks fs rm -r dbfs:/x -p dev',
      ),
    ).toBe(true);
  });

  it('every name counts: one that says prod, or one that says nothing, outweighs one that says dev', () => {
    expectAllowed('bq extract corp-dev-playground:tmp.t1 gs://corp-dev-exports/t1.csv');
    expect(gate.stopped('bq extract corp-dev-playground:tmp.t1 gs://corp-prod-exports/t1.csv')).toBe(true);
    expect(gate.stopped('bq extract corp-dev-playground:tmp.t1 gs://corp-exports/t1.csv')).toBe(true);
    expect(gate.stopped('databricks bundle destroy -p dev-bob -t corp --auto-approve')).toBe(true);
  });

  it('a full refresh with no target named is held: dbt uses a default the line does not show', () => {
    expect(gate.stopped('dbt seed --full-refresh')).toBe(true);
  });

  it("spark-sql's local catalog on this machine is local; a cluster, a remote catalog or another catalog is not", () => {
    expectAllowed('spark-sql -e "DROP TABLE local.tmp.t"');
    expectAllowed('spark-sql --master local[4] -e "INSERT OVERWRITE local.tmp.t SELECT 1"');
    expect(gate.stopped('spark-sql --master yarn -e "DROP TABLE local.tmp.t"')).toBe(true);
    expect(gate.stopped('spark-sql -e "DROP TABLE hive.tmp.t"')).toBe(true);
    expect(gate.stopped('spark-sql -e "DROP TABLE local.tmp.t; DROP TABLE hive.tmp.t"')).toBe(true);
    expect(
      gate.stopped(
        'spark-sql --conf spark.sql.catalog.local.uri=thrift://meta.corp.io:9083 -e "DROP TABLE local.tmp.t"',
      ),
    ).toBe(true);
  });
});

describe("orchestrators' own metadata, where the tool points", () => {
  it('Airflow: a SQLite file in AIRFLOW_HOME or a loopback server is local; a named or computed one is not', () => {
    expectAllowed(`AIRFLOW_HOME=${gate.repo}/af-none airflow dags delete etl_daily -y`);
    expectAllowed(
      `AIRFLOW_HOME=${gate.repo}/af-sqlite airflow db clean --clean-before-timestamp 2026-01-01 -y`,
    );
    expectAllowed(
      'AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql://af@localhost:5432/af airflow db reset --yes',
    );
    expect(
      gate.stopped(
        'AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql://af@pg.prod.corp.io/af airflow db reset --yes',
      ),
    ).toBe(true);
    expect(gate.stopped(`AIRFLOW_HOME=${gate.repo}/af-remote airflow db reset --yes`)).toBe(true);
    expect(gate.stopped(`AIRFLOW_HOME=${gate.repo}/af-cmd airflow db reset --yes`)).toBe(true);
    expect(gate.stopped('kubectl exec deploy/af --context prod-x -- airflow db reset --yes')).toBe(true);
  });

  it("Prefect: a loopback API or the local default is local; another API or a profile's remote one is not", () => {
    expectAllowed('PREFECT_API_URL=http://localhost:4200/api prefect flow-run delete 7f3c2a1e');
    expectAllowed(`PREFECT_HOME=${gate.repo}/pf-none prefect work-pool delete scratch`);
    expect(
      gate.stopped(
        'PREFECT_API_URL=https://api.prefect.cloud/api/accounts/a/workspaces/w prefect flow-run delete 7f3c2a1e',
      ),
    ).toBe(true);
    expect(gate.stopped(`PREFECT_HOME=${gate.repo}/pf-cloud prefect work-pool delete scratch`)).toBe(true);
  });
});

describe("the local server's unix socket", () => {
  it.each([
    [
      "psql -h /run/postgresql -d app -c 'TRUNCATE jobs'",
      "psql -h /cloudsql/corp-main:eu:db -d app -c 'TRUNCATE jobs'",
    ],
    [
      "PGHOST=/var/run/postgresql psql -c 'DELETE FROM jobs'",
      "PGHOST=/srv/tunnel psql -c 'DELETE FROM jobs'",
    ],
    [
      "mysql -S /run/mysqld/mysqld.sock -e 'DELETE FROM jobs'",
      "mysql -S /srv/tunnels/x.sock -e 'DELETE FROM jobs'",
    ],
    [
      "psql -h /run/postgresql -d app -c 'TRUNCATE jobs'",
      "psql -h /run/postgresql -d app_prod -c 'TRUNCATE jobs'",
    ],
  ])('%s is allowed; %s is held', (local, other) => {
    expectAllowed(local);
    expect(gate.stopped(other)).toBe(true);
  });
});

describe('the files that name warehouse connections are identity', () => {
  it.each([
    'cp /tmp/x ~/.databrickscfg',
    "sed -i 's/prod/dev/' ~/.snowsql/config",
    'tee -a ~/.dbt/profiles.yml < /tmp/p.yml',
  ])('%s is held', (line) => {
    expect(gate.stopped(line)).toBe(true);
  });
});
