import { createHash } from 'node:crypto';
import type { IssuedToken, KubernetesTokens } from '../../adapters/creds/kubernetes-tokens.js';
import type { Grant } from '../../core/creds/grant.js';
import type { Issuer } from './issuer.js';

/** `credentials.<env>.kubernetes` once read. */
export interface KubernetesIssuerSettings {
  readServiceAccount: string;
  writeServiceAccount: string;
  audiences?: string[];
  maxGrantMs: number;
}

/** TokenRequest refuses tokens shorter than this; a shorter grant ends when its Secret is deleted. */
const TOKEN_MIN_SECONDS = 600;

/** Short-lived tokens of the read-only service account, or of the elevated one after approval (ExecCredential v1). */
export function kubernetesIssuer(settings: KubernetesIssuerSettings, tokens: KubernetesTokens): Issuer {
  return {
    kind: 'kubernetes',
    maxGrantMs: settings.maxGrantMs,
    // A Secret's name is a DNS label: derived from the grant id, which may hold capitals and "_".
    principalFor: (grantId) =>
      `blastwall-grant-${createHash('sha256').update(grantId).digest('hex').slice(0, 20)}`,
    async issue(grant: Grant) {
      const seconds = Math.ceil((Date.parse(grant.expiresAt) - Date.parse(grant.createdAt)) / 1000);
      const issued = await tokens.issue({
        secretName: grant.principal,
        serviceAccount: grant.scope === 'write' ? settings.writeServiceAccount : settings.readServiceAccount,
        expirationSeconds: Math.max(TOKEN_MIN_SECONDS, seconds),
        expiresAt: grant.expiresAt,
        ...(settings.audiences !== undefined && { audiences: settings.audiences }),
      });
      return { secret: JSON.stringify(issued) };
    },
    present(grant, secret) {
      const issued = JSON.parse(secret) as IssuedToken;
      // kubectl asks again at expirationTimestamp: never later than the grant's end.
      const expiration =
        Date.parse(issued.expirationTimestamp) < Date.parse(grant.expiresAt)
          ? issued.expirationTimestamp
          : grant.expiresAt;
      return {
        apiVersion: 'client.authentication.k8s.io/v1',
        kind: 'ExecCredential',
        status: { token: issued.token, expirationTimestamp: expiration },
      };
    },
    remove: (grant) => tokens.revoke(grant.principal),
    sweepOrphans: (at) => tokens.sweep(at),
    close: () => Promise.resolve(),
  };
}
