import { each, type ToolFamily } from '../family.js';
import { classifyDropdb, classifyMigrationTool, classifyMongo } from './databases.js';
import {
  classifyAerospike,
  classifyArangosh,
  classifyCypherShell,
  classifyNeo4jAdmin,
  classifyNodetool,
} from './query-languages.js';
import { bigQueryOverwrites } from './bigquery.js';
import { sparkLocalCatalog } from './spark.js';
import { createSqlClientClassifier } from './sql.js';
import { CLIENTS } from './sql-clients.js';
import { classifyDatabaseAdmin, classifyMemcachedFlush, classifyRedis } from './stores.js';

/** Database clients (SQL through any door), document and key-value stores. */
export const databases: ToolFamily = {
  id: 'databases',
  tools: (deps) => {
    const sqlClient = createSqlClientClassifier(deps);
    return {
      ...each(Object.keys(CLIENTS), sqlClient),
      bq: (command, surroundings) => [...sqlClient(command, surroundings), ...bigQueryOverwrites(command)],
      'spark-sql': (command, surroundings) => sparkLocalCatalog(command, sqlClient(command, surroundings)),
      dropdb: classifyDropdb,
      ...each(['mysqladmin', 'pg_restore'], classifyDatabaseAdmin),
      ...each(['mongosh', 'mongo'], classifyMongo),
      // query languages other than SQL: Cypher, ArangoDB, Aerospike, and Cassandra's node tool
      'cypher-shell': classifyCypherShell,
      'neo4j-admin': classifyNeo4jAdmin,
      arangosh: classifyArangosh,
      ...each(['asinfo', 'asadm', 'aql'], classifyAerospike),
      nodetool: classifyNodetool,
      ...each(['redis-cli', 'valkey-cli'], classifyRedis),
      ...each(['memcflush', 'memflush'], classifyMemcachedFlush),
      // framework and migration CLIs have their own family (frameworks/); supabase's local stack is read here
      supabase: classifyMigrationTool,
    };
  },
  // supabase also manages hosted projects, functions and secrets beyond its migrations
  // neo4j-admin, asadm and nodetool have more verbs than the ones read here: the generic reading sees the rest
  partial: ['supabase', 'bq', 'influx', 'cockroach', 'clickhouse', 'neo4j-admin', 'asadm', 'nodetool'],
};
