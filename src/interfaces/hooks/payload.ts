import type { z } from 'zod';

/** Parses a hook's stdin as JSON and checks it against the agent's schema; a failure is a message, never a throw. */
export function readPayload<T>(
  raw: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; message: string } {
  if (raw.trim() === '') return { ok: false, message: 'empty hook payload on stdin' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return {
      ok: false,
      message: `hook payload is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'payload';
    return {
      ok: false,
      message: `hook payload does not match the expected shape: ${where}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return { ok: true, value: parsed.data };
}
