import { generateToken, hashToken } from '../../adapters/storage/tokens.js';
import type { Store, TokenRole } from '../../adapters/storage/types.js';
import { BlastwallError } from '../../core/errors.js';

/** Issues a bearer token the way `blastwall token create` does: a fresh secret, only its hash stored. */
export async function issueToken(
  store: Store,
  input: { role: TokenRole; personId?: string; agentId?: string },
  actor = 'cli:demo',
): Promise<string> {
  const secret = generateToken();
  await store.createToken({ ...input, hash: hashToken(secret) }, actor);
  return secret;
}

/** Calls the server's app in process, as a real client would over HTTP. */
export type DemoCall = <T = Record<string, unknown>>(
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) => Promise<T>;

/** A client for an app's fetch handler; any answer that is not 2xx is an error naming the call. */
export function demoClient(fetch: (request: Request) => Response | Promise<Response>): DemoCall {
  return async function call<T>(token: string, method: 'GET' | 'POST', path: string, body?: unknown) {
    const response = await fetch(
      new Request(`http://demo.invalid${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const message =
        (json as { error?: { message?: string } } | undefined)?.error?.message ?? text.slice(0, 200);
      throw new BlastwallError(
        'internal',
        `demo seeding: ${method} ${path} answered ${response.status}: ${message}`,
      );
    }
    return json as T;
  };
}
