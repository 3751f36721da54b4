import type { GrantRelease, GrantStore } from '../../adapters/storage/grant-store.js';
import type { Store } from '../../adapters/storage/types.js';
import type { ApprovalRequirement } from '../../core/model.js';
import {
  dueForRemoval,
  elevationCommand,
  elevationOperation,
  grantDurationMs,
  type CredentialKind,
  type CredentialScope,
  type Grant,
} from '../../core/creds/grant.js';
import type { Issuers } from './issuer.js';

/** One request for credentials, with the identity taken from the caller's token. */
export interface CredentialRequest {
  environment: string;
  kind: CredentialKind;
  scope: CredentialScope;
  agent: string;
  onBehalfOf?: string;
  sessionId: string;
  /** For an elevated request: how long it is asked for (capped by the environment's longest grant). */
  minutes?: number;
  /** Who asks, for the audit (`token:…`). */
  actor: string;
}

/** How an elevated request must be approved, or why it may not be asked for at all. */
export type Elevation = { requirement: ApprovalRequirement; reasons: string[] } | { refused: string };

/** What the broker answers; a refusal is a value. */
export type CredentialAnswer =
  | { status: 'issued'; grant: Grant; credential: Record<string, unknown> }
  | { status: 'held'; approvalId: string; reasons: string[] }
  | { status: 'refused'; code: 'not-configured' | 'denied' | 'issuer-failed'; reason: string };

/** What the broker needs; everything is passed in. */
export interface BrokerOptions {
  store: Store;
  grants: GrantStore;
  issuers: Issuers;
  /** A request sweeps first unless a sweep ran this recently (default 1000 ms); `serve` also sweeps on a timer. */
  sweepEveryMs?: number;
  /** How an elevated request is judged (the gate's policies, folded into one approval). */
  elevation: (request: CredentialRequest, command: string) => Elevation;
  /** How long a pending request waits, and how long after its approval it may be claimed (default 60 min). */
  approvalTtlMs?: number;
  now?: () => Date;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** The credential broker: serves grants, holds elevation for approval, removes what expired or was revoked. */
export interface Broker {
  request(request: CredentialRequest): Promise<CredentialAnswer>;
  /** Ends a grant early and removes its issuer side; false when there is no such live grant. */
  revoke(id: string, by: string, reason?: string): Promise<boolean>;
  /** Removes every expired or revoked grant's issuer side, and leftovers of a crash; returns how many. */
  sweep(): Promise<number>;
}

/** A read grant is not handed out in its last fifth: a caller gets time to use it. */
function readMarginMs(maxGrantMs: number): number {
  return Math.min(5 * 60_000, Math.floor(maxGrantMs / 5));
}

/** Builds the broker. Every failure of an issuer ends in no credentials, never broader ones. */
export function createBroker(options: BrokerOptions): Broker {
  const { store, grants, issuers } = options;
  const now = options.now ?? (() => new Date());
  const approvalTtlMs = options.approvalTtlMs ?? 60 * 60_000;
  const log = options.log ?? (() => undefined);
  const sweepEveryMs = options.sweepEveryMs ?? 1000;
  let lastSweep = Number.NEGATIVE_INFINITY;

  async function removeGrant(grant: Grant): Promise<boolean> {
    const issuer = issuers.get(grant.environment, grant.kind);
    // An issuer no longer configured cannot be asked; the grant stays due and is tried again.
    if (!issuer) return false;
    try {
      await issuer.remove(grant);
      await grants.markRemoved(grant.id, 'system');
      return true;
    } catch (error) {
      log('credential removal failed', { grant: grant.id, error: (error as Error).message });
      return false;
    }
  }

  async function sweep(): Promise<number> {
    const at = now();
    let removed = 0;
    for (const grant of dueForRemoval(await grants.listLive(), at))
      if (await removeGrant(grant)) removed += 1;
    for (const issuer of issuers.all()) {
      if (!issuer.sweepOrphans) continue;
      try {
        removed += await issuer.sweepOrphans(at);
      } catch (error) {
        log('credential orphan sweep failed', { kind: issuer.kind, error: (error as Error).message });
      }
    }
    lastSweep = now().getTime();
    return removed;
  }

  async function issue(
    request: CredentialRequest,
    durationMs: number,
    release?: GrantRelease,
  ): Promise<CredentialAnswer> {
    const issuer = issuers.get(request.environment, request.kind)!;
    const id = grants.newId();
    // An elevated grant is recorded in the transaction that consumes its approval (grant-store.ts).
    const recorded = await grants.record(
      id,
      {
        environment: request.environment,
        kind: request.kind,
        scope: request.scope,
        agent: request.agent,
        ...(request.onBehalfOf !== undefined && { onBehalfOf: request.onBehalfOf }),
        sessionId: request.sessionId,
        principal: issuer.principalFor(id, request.scope),
        expiresAt: new Date(now().getTime() + durationMs).toISOString(),
      },
      request.actor,
      release,
    );
    if (!recorded)
      return {
        status: 'refused',
        code: 'denied',
        reason: `approval ${release?.approvalId ?? '(none)'} released no grant: it is spent or no longer approved`,
      };
    try {
      const { secret } = await issuer.issue(recorded);
      await grants.storeSecret(recorded.id, secret);
      return { status: 'issued', grant: recorded, credential: issuer.present(recorded, secret) };
    } catch (error) {
      // The grant row exists and names what may have been created: revoke it so the sweeper removes it.
      await grants.revoke(recorded.id, 'system', 'the issuer failed').catch(() => undefined);
      await removeGrant({ ...recorded, revokedAt: now().toISOString() });
      return { status: 'refused', code: 'issuer-failed', reason: (error as Error).message };
    }
  }

  async function elevated(request: CredentialRequest, maxGrantMs: number): Promise<CredentialAnswer> {
    const durationMs = grantDurationMs(request.minutes, maxGrantMs);
    const command = elevationCommand(
      request.kind,
      request.environment,
      Math.ceil(durationMs / 60_000),
      request.onBehalfOf,
    );
    const at = now();
    // The approval is bound to the whole request (command, agent, session and the person acted for).
    const key = {
      command,
      agent: request.agent,
      sessionId: request.sessionId,
      ...(request.onBehalfOf !== undefined && { onBehalfOf: request.onBehalfOf }),
    };
    const since = new Date(at.getTime() - approvalTtlMs).toISOString();
    const approved = await store.findApprovedAction({ ...key, since });
    // Only an approval given under the elevation's own rule (the requester never approves, see gateElevation)
    // releases a grant: an ordinary action approval for the same command text does not. The grant store checks
    // it again as it consumes the approval, in the grant's own transaction; an approval releases one grant.
    const underElevationRule =
      approved !== undefined && approved.requirement.notRequester === true && approved.requirement.notAuthor;
    if (approved && underElevationRule)
      return issue(request, durationMs, { key, since, approvalId: approved.id });
    const judged = options.elevation(request, command);
    if ('refused' in judged) return { status: 'refused', code: 'denied', reason: judged.refused };
    const recorded = await store.recordActionDecision(
      {
        command,
        agent: request.agent,
        ...(request.onBehalfOf !== undefined && { onBehalfOf: request.onBehalfOf }),
        sessionId: request.sessionId,
        operations: [elevationOperation(request.kind, request.environment, command)],
        decision: 'needs-approval',
        reasons: judged.reasons,
        detail: {
          credentials: { environment: request.environment, kind: request.kind, minutes: durationMs / 60_000 },
        },
      },
      request.actor,
      { requirement: judged.requirement, expiresAt: new Date(at.getTime() + approvalTtlMs).toISOString() },
    );
    const approvalId = recorded.approval!.id;
    return { status: 'held', approvalId, reasons: judged.reasons };
  }

  return {
    async request(request) {
      const issuer = issuers.get(request.environment, request.kind);
      if (!issuer)
        return {
          status: 'refused',
          code: 'not-configured',
          reason: `no ${request.kind} credentials are configured for environment ${request.environment}`,
        };
      if (issuer.elevatedOnly && request.scope === 'read')
        return {
          status: 'refused',
          code: 'denied',
          reason: `${request.kind} credentials of ${request.environment} exist only elevated: ask with --write`,
        };
      // Expired and revoked grants are removed first; serving never depends on it (findUsable skips them).
      if (now().getTime() - lastSweep >= sweepEveryMs)
        await sweep().catch((error: unknown) =>
          log('credential sweep failed', { error: (error as Error).message }),
        );
      const at = now();
      const margin = request.scope === 'read' ? readMarginMs(issuer.maxGrantMs) : 0;
      const found = await grants.findUsable({
        environment: request.environment,
        kind: request.kind,
        scope: request.scope,
        agent: request.agent,
        sessionId: request.sessionId,
        onBehalfOf: request.onBehalfOf,
        validAfter: new Date(at.getTime() + margin).toISOString(),
      });
      if (found?.secret !== undefined) {
        // Through the main store: on SQLite its prepared-statement path appends without a Kysely transaction.
        await store.appendAudit({
          kind: 'creds.served',
          actor: request.actor,
          subject: `grant:${found.grant.id}`,
          data: {
            environment: found.grant.environment,
            kind: found.grant.kind,
            scope: found.grant.scope,
            sessionId: found.grant.sessionId,
          },
        });
        return {
          status: 'issued',
          grant: found.grant,
          credential: issuer.present(found.grant, found.secret),
        };
      }
      if (request.scope === 'read') return issue(request, issuer.maxGrantMs);
      return elevated(request, issuer.maxGrantMs);
    },

    async revoke(id, by, reason) {
      if (!(await grants.revoke(id, by, reason))) return false;
      const grant = await grants.get(id);
      if (grant) await removeGrant(grant);
      return true;
    },

    sweep,
  };
}
