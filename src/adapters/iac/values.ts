// Small readers for untyped JSON/YAML values, shared by the plan readers.

/** A plain object, or undefined for anything else (arrays, null, scalars). */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The string-valued entries of an object (tags, labels), ignoring the rest. */
export function stringEntries(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record(value) ?? {}))
    if (typeof entry === 'string') out[key] = entry;
  return out;
}
