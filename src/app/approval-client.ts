import type { ConfigFile } from '../adapters/config/schema.js';
import type { ActionDecision, Operation } from '../core/actions/types.js';
import type { ActionRequest } from './gate-types.js';

/** Where the blastwall server is and how to authenticate to it. */
export interface ServerSettings {
  url: string;
  token?: string;
  approvalTtlMinutes?: number;
}

/** What is registered with the server: a command, or a described non-shell action with its operations. */
export type RemoteActionRequest = ActionRequest & { operations?: Operation[] };

/** A decision that may carry the approval that holds or released it. */
export type HeldDecision = ActionDecision & { approvalId?: string };

/** The server's answer to `POST /v1/actions/evaluate`. */
export type EvaluateAnswer = HeldDecision & { actionId?: string };

/** A refusal or failure answered by the server (a 4xx/5xx with a JSON error body). */
export class ServerRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServerRefusal';
  }
}

/** The server could not be reached (connection refused, timeout, not JSON). */
export class ServerUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServerUnreachable';
  }
}

/** Picks the server from `BLASTWALL_SERVER_URL`/`BLASTWALL_TOKEN`, else from `blastwall.yaml` `server:`; undefined when none. */
export function serverSettings(
  file: Pick<ConfigFile, 'server'> | undefined,
  env: Record<string, string | undefined>,
): ServerSettings | undefined {
  const url = env.BLASTWALL_SERVER_URL || file?.server?.url;
  if (!url) return undefined;
  const token = env.BLASTWALL_TOKEN || file?.server?.token;
  const ttl = file?.server?.approvalTtlMinutes;
  return {
    url: url.replace(/\/+$/, ''),
    ...(token ? { token } : {}),
    ...(ttl !== undefined ? { approvalTtlMinutes: ttl } : {}),
  };
}

/** The calls gate, hook, mcp-proxy and the approve verbs make to a blastwall server. */
export interface ApprovalClient {
  readonly url: string;
  /** Registers (or looks up) an action with the server: the server decides, records, and holds. */
  evaluate(request: RemoteActionRequest): Promise<EvaluateAnswer>;
  /** Approvals, newest first. */
  listApprovals(status?: string): Promise<unknown[]>;
  /** Approves or denies one approval as the token's person. */
  decide(id: string, decision: 'approve' | 'deny', reason?: string): Promise<unknown>;
  /**
   * Asks the server to judge a range of its own repository (`POST /v1/changes/check`), naming the repository the
   * caller means (refused when it is not the server's); the server decides and records it under the change's
   * identity.
   */
  checkChange(request: { range: string; repository: string; title?: string }): Promise<ReportedChange>;
}

/** What the server recorded of a change it was asked to judge. */
export interface ReportedChange {
  decision: string;
  changeId: string;
  approvalId?: string;
  reasons?: string[];
}

/**
 * One JSON call to the server, bounded by `timeoutMs`: the parsed answer, a `ServerRefusal` for a 4xx/5xx, a
 * `ServerUnreachable` when it cannot be reached or answers no JSON.
 */
export async function callServer(
  settings: ServerSettings,
  timeoutMs: number,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${settings.url}${path}`, {
      method,
      headers: {
        ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new ServerUnreachable(`blastwall server ${settings.url} could not be reached (${why})`, {
      cause: error,
    });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ServerUnreachable(
      `blastwall server ${settings.url} answered ${response.status} with a body that is not JSON`,
    );
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } }).error;
    throw new ServerRefusal(
      response.status,
      error?.code ?? 'error',
      error?.message ?? `HTTP ${response.status}`,
    );
  }
  return parsed;
}

/** Builds a client over global `fetch`; every call is bounded by `timeoutMs`. */
export function createApprovalClient(
  settings: ServerSettings,
  options: { timeoutMs?: number } = {},
): ApprovalClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const call = (method: string, path: string, body?: unknown, waitMs = timeoutMs) =>
    callServer(settings, waitMs, method, path, body);
  return {
    url: settings.url,
    async evaluate(request) {
      return (await call('POST', '/v1/actions/evaluate', request)) as EvaluateAnswer;
    },
    async listApprovals(status) {
      const query = status ? `?status=${encodeURIComponent(status)}` : '';
      return ((await call('GET', `/v1/approvals${query}`)) as { approvals: unknown[] }).approvals;
    },
    async decide(id, decision, reason) {
      return (
        (await call(
          'POST',
          `/v1/approvals/${encodeURIComponent(id)}/${decision}`,
          reason !== undefined ? { reason } : {},
        )) as { approval: unknown }
      ).approval;
    },
    async checkChange(request) {
      // The server reads the history and scores the risk: a check takes longer than a gate question.
      return (await call(
        'POST',
        '/v1/changes/check',
        request,
        Math.max(timeoutMs, 60_000),
      )) as ReportedChange;
    },
  };
}

/**
 * Settles a locally held decision with the server. The local decision stays authoritative: only
 * `needs-approval` is sent, only an approved approval from the server turns it into `allow`, the
 * server can make it stricter (deny), and an unreachable server blocks it (fail closed).
 */
export async function settleHeld(
  local: ActionDecision,
  request: RemoteActionRequest,
  client: ApprovalClient,
): Promise<HeldDecision> {
  if (local.decision !== 'needs-approval') return local;
  let answer: EvaluateAnswer;
  try {
    answer = await client.evaluate(request);
  } catch (error) {
    const why =
      error instanceof ServerRefusal
        ? `blastwall server ${client.url} refused to register it (${error.status} ${error.code}: ${error.message})`
        : (error as Error).message;
    return {
      ...local,
      decision: 'deny',
      reasons: [
        ...local.reasons,
        `${why}, so the held action could not be registered for approval and is blocked`,
      ],
    };
  }
  if (answer.decision === 'deny')
    return {
      ...local,
      decision: 'deny',
      reasons: [...local.reasons, ...answer.reasons.map((r) => `server: ${r}`)],
    };
  if (answer.approvalId === undefined) {
    return {
      ...local,
      reasons: [
        ...local.reasons,
        `blastwall server ${client.url} registered no approval for it (its policy differs), so it stays held`,
      ],
    };
  }
  if (answer.decision === 'allow') {
    return {
      ...local,
      decision: 'allow',
      approvalId: answer.approvalId,
      reasons: [`released by approval ${answer.approvalId} on blastwall server ${client.url}`],
    };
  }
  const how = `approval ${answer.approvalId} is pending: a person with that authority approves it with \`blastwall approve ${answer.approvalId}\` (or POST ${client.url}/v1/approvals/${answer.approvalId}/approve), then the same command from the same session is allowed`;
  return { ...local, approvalId: answer.approvalId, reasons: [...local.reasons, how] };
}
