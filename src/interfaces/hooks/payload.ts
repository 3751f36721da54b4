/**
 * Hook payloads are checked where they enter with a small schema of only the fields used. Not zod: loading zod
 * costs more CPU than the rest of a hook process that needs no gate (measured ~0.14 s), and these run before
 * every tool call an agent makes.
 */

/** Checks one value of a payload; returns it typed or throws a `PayloadError` naming where it is wrong. */
export type Check<T> = (value: unknown, at: string) => T;

class PayloadError extends Error {}

/** A required string. */
export const string: Check<string> = (value, at) => {
  if (typeof value !== 'string') throw new PayloadError(`${at}: expected a string`);
  return value;
};

/** A plain JSON object (not an array, not null). */
export const record: Check<Record<string, unknown>> = (value, at) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new PayloadError(`${at}: expected an object`);
  return value as Record<string, unknown>;
};

/** An array of strings. */
export const stringArray: Check<string[]> = (value, at) => {
  if (!Array.isArray(value)) throw new PayloadError(`${at}: expected an array`);
  return value.map((item, index) => string(item, `${at}.${index}`));
};

/** A string or an object (agents that have sent tool arguments both ways). */
export const stringOrRecord: Check<string | Record<string, unknown>> = (value, at) =>
  typeof value === 'string' ? value : record(value, at);

/** Makes a check accept a missing (undefined or null) value. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, at) => (value === undefined || value === null ? undefined : check(value, at));
}

/** An object with these fields; fields not named are ignored. */
export function object<S extends Record<string, Check<unknown>>>(
  shape: S,
): Check<{ [K in keyof S]: ReturnType<S[K]> }> {
  return (value, at) => {
    const input = record(value, at);
    const output: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape))
      output[key] = check(input[key], at === '' ? key : `${at}.${key}`);
    return output as { [K in keyof S]: ReturnType<S[K]> };
  };
}

/** Parses a hook's stdin as JSON and checks it against the agent's schema; a failure is a message, never a throw. */
export function readPayload<T>(
  raw: string,
  schema: Check<T>,
): { ok: true; value: T } | { ok: false; message: string } {
  if (raw.trim() === '') return { ok: false, message: 'empty hook payload on stdin' };
  let json: unknown;
  try {
    json = parsedJson(raw);
  } catch (error) {
    return {
      ok: false,
      message: `hook payload is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  try {
    return { ok: true, value: schema(json, '') };
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    return {
      ok: false,
      message: `hook payload does not match the expected shape: ${error.message.replace(/^: /, 'payload: ')}`,
    };
  }
}

// The last payload parsed, so the hook's attestation (attest-writes.ts) reads the JSON the adapter decided on
// instead of parsing the same few kilobytes again. One entry: a hook process answers one payload at a time.
let lastParsed: { raw: string; json: unknown } | undefined;

/** `JSON.parse(raw)`, parsed once per payload: the same string again answers the value parsed before. Throws. */
export function parsedJson(raw: string): unknown {
  if (lastParsed?.raw === raw) return lastParsed.json;
  const json: unknown = JSON.parse(raw);
  lastParsed = { raw, json };
  return json;
}
