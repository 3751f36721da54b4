import type { IncomingMessage } from 'node:http';
import type { HeldResponse, IssuedResponse } from './creds-contract.js';
import { ServerRefusal, ServerUnreachable, type ServerSettings } from '../approval-client.js';

/** What the CLI asks the server's broker for. */
export interface CredentialAsk {
  environment: string;
  kind: string;
  scope: 'read' | 'write';
  sessionId: string;
  minutes?: number;
}

/** Answers past this size are not credentials (a few hundred bytes are). */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Asks the blastwall server for credentials; refusals throw `ServerRefusal`, an unreachable server `ServerUnreachable`.
 * Over node:http(s) rather than fetch: the credential plugins (creds-plugin-main.ts) run before SDK calls, and
 * fetch loads its whole HTTP stack on first use.
 */
export async function askCredentials(
  settings: ServerSettings,
  ask: CredentialAsk,
  timeoutMs = 10_000,
): Promise<IssuedResponse | HeldResponse> {
  const url = new URL(
    `${settings.url}/v1/creds/${encodeURIComponent(ask.environment)}/${encodeURIComponent(ask.kind)}`,
  );
  const body = JSON.stringify({
    scope: ask.scope,
    sessionId: ask.sessionId,
    ...(ask.minutes !== undefined && { minutes: ask.minutes }),
  });
  let response: { status: number; text: string };
  try {
    response = await post(url, body, settings.token, timeoutMs);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ServerUnreachable(
      `blastwall server ${settings.url} could not be reached (${code ?? (error as Error).message})`,
      { cause: error },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.text);
  } catch {
    throw new ServerUnreachable(
      `blastwall server ${settings.url} answered ${response.status} with a body that is not JSON`,
    );
  }
  if (response.status < 200 || response.status > 299) {
    const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ServerRefusal(
      response.status,
      error?.code ?? 'error',
      error?.message ?? `HTTP ${response.status}`,
    );
  }
  const answer = parsed as IssuedResponse | HeldResponse | null;
  // Anything but the two known answers is not credentials: fail closed rather than guess.
  if (
    answer === null ||
    typeof answer !== 'object' ||
    (answer.status === 'issued'
      ? typeof answer.credential !== 'object' || answer.credential === null
      : answer.status !== 'held' || typeof answer.approvalId !== 'string')
  )
    throw new ServerUnreachable(`blastwall server ${settings.url} gave an answer that is not a credential`);
  return answer;
}

/** One POST, its whole body read; rejects on any transport error, oversize answer or the time limit. */
async function post(
  url: URL,
  body: string,
  token: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw Object.assign(new Error(`unsupported protocol ${url.protocol}`), { code: 'bad-url' });
  // Only the protocol used is loaded: https brings TLS, which a loopback server does not need.
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => outgoing.destroy(timeoutError()), timeoutMs);
    outgoing.on('timeout', () => outgoing.destroy(timeoutError()));
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.on('response', (incoming: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES)
          outgoing.destroy(Object.assign(new Error('answer too large'), { code: 'too-large' }));
        else chunks.push(chunk);
      });
      incoming.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      incoming.on('end', () => {
        clearTimeout(timer);
        resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.end(body);
  });
}

function timeoutError(): Error {
  return Object.assign(new Error('no answer in time'), { code: 'timeout' });
}
