import { existsSync } from 'node:fs';
import type { Kysely, Transaction } from 'kysely';
import { verdictKey } from '../../core/delivery/attribution.js';
import type { Deployment, Incident, Review, Verdict } from '../../core/delivery/types.js';
import { BlastwallError } from '../../core/errors.js';
import { appendInTx, createChainWriter, type ChainTx } from './audit-log.js';
import { isPostgresSpec, openMigrated } from './open-store.js';
import type { Database } from './schema.js';
import type { Actor } from './types.js';

/** The delivery tables (migration `delivery-migration.ts`). */
export interface DeliveryTables {
  deployments: {
    id: string;
    service: string;
    environment: string;
    status: string;
    ai_assisted: number;
    started_at: string;
    deployed_at: string;
    wave: string | null;
    data: string;
  };
  deployment_commits: { deployment_id: string; sha: string };
  incidents: { id: string; severity: string; started_at: string; resolved_at: string | null; data: string };
  incident_services: { incident_id: string; service: string };
  suspects: {
    incident_id: string;
    deployment_id: string;
    state: string;
    decided_by: string;
    reason: string | null;
    decided_at: string;
  };
}

type All = Database & DeliveryTables;

/** Filters for deployments; times compare against when the deployment reached its environment. */
export interface DeploymentQuery {
  since?: string;
  until?: string;
  service?: string;
  environment?: string;
  sha?: string;
}

/** A person's verdict on one suspect. */
export interface VerdictInput {
  incidentId: string;
  deploymentId: string;
  verdict: Verdict;
  personId: string;
  reason?: string;
}

/** Durable deployments, incidents and suspect verdicts; every write is audited in its transaction. */
export interface DeliveryStore {
  /** Records or updates a deployment (a later event keeps the earliest start); true when new. */
  recordDeployment(deployment: Deployment, actor: Actor): Promise<boolean>;
  /** Records or updates an incident (services merge, a resolution is kept); true when new. */
  recordIncident(incident: Incident, actor: Actor): Promise<boolean>;
  /** Deployments, oldest first. */
  listDeployments(query?: DeploymentQuery): Promise<Deployment[]>;
  /** Incidents, oldest first; `open` keeps only unresolved ones. */
  listIncidents(query?: { since?: string; until?: string; open?: boolean }): Promise<Incident[]>;
  /** One incident. */
  getIncident(id: string): Promise<Incident | undefined>;
  /** Stores a person's confirmation or rejection of a suspect (the latest verdict wins). */
  setVerdict(input: VerdictInput): Promise<void>;
  /** Every verdict, keyed `incidentId/deploymentId`. */
  listVerdicts(): Promise<Map<string, Verdict>>;
  /** Sign-offs given on approvals, with whether the reviewer is senior, for review load. */
  listReviews(): Promise<Review[]>;
  /** Closes the connection when this store opened it. */
  close(): Promise<void>;
}

const SENIOR_LEVELS = ['senior', 'principal'];

async function replaceDeployment(trx: Transaction<All>, deployment: Deployment): Promise<void> {
  await trx.deleteFrom('deployment_commits').where('deployment_id', '=', deployment.id).execute();
  await trx.deleteFrom('deployments').where('id', '=', deployment.id).execute();
  await trx
    .insertInto('deployments')
    .values({
      id: deployment.id,
      service: deployment.service,
      environment: deployment.environment,
      status: deployment.status,
      ai_assisted: deployment.aiAssisted ? 1 : 0,
      started_at: deployment.startedAt,
      deployed_at: new Date(deployment.finishedAt ?? deployment.startedAt).toISOString(),
      wave: deployment.wave ?? null,
      data: JSON.stringify(deployment),
    })
    .execute();
  const shas = [...new Set(deployment.commits)];
  if (shas.length > 0)
    await trx
      .insertInto('deployment_commits')
      .values(shas.map((sha) => ({ deployment_id: deployment.id, sha })))
      .execute();
}

function mergeIncident(old: Incident | undefined, next: Incident): Incident {
  if (!old) return next;
  const merged: Incident = {
    ...old,
    ...next,
    services: [...new Set([...old.services, ...next.services])].sort(),
  };
  if (Date.parse(old.startedAt) < Date.parse(next.startedAt)) merged.startedAt = old.startedAt;
  const resolvedAt = next.resolvedAt ?? old.resolvedAt;
  if (resolvedAt !== undefined) merged.resolvedAt = resolvedAt;
  const rootCause = next.rootCause ?? old.rootCause;
  if (rootCause !== undefined) merged.rootCause = rootCause;
  return merged;
}

/** A DeliveryStore over a migrated Kysely database (the one `openDatabase` returns). */
export function createDeliveryStore(
  database: Kysely<Database>,
  options: { now?: () => Date; close?: () => Promise<void> } = {},
): DeliveryStore {
  const db = database as unknown as Kysely<All>;
  const now = options.now ?? (() => new Date());
  const chain = createChainWriter(database, now);
  const trxOf = (tx: ChainTx): Transaction<All> => tx.trx as unknown as Transaction<All>;

  async function readIncident(reader: Kysely<All>, id: string): Promise<Incident | undefined> {
    const row = await reader.selectFrom('incidents').select('data').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.data) as Incident) : undefined;
  }

  return {
    async recordDeployment(deployment, actor) {
      return chain(async (tx) => {
        const trx = trxOf(tx);
        const existing = await trx
          .selectFrom('deployments')
          .select(['data'])
          .where('id', '=', deployment.id)
          .executeTakeFirst();
        const old = existing ? (JSON.parse(existing.data) as Deployment) : undefined;
        const record =
          old && Date.parse(old.startedAt) < Date.parse(deployment.startedAt)
            ? { ...deployment, startedAt: old.startedAt }
            : deployment;
        await replaceDeployment(trx, record);
        await appendInTx(tx, {
          kind: 'deployment.recorded',
          actor,
          subject: deployment.id,
          data: {
            service: record.service,
            environment: record.environment,
            status: record.status,
            aiAssisted: record.aiAssisted,
            commits: record.commits,
          },
        });
        return old === undefined;
      });
    },

    async recordIncident(incident, actor) {
      return chain(async (tx) => {
        const trx = trxOf(tx);
        const old = await readIncident(trx, incident.id);
        const merged = mergeIncident(old, incident);
        await trx.deleteFrom('incident_services').where('incident_id', '=', merged.id).execute();
        await trx.deleteFrom('incidents').where('id', '=', merged.id).execute();
        await trx
          .insertInto('incidents')
          .values({
            id: merged.id,
            severity: merged.severity,
            started_at: merged.startedAt,
            resolved_at: merged.resolvedAt ?? null,
            data: JSON.stringify(merged),
          })
          .execute();
        await trx
          .insertInto('incident_services')
          .values(merged.services.map((service) => ({ incident_id: merged.id, service })))
          .execute();
        await appendInTx(tx, {
          kind: 'incident.recorded',
          actor,
          subject: merged.id,
          data: {
            severity: merged.severity,
            services: merged.services,
            resolved: merged.resolvedAt !== undefined,
          },
        });
        return old === undefined;
      });
    },

    async listDeployments(query = {}) {
      let select = db
        .selectFrom('deployments')
        .select('deployments.data')
        .orderBy('deployments.deployed_at')
        .orderBy('deployments.id');
      if (query.since !== undefined)
        select = select.where('deployments.deployed_at', '>=', new Date(query.since).toISOString());
      if (query.until !== undefined)
        select = select.where('deployments.deployed_at', '<', new Date(query.until).toISOString());
      if (query.service !== undefined) select = select.where('deployments.service', '=', query.service);
      if (query.environment !== undefined)
        select = select.where('deployments.environment', '=', query.environment);
      if (query.sha !== undefined) {
        const sha = query.sha;
        select = select.where((eb) =>
          eb.exists(
            eb
              .selectFrom('deployment_commits')
              .select('deployment_commits.sha')
              .whereRef('deployment_commits.deployment_id', '=', 'deployments.id')
              .where('deployment_commits.sha', '=', sha),
          ),
        );
      }
      return (await select.execute()).map((row) => JSON.parse(row.data) as Deployment);
    },

    async listIncidents(query = {}) {
      let select = db.selectFrom('incidents').select('data').orderBy('started_at').orderBy('id');
      if (query.since !== undefined) select = select.where('started_at', '>=', query.since);
      if (query.until !== undefined) select = select.where('started_at', '<', query.until);
      if (query.open === true) select = select.where('resolved_at', 'is', null);
      return (await select.execute()).map((row) => JSON.parse(row.data) as Incident);
    },

    getIncident: (id) => readIncident(db, id),

    async setVerdict(input) {
      await chain(async (tx) => {
        const trx = trxOf(tx);
        const decidedAt = tx.now().toISOString();
        await trx
          .deleteFrom('suspects')
          .where('incident_id', '=', input.incidentId)
          .where('deployment_id', '=', input.deploymentId)
          .execute();
        await trx
          .insertInto('suspects')
          .values({
            incident_id: input.incidentId,
            deployment_id: input.deploymentId,
            state: input.verdict,
            decided_by: input.personId,
            reason: input.reason ?? null,
            decided_at: decidedAt,
          })
          .execute();
        await appendInTx(tx, {
          kind: `suspect.${input.verdict}`,
          actor: input.personId,
          subject: verdictKey(input.incidentId, input.deploymentId),
          data: {
            incident: input.incidentId,
            deployment: input.deploymentId,
            ...(input.reason !== undefined && { reason: input.reason }),
          },
        });
      });
    },

    async listVerdicts() {
      const rows = await db
        .selectFrom('suspects')
        .select(['incident_id', 'deployment_id', 'state'])
        .execute();
      return new Map(
        rows.map((row) => [verdictKey(row.incident_id, row.deployment_id), row.state as Verdict]),
      );
    },

    async listReviews() {
      const rows = await db
        .selectFrom('approval_signoffs')
        .innerJoin('approvals', 'approvals.id', 'approval_signoffs.approval_id')
        .leftJoin('people', 'people.id', 'approval_signoffs.person_id')
        .select([
          'approval_signoffs.person_id',
          'approval_signoffs.at',
          'approvals.created_at',
          'people.level',
        ])
        .orderBy('approval_signoffs.at')
        .execute();
      return rows.map((row) => ({
        reviewer: row.person_id,
        senior: SENIOR_LEVELS.includes(row.level ?? ''),
        requestedAt: row.created_at,
        givenAt: row.at,
      }));
    },

    async close() {
      await options.close?.();
    },
  };
}

/** Opens a DeliveryStore on a SQLite path or postgres:// URL, applying pending migrations first. */
export async function openDeliveryStore(
  spec: string,
  options: { now?: () => Date; mustExist?: boolean } = {},
): Promise<DeliveryStore> {
  // Reading a mistyped path must not quietly create an empty database that then reports nothing.
  if (options.mustExist === true && !isPostgresSpec(spec) && !existsSync(spec))
    throw new BlastwallError('usage', `no database at ${spec} (run blastwall migrate, or pass --db)`);
  const { db } = await openMigrated(spec);
  return createDeliveryStore(db, { ...options, close: () => db.destroy() });
}
