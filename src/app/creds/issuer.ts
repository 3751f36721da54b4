import type { CredentialKind, Grant } from '../../core/creds/grant.js';

/** One environment's issuer of one kind of credential (PostgreSQL roles, STS sessions, service-account tokens). */
export interface Issuer {
  readonly kind: CredentialKind;
  /** The longest grant the environment allows. */
  readonly maxGrantMs: number;
  /** Has no read-only form: only an approved (write) request gets anything. */
  readonly elevatedOnly?: boolean;
  /** The issuer's name for a new grant (a role name, a session name), known before anything is created. */
  principalFor(grantId: string, scope: Grant['scope']): string;
  /** Creates the credential of a recorded grant; the secret is what re-serves it (stored with the grant). */
  issue(grant: Grant): Promise<{ secret: string }>;
  /** What the requester receives, built from the stored secret. */
  present(grant: Grant, secret: string): Record<string, unknown>;
  /** Removes the issuer side of a grant (drops the role); a no-op where the issuer cannot revoke. */
  remove(grant: Grant): Promise<void>;
  /** Removes what a crash left behind past its validity; returns how many. */
  sweepOrphans?(at: Date): Promise<number>;
  close(): Promise<void>;
}

/** The configured issuers. */
export interface Issuers {
  /** The issuer of an environment and kind; undefined when none is configured. */
  get(environment: string, kind: CredentialKind): Issuer | undefined;
  /** Every configured issuer (for the sweeper). */
  all(): Issuer[];
  close(): Promise<void>;
}
