import { readFileSync } from 'node:fs';
import { BlastwallError } from '../../core/errors.js';

/** Where the API server is and who the broker is to it. */
export interface KubernetesSettings {
  server: string;
  caFile?: string;
  insecureSkipTlsVerify?: boolean;
  /** The broker's own bearer token. */
  token: string;
  namespace: string;
  timeoutMs?: number;
}

/** A service-account token as TokenRequest returns it. */
export interface IssuedToken {
  token: string;
  expirationTimestamp: string;
}

/** Label on every Secret the broker creates, so the sweeper finds leftovers of a crash. */
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const EXPIRES_AT = 'blastwall.dev/expires-at';

/** Service-account tokens bound to a per-grant Secret: deleting the Secret invalidates the token at once. */
export interface KubernetesTokens {
  /** Creates the grant's Secret and a token of `serviceAccount` bound to it, valid at most `expirationSeconds`. */
  issue(input: {
    secretName: string;
    serviceAccount: string;
    expirationSeconds: number;
    expiresAt: string;
    audiences?: string[];
  }): Promise<IssuedToken>;
  /** Deletes the grant's Secret (its tokens stop working); nothing happens when it is gone. */
  revoke(secretName: string): Promise<void>;
  /** Deletes the broker's Secrets whose grant ended before `at` (left behind by a crash); returns how many. */
  sweep(at: Date): Promise<number>;
}

function failure(what: string, error: unknown): BlastwallError {
  const body = (error as { body?: unknown }).body;
  const detail = typeof body === 'string' ? body : body !== undefined ? JSON.stringify(body) : '';
  const message = error instanceof Error ? error.message : String(error);
  return new BlastwallError(
    'external',
    `Kubernetes TokenRequest issuer: ${what}: ${message}${detail ? ` ${detail}` : ''}`,
    {
      cause: error,
    },
  );
}

function statusOf(error: unknown): number | undefined {
  return (error as { code?: number }).code;
}

/** Tokens through @kubernetes/client-node (TokenRequest API, core v1 Secrets). */
export function kubernetesTokens(settings: KubernetesSettings): KubernetesTokens {
  let api: Promise<import('@kubernetes/client-node').CoreV1Api> | undefined;
  // Loaded on first use: the client library is large and only servers brokering Kubernetes need it.
  function core(): Promise<import('@kubernetes/client-node').CoreV1Api> {
    api ??= import('@kubernetes/client-node').then((k8s) => {
      const config = new k8s.KubeConfig();
      config.loadFromClusterAndUser(
        {
          name: 'blastwall-broker',
          server: settings.server,
          skipTLSVerify: settings.insecureSkipTlsVerify === true,
          ...(settings.caFile !== undefined && { caData: readFileSync(settings.caFile).toString('base64') }),
        },
        { name: 'blastwall-broker', token: settings.token },
      );
      return config.makeApiClient(k8s.CoreV1Api);
    });
    return api;
  }
  const { namespace } = settings;
  const tokens: KubernetesTokens = {
    async issue(input) {
      const client = await core();
      let uid: string | undefined;
      try {
        const secret = await client.createNamespacedSecret({
          namespace,
          body: {
            apiVersion: 'v1',
            kind: 'Secret',
            type: 'Opaque',
            metadata: {
              name: input.secretName,
              labels: { [MANAGED_BY]: 'blastwall' },
              annotations: { [EXPIRES_AT]: input.expiresAt },
            },
          },
        });
        uid = secret.metadata?.uid;
      } catch (error) {
        throw failure(`creating Secret ${namespace}/${input.secretName}`, error);
      }
      if (!uid)
        throw failure(`creating Secret ${namespace}/${input.secretName}`, new Error('the answer has no uid'));
      let answer;
      try {
        answer = await client.createNamespacedServiceAccountToken({
          name: input.serviceAccount,
          namespace,
          body: {
            apiVersion: 'authentication.k8s.io/v1',
            kind: 'TokenRequest',
            spec: {
              expirationSeconds: input.expirationSeconds,
              audiences: input.audiences ?? [],
              boundObjectRef: { apiVersion: 'v1', kind: 'Secret', name: input.secretName, uid },
            },
          },
        });
      } catch (error) {
        throw failure(`TokenRequest for ${namespace}/${input.serviceAccount}`, error);
      }
      const token = answer.status?.token;
      const expiration = answer.status?.expirationTimestamp;
      const expiresAt =
        expiration instanceof Date ? expiration : expiration ? new Date(expiration) : undefined;
      if (!token || !expiresAt || Number.isNaN(expiresAt.getTime()))
        throw failure(
          `TokenRequest for ${namespace}/${input.serviceAccount}`,
          new Error('the answer holds no token'),
        );
      return { token, expirationTimestamp: expiresAt.toISOString() };
    },

    async revoke(secretName) {
      const client = await core();
      try {
        await client.deleteNamespacedSecret({ name: secretName, namespace });
      } catch (error) {
        if (statusOf(error) === 404) return;
        throw failure(`deleting Secret ${namespace}/${secretName}`, error);
      }
    },

    async sweep(at) {
      const client = await core();
      let list;
      try {
        list = await client.listNamespacedSecret({ namespace, labelSelector: `${MANAGED_BY}=blastwall` });
      } catch (error) {
        throw failure("listing the broker's Secrets", error);
      }
      let removed = 0;
      for (const secret of list.items) {
        const name = secret.metadata?.name;
        const end = Date.parse(secret.metadata?.annotations?.[EXPIRES_AT] ?? '');
        // A Secret whose end cannot be read is left alone: it may be another tool's.
        if (!name || Number.isNaN(end) || end > at.getTime()) continue;
        await tokens.revoke(name);
        removed += 1;
      }
      return removed;
    },
  };
  return tokens;
}
