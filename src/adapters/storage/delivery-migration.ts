import type { Kysely, Migration } from 'kysely';

/**
 * Tables of deployments, incidents and suspect verdicts (issue 6). Kept in its own file and
 * listed in `migrations.ts`, so the storage owner's file changes by one line. Portable types only.
 */
export const DELIVERY_MIGRATION: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('deployments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('environment', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('ai_assisted', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('deployed_at', 'text', (c) => c.notNull())
      .addColumn('wave', 'text')
      // The whole record as JSON: optional fields grow without migrations.
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('deployments_service')
      .on('deployments')
      .columns(['service', 'deployed_at'])
      .execute();
    await db.schema.createIndex('deployments_time').on('deployments').columns(['deployed_at']).execute();
    await db.schema
      .createTable('deployment_commits')
      .addColumn('deployment_id', 'text', (c) => c.notNull().references('deployments.id').onDelete('cascade'))
      .addColumn('sha', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('deployment_commits_pk', ['deployment_id', 'sha'])
      .execute();
    await db.schema.createIndex('deployment_commits_sha').on('deployment_commits').columns(['sha']).execute();
    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('incidents_time').on('incidents').columns(['started_at']).execute();
    await db.schema
      .createTable('incident_services')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('service', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_services_pk', ['incident_id', 'service'])
      .execute();
    await db.schema
      .createTable('suspects')
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('deployment_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('suspects_pk', ['incident_id', 'deployment_id'])
      .execute();
  },
};
