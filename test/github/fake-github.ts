import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVerify, type KeyObject } from 'node:crypto';

/** A request the fake received, as seen on the wire. */
export interface RecordedRequest {
  method: string;
  /** Path without the API prefix and without the query, e.g. `/repos/acme/shop/check-runs`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A pull request the fake serves, in GitHub's JSON shapes. */
export interface FakePull {
  pull: {
    number: number;
    state: string;
    title: string;
    html_url: string;
    user: { login: string };
    base: { sha: string };
    head: { sha: string };
    labels: { name: string }[];
  };
  commits: unknown[];
  files: unknown[];
  reviews: unknown[];
}

/** A forced failure: the next `times` requests matching method and path get this status. */
interface Failure {
  method: string;
  path: RegExp;
  status: number;
  times: number;
}

/** The fake GitHub: endpoints blastwall uses, Link-header pagination, every request recorded. */
export interface FakeGithub {
  /** API root to give Octokit, with a GitHub Enterprise style `/api/v3` prefix. */
  baseUrl: string;
  requests: RecordedRequest[];
  pulls: Map<string, FakePull>;
  comments: Map<string, { id: number; body: string; user: { login: string } }[]>;
  checkRuns: { id: number; owner: string; repo: string; body: Record<string, unknown> }[];
  /** Makes the next `times` matching requests answer `status`. */
  failNext(method: string, path: RegExp, status: number, times?: number): void;
  /** Delays every answer to matching requests, to make races observable. */
  delay(method: string, path: RegExp, ms: number): void;
  /** Requests matching a method and a path pattern. */
  requestsTo(method: string, path: RegExp): RecordedRequest[];
  /** Installation tokens minted through `POST /app/installations/{id}/access_tokens` (App mode). */
  issued: { installationId: number; token: string; expiresAt: number }[];
  close(): Promise<void>;
}

const PREFIX = '/api/v3';

/** Starts the fake on 127.0.0.1 at a random port; requests must carry `token` when one is given. */
export async function startFakeGithub(
  options: {
    token?: string;
    /** GitHub App mode: JWTs signed by the App's key mint installation tokens, the only tokens accepted. */
    app?: { id: string; publicKey: KeyObject; tokenTtlMs: number; now: () => number };
  } = {},
): Promise<FakeGithub> {
  const issued: FakeGithub['issued'] = [];
  const requests: RecordedRequest[] = [];
  const pulls = new Map<string, FakePull>();
  const comments = new Map<string, { id: number; body: string; user: { login: string } }[]>();
  const checkRuns: FakeGithub['checkRuns'] = [];
  const failures: Failure[] = [];
  const delays: { method: string; path: RegExp; ms: number }[] = [];
  let nextId = 1000;
  let origin = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const text = await readBody(req);
    const body = text ? JSON.parse(text) : undefined;
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
    requests.push({
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    });
    if (!url.pathname.startsWith(PREFIX))
      return send(res, 404, { message: 'Not Found (expected the /api/v3 prefix)' });
    if (options.app) {
      const minted = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
      if (req.method === 'POST' && minted) {
        if (!jwtValid(String(req.headers.authorization ?? ''), options.app))
          return send(res, 401, { message: 'A JSON web token could not be decoded' });
        const expiresAt = options.app.now() + options.app.tokenTtlMs;
        const token = `ghs_installation${minted[1]}_${issued.length + 1}`;
        issued.push({ installationId: Number(minted[1]), token, expiresAt });
        return send(res, 201, {
          token,
          expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          permissions: { checks: 'write', pull_requests: 'write', contents: 'read' },
          repository_selection: 'all',
        });
      }
      const presented = String(req.headers.authorization ?? '').replace(/^token /, '');
      const valid = issued.find((t) => t.token === presented && t.expiresAt > options.app!.now());
      if (!valid) return send(res, 401, { message: 'Bad credentials' });
    }
    if (options.token && req.headers.authorization !== `token ${options.token}`)
      return send(res, 401, { message: 'Bad credentials' });
    const delay = delays.find((d) => d.method === req.method && d.path.test(path));
    if (delay) {
      // The answer reflects the state on arrival and reaches the client late, like a slow network.
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        setTimeout(() => end(...args), delay.ms);
        return res;
      }) as typeof res.end;
    }
    const failure = failures.find((f) => f.method === req.method && f.path.test(path) && f.times > 0);
    if (failure) {
      failure.times--;
      return send(res, failure.status, { message: 'Server Error' });
    }
    const route = matchRoute(req.method ?? 'GET', path);
    if (!route) return send(res, 404, { message: 'Not Found' });
    const { kind, owner, repo, n } = route;
    const key = `${owner}/${repo}#${n}`;
    const pr = pulls.get(key);
    switch (kind) {
      case 'pull':
        return pr ? send(res, 200, pr.pull) : send(res, 404, { message: 'Not Found' });
      case 'commits':
      case 'files':
      case 'reviews':
        return pr ? sendPage(res, url, pr[kind]) : send(res, 404, { message: 'Not Found' });
      case 'check-runs': {
        const run = { id: nextId++, owner, repo, body: body as Record<string, unknown> };
        checkRuns.push(run);
        return send(res, 201, { id: run.id, ...run.body });
      }
      case 'list-comments':
        return sendPage(res, url, comments.get(key) ?? []);
      case 'create-comment': {
        const list = comments.get(key) ?? [];
        const comment = {
          id: nextId++,
          body: String((body as { body?: unknown }).body),
          user: { login: 'blastwall[bot]' },
        };
        list.push(comment);
        comments.set(key, list);
        return send(res, 201, comment);
      }
      case 'update-comment': {
        for (const list of comments.values()) {
          const comment = list.find((c) => c.id === n);
          if (comment) {
            comment.body = String((body as { body?: unknown }).body);
            return send(res, 200, comment);
          }
        }
        return send(res, 404, { message: 'Not Found' });
      }
    }
  }

  function sendPage(res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const links: string[] = [];
    const link = (p: number, rel: string): string => {
      const next = new URL(url.href);
      next.searchParams.set('page', String(p));
      next.searchParams.set('per_page', String(perPage));
      return `<${next.href}>; rel="${rel}"`;
    };
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    if (links.length) res.setHeader('link', links.join(', '));
    send(res, 200, items.slice((page - 1) * perPage, page * perPage));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}${PREFIX}`,
    requests,
    pulls,
    comments,
    checkRuns,
    failNext(method, path, status, times = 1) {
      failures.push({ method, path, status, times });
    },
    delay(method, path, ms) {
      delays.push({ method, path, ms });
    },
    issued,
    requestsTo(method, path) {
      return requests.filter((r) => r.method === method && path.test(r.path));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type RouteKind =
  | 'pull'
  | 'commits'
  | 'files'
  | 'reviews'
  | 'check-runs'
  | 'list-comments'
  | 'create-comment'
  | 'update-comment';

function matchRoute(
  method: string,
  path: string,
): { kind: RouteKind; owner: string; repo: string; n: number } | undefined {
  const routes: [string, RegExp, RouteKind][] = [
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/, 'pull'],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/commits$/, 'commits'],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/, 'files'],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/, 'reviews'],
    ['POST', /^\/repos\/([^/]+)\/([^/]+)\/check-runs()$/, 'check-runs'],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/, 'list-comments'],
    ['POST', /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/, 'create-comment'],
    ['PATCH', /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/, 'update-comment'],
  ];
  for (const [m, pattern, kind] of routes) {
    const match = m === method ? pattern.exec(path) : null;
    if (match) return { kind, owner: match[1] ?? '', repo: match[2] ?? '', n: Number(match[3] || 0) };
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** GitHub's check of an App JWT: RS256 over header.payload with the App's public key, `iss` the App id, not expired. */
function jwtValid(
  authorization: string,
  app: { id: string; publicKey: KeyObject; now: () => number },
): boolean {
  const match = /^bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization);
  if (!match) return false;
  const [, header, payload, signature] = match as unknown as [string, string, string, string];
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(app.publicKey, Buffer.from(signature, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    iss?: unknown;
    exp?: number;
  };
  return String(claims.iss) === app.id && typeof claims.exp === 'number';
}
