import type { Context } from 'hono';
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
