import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { BlastwallError, type ErrorCode } from '../../core/errors.js';

/** A refusal or failure with a status, a stable machine code and a message a person can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The JSON body of every error response. */
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/**
 * The status of each kind of blastwall failure: the caller's request or the configuration it named is wrong
 * (400), a thing it named is missing (404), an outside system failed (502). An internal error says nothing more.
 */
export const ERROR_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  usage: 400,
  config: 400,
  'not-found': 404,
  external: 502,
  internal: 500,
};

/** The one place that maps thrown values to JSON error responses; unknown failures are a 500 without details. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof HttpError) return c.json(errorBody(error.code, error.message), error.status);
  if (error instanceof BlastwallError && error.code !== 'internal')
    return c.json(errorBody(error.code, error.message), ERROR_STATUS[error.code]);
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? 'payload-too-large' : 'bad-request';
    const message = error.status === 413 ? 'request body is too large' : error.message || 'bad request';
    return c.json(errorBody(code, message), error.status);
  }
  return c.json(errorBody('internal', 'internal error'), 500);
}
