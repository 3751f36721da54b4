import type { Grant } from '../../core/creds/grant.js';
import { BlastwallError } from '../../core/errors.js';
import type { Issuer } from './issuer.js';

/** Where one variable's secret is read from when a grant is issued. */
export type ExecSecret = { fromEnv: string } | { fromFile: string };

/**
 * Static secrets for tools without a credential protocol, handed to one command only after approval.
 * They cannot be made short-lived, so there is no read-only form: a read request gets nothing.
 */
export function execIssuer(
  settings: { env: Record<string, ExecSecret>; maxGrantMs: number },
  read: (source: ExecSecret) => { value: string } | { missing: string },
): Issuer {
  return {
    kind: 'exec',
    maxGrantMs: settings.maxGrantMs,
    elevatedOnly: true,
    principalFor: (grantId) => `exec-${grantId}`,
    async issue(grant: Grant) {
      if (grant.scope !== 'write')
        throw new BlastwallError('usage', 'exec secrets are handed out only after approval (--write)');
      const env: Record<string, string> = {};
      for (const [name, source] of Object.entries(settings.env)) {
        const secret = read(source);
        // One missing secret withholds them all: a command half-configured may fall back to something broader.
        if ('missing' in secret)
          throw new BlastwallError('external', `exec secret ${name}: ${secret.missing}`);
        env[name] = secret.value;
      }
      return { secret: JSON.stringify(env) };
    },
    present: (_grant, secret) => ({ env: JSON.parse(secret) as Record<string, string> }),
    // Static secrets cannot be withdrawn; the grant only stops handing them out.
    remove: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
