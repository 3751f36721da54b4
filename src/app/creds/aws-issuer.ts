import { assumeRole, type SessionCredentials, type StsSettings } from '../../adapters/creds/sts.js';
import type { Grant } from '../../core/creds/grant.js';
import type { Issuer } from './issuer.js';

/** `credentials.<env>.aws` with the broker's own credentials already read. */
export interface AwsIssuerSettings extends StsSettings {
  readRoleArn: string;
  writeRoleArn: string;
  maxGrantMs: number;
}

/** STS refuses sessions shorter than this; a shorter grant is cut by its session policy instead. */
const STS_MIN_SECONDS = 900;

/**
 * A session policy that allows what the role allows until the grant ends and nothing after, so a grant
 * shorter than STS's shortest session still ends on time (AWS evaluates it on every call).
 */
export function sessionPolicy(expiresAt: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateGreaterThan: { 'aws:CurrentTime': expiresAt } },
      },
    ],
  });
}

/** STS sessions of the environment's read-only role, or of its elevated role after approval. */
export function awsIssuer(settings: AwsIssuerSettings, call: typeof assumeRole = assumeRole): Issuer {
  return {
    kind: 'aws',
    maxGrantMs: settings.maxGrantMs,
    // RoleSessionName allows [\w+=,.@-] and 64 characters; grant ids fit, and CloudTrail then names the grant.
    principalFor: (grantId) => `blastwall-${grantId}`.slice(0, 64),
    async issue(grant: Grant) {
      const seconds = Math.ceil((Date.parse(grant.expiresAt) - Date.parse(grant.createdAt)) / 1000);
      const credentials = await call(settings, {
        roleArn: grant.scope === 'write' ? settings.writeRoleArn : settings.readRoleArn,
        sessionName: grant.principal,
        durationSeconds: Math.max(STS_MIN_SECONDS, seconds),
        policy: sessionPolicy(grant.expiresAt),
      });
      return { secret: JSON.stringify(credentials) };
    },
    present(grant, secret) {
      const credentials = JSON.parse(secret) as SessionCredentials;
      // The SDK refreshes at Expiration: never later than the grant's end, whatever STS allowed.
      const expiration =
        Date.parse(credentials.Expiration) < Date.parse(grant.expiresAt)
          ? credentials.Expiration
          : grant.expiresAt;
      return {
        Version: 1,
        AccessKeyId: credentials.AccessKeyId,
        SecretAccessKey: credentials.SecretAccessKey,
        SessionToken: credentials.SessionToken,
        Expiration: expiration,
      };
    },
    // STS sessions cannot be withdrawn one by one; the session policy ends them at the grant's end.
    remove: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
