import type { Operation } from '../actions/types.js';

/** The kinds of brokered credentials, one per issuer. */
export const CREDENTIAL_KINDS = ['postgres', 'aws', 'kubernetes', 'exec'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Read-only (the default, no approval) or elevated (only after an approval). */
export type CredentialScope = 'read' | 'write';

/** One issued credential: who holds it, what it is, until when. */
export interface Grant {
  id: string;
  environment: string;
  kind: CredentialKind;
  scope: CredentialScope;
  agent: string;
  onBehalfOf?: string;
  sessionId: string;
  /** The issuer's name for it: the PostgreSQL login role, the STS session name, the service account. */
  principal: string;
  /** The approval that released an elevated grant, and who signed it. */
  approvalId?: string;
  approvedBy?: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  /** When the issuer's side was removed (role dropped); absent while it may still exist. */
  removedAt?: string;
}

/** Parses a duration of blastwall.yaml (`90s`, `30m`, `2h`) into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = /^([1-9][0-9]*)([smh])$/.exec(text);
  if (!match) return undefined;
  const unit = match[2] === 's' ? 1000 : match[2] === 'm' ? 60_000 : 3_600_000;
  return Number(match[1]) * unit;
}

/** A grant serves requests only before its expiry, unrevoked; `marginMs` keeps a nearly-expired one from being handed out. */
export function isUsable(grant: Grant, now: Date, marginMs = 0): boolean {
  return grant.revokedAt === undefined && Date.parse(grant.expiresAt) - marginMs > now.getTime();
}

/** Grants whose issuer side must go now: expired or revoked, and not yet removed. */
export function dueForRemoval(grants: readonly Grant[], now: Date): Grant[] {
  return grants.filter((grant) => grant.removedAt === undefined && !isUsable(grant, now));
}

/**
 * How long an elevated grant lasts: what was asked, never more than the environment's longest grant.
 * Missing or non-positive asks get the longest grant.
 */
export function grantDurationMs(askedMinutes: number | undefined, maxGrantMs: number): number {
  if (askedMinutes === undefined || !(askedMinutes > 0)) return maxGrantMs;
  return Math.min(askedMinutes * 60_000, maxGrantMs);
}

/**
 * The command string under which an elevated request is held and approved, so a retry joins its approval.
 * It names the person the agent acts for: an approval for one person's agent never releases another's.
 */
export function elevationCommand(
  kind: CredentialKind,
  environment: string,
  minutes: number,
  onBehalfOf: string | undefined,
): string {
  return `blastwall creds ${kind} ${environment} --write --minutes ${minutes} --for ${onBehalfOf ?? '(nobody)'}`;
}

/** The operation an elevated request stands for, as the gate's policies judge it and the approvals queue shows it. */
export function elevationOperation(kind: CredentialKind, environment: string, command: string): Operation {
  return {
    kind: 'permission-change',
    category:
      kind === 'postgres'
        ? 'sql'
        : kind === 'kubernetes'
          ? 'kubernetes'
          : kind === 'aws'
            ? 'cloud'
            : 'process',
    destructive: true,
    // It expires by itself and can be revoked early.
    reversible: true,
    target: `${kind} credentials of ${environment}`,
    summary: `elevated ${kind} credentials for ${environment} (write, DDL, delete)`,
    hints: { environment },
    source: command,
  };
}
