import { each, type ToolFamily } from '../family.js';
import {
  classifyDropdb,
  classifyManagePy,
  classifyMigrationTool,
  classifyMongo,
  classifyPrisma,
  classifyRailsTask,
} from './databases.js';
import { createSqlClientClassifier } from './sql.js';
import { CLIENTS } from './sql-clients.js';
import { classifyDatabaseAdmin, classifyMemcachedFlush, classifyRedis } from './stores.js';

/** Database clients (SQL through any door), document and key-value stores, ORM and migration CLIs. */
export const databases: ToolFamily = {
  id: 'databases',
  tools: (deps) => ({
    ...each(Object.keys(CLIENTS), createSqlClientClassifier(deps)),
    dropdb: classifyDropdb,
    ...each(['mysqladmin', 'pg_restore'], classifyDatabaseAdmin),
    ...each(['mongosh', 'mongo'], classifyMongo),
    ...each(['redis-cli', 'valkey-cli'], classifyRedis),
    ...each(['memcflush', 'memflush'], classifyMemcachedFlush),
    prisma: classifyPrisma,
    ...each(['rails', 'rake'], classifyRailsTask),
    ...each(['manage.py', 'django-admin'], classifyManagePy),
    ...each(
      [
        'sequelize',
        'sequelize-cli',
        'typeorm',
        'typeorm-ts-node-commonjs',
        'flyway',
        'liquibase',
        'knex',
        'alembic',
        'drizzle-kit',
        'supabase',
      ],
      classifyMigrationTool,
    ),
  }),
  // supabase also manages hosted projects, functions and secrets beyond its migrations
  partial: ['supabase', 'bq', 'influx', 'cockroach', 'clickhouse'],
};
