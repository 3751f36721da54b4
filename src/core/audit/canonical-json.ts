/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` members dropped.
 * Two equal values always serialise to the same bytes, which is what a hash chain needs.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, 'value');
}

function serialise(value: unknown, where: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // NaN and Infinity have no JSON form; refusing them keeps the hash honest.
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${where} is not a finite number`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: ${where} has unsupported type ${typeof value}`);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => (item === undefined ? 'null' : serialise(item, `${where}[${index}]`))).join(',')}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${serialise(member, `${where}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}
