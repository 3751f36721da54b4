/** The dashboard's only way to the server: JSON over `/v1`, with the signed-in token as a bearer. */

const TOKEN_KEY = 'blastwall.token';

/** A refusal or failure the server explained, or a network failure, in words a person can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The token kept for this browser tab only. */
export function storedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** Keeps (or, with undefined, forgets) the token for this tab. */
export function storeToken(token: string | undefined): void {
  if (token === undefined) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

/** Called when the server no longer accepts the token, so the app can ask for a new one. */
let onUnauthenticated: (message: string) => void = () => undefined;

/** Registers what happens when the server answers 401. */
export function setUnauthenticatedHandler(handler: (message: string) => void): void {
  onUnauthenticated = handler;
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Overrides the stored token (sign-in checks a token before keeping it). */
  token?: string;
  signal?: AbortSignal;
}

/** Calls the API and returns its JSON; anything but a 2xx becomes an ApiError with the server's message. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = options.token ?? storedToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      ...(options.signal && { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The blastwall server could not be reached. Is it running?');
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    const message = error?.message ?? `The server answered ${response.status} ${response.statusText}.`;
    const failure = new ApiError(response.status, error?.code ?? 'http-error', message);
    if (response.status === 401 && options.token === undefined) onUnauthenticated(message);
    throw failure;
  }
  if (json === undefined) throw new ApiError(response.status, 'bad-response', 'The server sent no JSON.');
  return json as T;
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
