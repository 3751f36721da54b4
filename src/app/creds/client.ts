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

/** Asks the blastwall server for credentials; refusals throw `ServerRefusal`, an unreachable server `ServerUnreachable`. */
export async function askCredentials(
  settings: ServerSettings,
  ask: CredentialAsk,
  timeoutMs = 10_000,
): Promise<IssuedResponse | HeldResponse> {
  const url = `${settings.url}/v1/creds/${encodeURIComponent(ask.environment)}/${encodeURIComponent(ask.kind)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
      },
      body: JSON.stringify({
        scope: ask.scope,
        sessionId: ask.sessionId,
        ...(ask.minutes !== undefined && { minutes: ask.minutes }),
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new ServerUnreachable(
      `blastwall server ${settings.url} could not be reached (${cause?.code ?? (error as Error).message})`,
      { cause: error },
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ServerUnreachable(
      `blastwall server ${settings.url} answered ${response.status} with a body that is not JSON`,
    );
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } }).error;
    throw new ServerRefusal(
      response.status,
      error?.code ?? 'error',
      error?.message ?? `HTTP ${response.status}`,
    );
  }
  const answer = body as IssuedResponse | HeldResponse;
  // Anything but the two known answers is not credentials: fail closed rather than guess.
  if (answer.status !== 'issued' && answer.status !== 'held')
    throw new ServerUnreachable(`blastwall server ${settings.url} gave an answer that is not a credential`);
  return answer;
}
