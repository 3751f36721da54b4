import { randomBytes } from 'node:crypto';
import {
  BROKERED_ROLE_PREFIX,
  postgresRoles,
  type PostgresRoles,
} from '../../adapters/creds/postgres-roles.js';
import type { Grant } from '../../core/creds/grant.js';
import type { Issuer } from './issuer.js';

/** `credentials.<env>.postgres` with the admin URL already read from the environment or file. */
export interface PostgresIssuerSettings {
  adminUrl: string;
  readRole: string;
  writeRole: string;
  maxGrantMs: number;
}

/** Dynamic PostgreSQL login roles: one per session and scope, a member of the read or write group, VALID UNTIL its expiry. */
export function postgresIssuer(
  settings: PostgresIssuerSettings,
  roles: PostgresRoles = postgresRoles(settings.adminUrl),
): Issuer {
  const groupOf = (scope: Grant['scope']) => (scope === 'write' ? settings.writeRole : settings.readRole);
  return {
    kind: 'postgres',
    maxGrantMs: settings.maxGrantMs,
    principalFor: () => `${BROKERED_ROLE_PREFIX}${randomBytes(8).toString('hex')}`,
    async issue(grant) {
      const password = randomBytes(24).toString('base64url');
      await roles.create({
        name: grant.principal,
        password,
        memberOf: groupOf(grant.scope),
        validUntil: new Date(grant.expiresAt),
      });
      return { secret: password };
    },
    present: (grant, secret) => ({ url: roles.urlFor(grant.principal, secret), user: grant.principal }),
    remove: (grant) => roles.drop(grant.principal, groupOf(grant.scope)),
    async sweepOrphans(at) {
      const left = await roles.expired(at);
      // Objects a leftover created go to the write group: the only group whose members may create any.
      for (const name of left) await roles.drop(name, settings.writeRole);
      return left.length;
    },
    close: () => roles.close(),
  };
}
