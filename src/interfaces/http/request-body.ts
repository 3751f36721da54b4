import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { HttpError } from './http-error.js';

/** Reads a JSON body; an empty body is `{}`, anything unparsable is a 400 naming the problem. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(
      400,
      'malformed-json',
      `request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Validates a value with a zod schema; a failure is a 400 that names the first bad field. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown, what = 'body'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : what;
  throw new HttpError(400, 'invalid-request', `${where}: ${issue?.message ?? 'invalid'}`);
}

/** Validates a request's query string with a zod schema; a failure is a 400 that names the first bad field. */
export function parseQuery<T>(c: Context, schema: z.ZodType<T>): T {
  return parseBody(schema, c.req.query(), 'query');
}

/** Node's request, which @hono/node-server passes as `c.env.incoming` (absent under `app.fetch` in tests). */
interface NodeBindings {
  incoming?: { headers: Record<string, string | string[] | undefined> };
}

/**
 * A request header (`name` in lower case). Under Node it is read from the request Node already parsed:
 * asking Hono builds a web `Headers` object first, a measurable share of a small request's cost.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Refuses bodies over `maxSize` bytes. A declared Content-Length is judged from the header alone, so
 * the body is later read straight from Node's stream; only a chunked body is counted as it arrives
 * (Hono's bodyLimit, which turns the request into a web Request with a stream — too slow for every call).
 */
export function limitBody(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError });
  return async function limitRequestBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = requestHeader(c, 'content-length');
    if (length !== undefined && requestHeader(c, 'transfer-encoding') === undefined) {
      // Node's parser already refuses a malformed length; judged here too, so that nothing unreadable passes.
      if (!/^\d+$/.test(length.trim()))
        throw new HttpError(400, 'invalid-request', `Content-Length is not a number: ${length}`);
      return Number(length) > maxSize ? onError(c) : next();
    }
    return streamed(c, next);
  };
}
