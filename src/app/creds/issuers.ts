import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigFile } from '../../adapters/config/schema.js';
import { BlastwallError } from '../../core/errors.js';
import { parseDuration, type CredentialKind, type Grant } from '../../core/creds/grant.js';
import type { Issuer, Issuers } from './issuer.js';
import { kubernetesTokens } from '../../adapters/creds/kubernetes-tokens.js';
import { awsIssuer } from './aws-issuer.js';
import { execIssuer } from './exec-issuer.js';
import { kubernetesIssuer } from './kubernetes-issuer.js';
import { postgresIssuer } from './postgres-issuer.js';

/** Where secrets are read from: the server's environment and its repository (for relative files). */
export interface SecretSources {
  env: Record<string, string | undefined>;
  repo: string;
}

/**
 * An issuer whose secret could not be read: every request is refused naming why, so a missing
 * secret means no credentials, never a fallback to broader ones.
 */
function unavailable(kind: CredentialKind, maxGrantMs: number, reason: string): Issuer {
  const fail = () => Promise.reject(new BlastwallError('external', reason));
  return {
    kind,
    maxGrantMs,
    principalFor: (id: string) => id,
    issue: fail,
    present: () => ({}),
    // Nothing was ever created by it; removing is vacuous, so the sweeper can settle its grants.
    remove: (_grant: Grant) => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** Reads a secret named by an environment variable or a file; the reason when it cannot. */
export function readSecret(
  source: { env?: string; file?: string },
  sources: SecretSources,
): { value: string } | { missing: string } {
  if (source.env !== undefined) {
    const value = sources.env[source.env];
    return value ? { value } : { missing: `${source.env} is not set in the blastwall server's environment` };
  }
  if (source.file !== undefined) {
    const path = resolve(sources.repo, source.file);
    try {
      const value = readFileSync(path, 'utf8').trim();
      return value ? { value } : { missing: `${path} is empty` };
    } catch (error) {
      return { missing: `${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
  }
  return { missing: 'no secret source is named' };
}

/** Builds the issuers of `credentials:` in blastwall.yaml; connections open on first use. */
export function buildIssuers(credentials: ConfigFile['credentials'], sources: SecretSources): Issuers {
  const byKey = new Map<string, Issuer>();
  for (const [environment, config] of Object.entries(credentials)) {
    if (config.postgres) {
      const pg = config.postgres;
      const maxGrantMs = parseDuration(pg.maxGrant)!;
      const secret = readSecret({ env: pg.adminUrlEnv, file: pg.adminUrlFile }, sources);
      byKey.set(
        `${environment}/postgres`,
        'value' in secret
          ? postgresIssuer({
              adminUrl: secret.value,
              readRole: pg.readRole,
              writeRole: pg.writeRole,
              maxGrantMs,
            })
          : unavailable('postgres', maxGrantMs, `PostgreSQL issuer of ${environment}: ${secret.missing}`),
      );
    }
    if (config.aws) byKey.set(`${environment}/aws`, awsFrom(environment, config.aws, sources));
    if (config.exec) {
      const exec = config.exec;
      byKey.set(
        `${environment}/exec`,
        execIssuer({ env: exec.env, maxGrantMs: parseDuration(exec.maxGrant)! }, (source) =>
          readSecret('fromEnv' in source ? { env: source.fromEnv } : { file: source.fromFile }, sources),
        ),
      );
    }
    if (config.kubernetes)
      byKey.set(`${environment}/kubernetes`, kubernetesFrom(environment, config.kubernetes, sources));
  }
  return fromMap(byKey);
}

/** Issuers keyed `environment/kind`. */
export function fromMap(byKey: Map<string, Issuer>): Issuers {
  return {
    get: (environment, kind) => byKey.get(`${environment}/${kind}`),
    all: () => [...byKey.values()],
    async close() {
      for (const issuer of byKey.values()) await issuer.close().catch(() => undefined);
    },
  };
}

/** The AWS issuer of an environment; its broker credentials come from named environment variables. */
function awsFrom(
  environment: string,
  aws: NonNullable<ConfigFile['credentials'][string]['aws']>,
  sources: SecretSources,
): Issuer {
  const maxGrantMs = parseDuration(aws.maxGrant)!;
  const base = {
    region: aws.region,
    readRoleArn: aws.readRoleArn,
    writeRoleArn: aws.writeRoleArn,
    maxGrantMs,
    ...(aws.endpoint !== undefined && { endpoint: aws.endpoint }),
  };
  if (aws.accessKeyIdEnv === undefined || aws.secretAccessKeyEnv === undefined) return awsIssuer(base);
  const keyId = readSecret({ env: aws.accessKeyIdEnv }, sources);
  const secret = readSecret({ env: aws.secretAccessKeyEnv }, sources);
  const token =
    aws.sessionTokenEnv !== undefined ? readSecret({ env: aws.sessionTokenEnv }, sources) : undefined;
  for (const read of [keyId, secret, token])
    if (read && 'missing' in read)
      return unavailable('aws', maxGrantMs, `AWS issuer of ${environment}: ${read.missing}`);
  return awsIssuer({
    ...base,
    credentials: {
      accessKeyId: (keyId as { value: string }).value,
      secretAccessKey: (secret as { value: string }).value,
      ...(token && { sessionToken: (token as { value: string }).value }),
    },
  });
}

/** The Kubernetes issuer of an environment; the broker's token comes from an environment variable or a file. */
function kubernetesFrom(
  environment: string,
  k8s: NonNullable<ConfigFile['credentials'][string]['kubernetes']>,
  sources: SecretSources,
): Issuer {
  const maxGrantMs = parseDuration(k8s.maxGrant)!;
  const token = readSecret({ env: k8s.tokenEnv, file: k8s.tokenFile }, sources);
  if ('missing' in token)
    return unavailable('kubernetes', maxGrantMs, `Kubernetes issuer of ${environment}: ${token.missing}`);
  return kubernetesIssuer(
    {
      readServiceAccount: k8s.readServiceAccount,
      writeServiceAccount: k8s.writeServiceAccount,
      maxGrantMs,
      ...(k8s.audiences !== undefined && { audiences: k8s.audiences }),
    },
    kubernetesTokens({
      server: k8s.server,
      token: token.value,
      namespace: k8s.namespace,
      insecureSkipTlsVerify: k8s.insecureSkipTlsVerify,
      ...(k8s.caFile !== undefined && { caFile: resolve(sources.repo, k8s.caFile) }),
    }),
  );
}
