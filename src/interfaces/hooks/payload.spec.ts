import { describe, expect, it } from 'vitest';
import { object, optional, readPayload, record, string, stringArray, stringOrRecord } from './payload.js';

const schema = object({
  event: string,
  cwd: optional(string),
  input: optional(record),
  roots: optional(stringArray),
  args: optional(stringOrRecord),
});

describe('readPayload', () => {
  it('returns the named fields, typed, and ignores the rest', () => {
    const result = readPayload(
      '{"event":"E","cwd":"/r","input":{"a":1},"roots":["/r"],"args":"{}","extra":true}',
      schema,
    );
    expect(result).toEqual({
      ok: true,
      value: { event: 'E', cwd: '/r', input: { a: 1 }, roots: ['/r'], args: '{}' },
    });
  });

  it('treats null like a missing optional field', () => {
    expect(readPayload('{"event":"E","cwd":null}', schema)).toMatchObject({
      ok: true,
      value: { cwd: undefined },
    });
  });

  it.each([
    ['', 'empty hook payload'],
    ['   \n', 'empty hook payload'],
    ['{"event":', 'not JSON'],
    ['[1]', 'payload: expected an object'],
    ['null', 'payload: expected an object'],
    ['{"cwd":"/r"}', 'event: expected a string'],
    ['{"event":1}', 'event: expected a string'],
    ['{"event":"E","input":[1]}', 'input: expected an object'],
    ['{"event":"E","roots":["a",2]}', 'roots.1: expected a string'],
    ['{"event":"E","args":5}', 'args: expected an object'],
  ])('refuses %j with a message naming the problem', (raw, message) => {
    const result = readPayload(raw, schema);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});
