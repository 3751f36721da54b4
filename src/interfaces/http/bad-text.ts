import type { MiddlewareHandler } from 'hono';
import { HttpError } from './http-error.js';

/**
 * A NUL character or a lone UTF-16 surrogate, as JSON escapes (`\u0000`, `\ud800`) or raw. PostgreSQL
 * cannot store NUL in text at all, and a lone surrogate would be stored as U+FFFD — a different command
 * from the one decided — so both are refused at the door on every store alike.
 */
// The NUL in these patterns is the point: it is what they look for.
// eslint-disable-next-line no-control-regex
const SUSPECT = /\\u0000|\\u[dD][89abAB][0-9a-fA-F]{2}|\\u[dD][c-fC-F][0-9a-fA-F]{2}|\u0000/;
// eslint-disable-next-line no-control-regex
const BAD = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function findBad(value: unknown): boolean {
  if (typeof value === 'string') return BAD.test(value);
  if (Array.isArray(value)) return value.some(findBad);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([key, item]) => BAD.test(key) || findBad(item));
  return false;
}

/** Whether a request body holds text no store can keep as sent (exported for tests). */
export function hasBadText(body: string): boolean {
  // Most bodies carry no escape that could decode to one: only they are parsed a second time.
  if (!SUSPECT.test(body)) return false;
  if (body.includes('\u0000')) return true;
  try {
    return findBad(JSON.parse(body));
  } catch {
    // Not JSON: the route's own parser answers for that; a raw lone surrogate is checked here.
    return BAD.test(body);
  }
}

/** Refuses, with a 400, a URL or body holding NUL or a lone surrogate (see SUSPECT). */
export function refuseBadText(): MiddlewareHandler {
  return async function refuseUnstorableText(c, next) {
    if (/%00/.test(c.req.url))
      throw new HttpError(400, 'invalid-request', 'the URL contains a NUL character (%00)');
    if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
      // Hono keeps the text, so the route reads it again without a second read of the stream.
      const text = await c.req.text();
      // Bytes that are not UTF-8 were decoded to U+FFFD: what would be stored is not what was sent.
      if (text.includes('\uFFFD'))
        throw new HttpError(400, 'invalid-request', 'the request body is not valid UTF-8');
      if (hasBadText(text))
        throw new HttpError(
          400,
          'invalid-request',
          'the request body contains a NUL character or a lone UTF-16 surrogate, which cannot be stored',
        );
    }
    await next();
  };
}
