import { each, type ToolFamily } from '../family.js';
import {
  classifyDatabaseAdmin,
  classifyDropdb,
  classifyManagePy,
  classifyMigrationTool,
  classifyMongo,
  classifyPrisma,
  classifyRailsTask,
  classifyRedis,
} from './databases.js';
import { createSqlClientClassifier, SQL_CLIENTS } from './sql.js';

/** Database clients (SQL through any door), document and key-value stores, ORM and migration CLIs. */
export const databases: ToolFamily = {
  id: 'databases',
  tools: (deps) => ({
    ...each(SQL_CLIENTS, createSqlClientClassifier(deps)),
    dropdb: classifyDropdb,
    ...each(['mysqladmin', 'pg_restore'], classifyDatabaseAdmin),
    ...each(['mongosh', 'mongo'], classifyMongo),
    ...each(['redis-cli', 'valkey-cli'], classifyRedis),
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
