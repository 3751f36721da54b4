/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` members dropped.
 * Two equal values always serialise to the same bytes, which is what a hash chain needs.
 */
export function canonicalJson(value: unknown): string {
  const out = serialise(value);
  // Only a value JSON cannot represent gets here; walk it again, naming where it is.
  return out ?? explain(value, 'value');
}

/** The canonical JSON of `value`, or undefined when some part of it has no JSON form. */
function serialise(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // NaN and Infinity have no JSON form; refusing them keeps the hash honest.
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const json = item === undefined ? 'null' : serialise(item);
      if (json === undefined) return undefined;
      out += index === 0 ? json : `,${json}`;
    }
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  let out = '';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    const json = serialise(member);
    if (json === undefined) return undefined;
    out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${json}`;
  }
  return `{${out}}`;
}

/** Finds the part of `value` that has no JSON form and throws naming its path. */
function explain(value: unknown, where: string): never {
  if (typeof value === 'number') throw new TypeError(`canonicalJson: ${where} is not a finite number`);
  if (value === null || typeof value !== 'object')
    throw new TypeError(`canonicalJson: ${where} has unsupported type ${typeof value}`);
  const entries = Array.isArray(value)
    ? value.map((item: unknown, index) => [`${where}[${index}]`, item] as const)
    : Object.keys(value)
        .sort()
        .map((key) => [`${where}.${key}`, (value as Record<string, unknown>)[key]] as const);
  for (const [path, member] of entries) {
    if (member !== undefined && serialise(member) === undefined) explain(member, path);
  }
  throw new TypeError(`canonicalJson: ${where} cannot be serialised`);
}
