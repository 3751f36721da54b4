import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A token the fake issued, and what it is bound to. */
interface IssuedToken {
  serviceAccount: string;
  namespace: string;
  secretUid: string;
  expiresAt: number;
}

/** One TokenRequest the fake received. */
export interface TokenRequestCall {
  namespace: string;
  serviceAccount: string;
  spec: {
    expirationSeconds?: number;
    audiences?: string[];
    boundObjectRef?: { kind: string; name: string; uid: string };
  };
}

/** A local server speaking the documented parts of the Kubernetes API the broker uses, for tests only. */
export interface FakeKubernetes {
  url: string;
  tokenRequests: TokenRequestCall[];
  /** Secrets by `namespace/name`. */
  secrets: Map<string, { uid: string; labels: Record<string, string>; annotations: Record<string, string> }>;
  close(): Promise<void>;
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * Starts the fake. Like the API server: the broker's bearer token may create/list/delete Secrets and
 * `POST …/serviceaccounts/NAME/token` (TokenRequest, authentication.k8s.io/v1; expirationSeconds ≥ 600;
 * a token bound to a Secret stops working when that Secret is deleted); `POST
 * /apis/authentication.k8s.io/v1/selfsubjectreviews` answers who a token is (`kubectl auth whoami`).
 */
export async function startFakeKubernetes(options: {
  brokerToken: string;
  serviceAccounts: string[];
}): Promise<FakeKubernetes> {
  const tokenRequests: TokenRequestCall[] = [];
  const secrets: FakeKubernetes['secrets'] = new Map();
  const tokens = new Map<string, IssuedToken>();

  function valid(token: string | undefined): IssuedToken | undefined {
    const issued = token !== undefined ? tokens.get(token) : undefined;
    if (!issued || issued.expiresAt <= Date.now()) return undefined;
    const bound = [...secrets.entries()].find(([, secret]) => secret.uid === issued.secretUid);
    return bound ? issued : undefined;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const reply = (code: number, body: unknown) => {
      response.writeHead(code, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST' && url.pathname === '/apis/authentication.k8s.io/v1/selfsubjectreviews') {
      const who = valid(bearer);
      if (!who) return reply(401, status(401, 'Unauthorized', 'Unauthorized'));
      return reply(201, {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'SelfSubjectReview',
        metadata: {},
        status: { userInfo: { username: `system:serviceaccount:${who.namespace}:${who.serviceAccount}` } },
      });
    }
    if (bearer !== options.brokerToken) return reply(401, status(401, 'Unauthorized', 'Unauthorized'));
    const secretRoute = /^\/api\/v1\/namespaces\/([^/]+)\/secrets(?:\/([^/]+))?$/.exec(url.pathname);
    if (secretRoute) {
      const [, namespace, name] = secretRoute;
      if (request.method === 'POST' && name === undefined) {
        const body = await readJson(request);
        const metadata = (body.metadata ?? {}) as {
          name?: string;
          labels?: Record<string, string>;
          annotations?: Record<string, string>;
        };
        if (!metadata.name) return reply(422, status(422, 'Invalid', 'metadata.name is required'));
        const key = `${namespace}/${metadata.name}`;
        if (secrets.has(key))
          return reply(409, status(409, 'AlreadyExists', `secrets "${metadata.name}" already exists`));
        const uid = randomUUID();
        secrets.set(key, { uid, labels: metadata.labels ?? {}, annotations: metadata.annotations ?? {} });
        return reply(201, {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'Opaque',
          metadata: { ...metadata, namespace, uid },
        });
      }
      if (request.method === 'GET' && name === undefined) {
        const [labelKey, labelValue] = (url.searchParams.get('labelSelector') ?? '=').split('=');
        const items = [...secrets.entries()]
          .filter(
            ([key, secret]) =>
              key.startsWith(`${namespace}/`) && (!labelKey || secret.labels[labelKey] === labelValue),
          )
          .map(([key, secret]) => ({
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: {
              name: key.slice(namespace!.length + 1),
              namespace,
              uid: secret.uid,
              labels: secret.labels,
              annotations: secret.annotations,
            },
          }));
        return reply(200, { apiVersion: 'v1', kind: 'SecretList', metadata: {}, items });
      }
      if (request.method === 'DELETE' && name !== undefined) {
        if (!secrets.delete(`${namespace}/${name}`))
          return reply(404, status(404, 'NotFound', `secrets "${name}" not found`));
        return reply(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
      }
    }
    const tokenRoute = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/]+)\/token$/.exec(url.pathname);
    if (tokenRoute && request.method === 'POST') {
      const [, namespace, serviceAccount] = tokenRoute as unknown as [string, string, string];
      const body = await readJson(request);
      const spec = (body.spec ?? {}) as TokenRequestCall['spec'];
      tokenRequests.push({ namespace, serviceAccount, spec });
      if (!options.serviceAccounts.includes(serviceAccount))
        return reply(404, status(404, 'NotFound', `serviceaccounts "${serviceAccount}" not found`));
      const seconds = spec.expirationSeconds ?? 3600;
      if (seconds < 600)
        return reply(
          422,
          status(422, 'Invalid', 'spec.expirationSeconds: may not specify a duration less than 10 minutes'),
        );
      const bound = spec.boundObjectRef;
      const secret = bound ? secrets.get(`${namespace}/${bound.name}`) : undefined;
      if (bound && (!secret || secret.uid !== bound.uid))
        return reply(404, status(404, 'NotFound', 'bound object not found'));
      const token = `fake.${randomBytes(24).toString('base64url')}`;
      const expiresAt = Date.now() + seconds * 1000;
      tokens.set(token, { serviceAccount, namespace, secretUid: secret?.uid ?? '', expiresAt });
      return reply(201, {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        metadata: {},
        spec,
        status: { token, expirationTimestamp: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z') },
      });
    }
    return reply(404, status(404, 'NotFound', `no route ${request.method} ${url.pathname}`));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenRequests,
    secrets,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
