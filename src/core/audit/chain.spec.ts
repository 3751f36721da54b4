import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import {
  GENESIS_HASH,
  hashRecord,
  nextRecord,
  verifyChain,
  type AuditRecord,
  type ChainHead,
} from './chain.js';

function buildChain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  for (let index = 0; index < length; index += 1) {
    const record = nextRecord(head, {
      at: `2026-01-01T00:00:0${index}.000Z`,
      kind: 'test',
      actor: 'sam',
      subject: `s:${index}`,
      data: { n: index },
    });
    records.push(record);
    head = { seq: record.seq, hash: record.hash };
  }
  return records;
}

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [1, { d: null, c: 'x' }] }, '{"a":[1,{"c":"x","d":null}],"b":1}'],
    [{ z: undefined, y: true }, '{"y":true}'],
    ['é"', '"é\\""'],
    [[undefined], '[null]'],
  ])('serialises %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/value\.n is not a finite number/);
    expect(() => canonicalJson({ a: [1, { b: Infinity }] })).toThrow(
      /value\.a\[1\]\.b is not a finite number/,
    );
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/value\.f has unsupported type function/);
  });
});

describe('hashRecord', () => {
  it('hashes the previous hash followed by the canonical JSON of the record fields', () => {
    const body = {
      seq: 12,
      at: '2026-01-01T00:00:00.000Z',
      kind: 'action.decision',
      actor: 'token:"x"',
      subject: 'action:é',
      data: { z: [1, undefined, 'ü'], a: { y: null, x: false }, skipped: undefined },
    };
    const canonical = canonicalJson({ ...body, ignored: undefined });

    expect(hashRecord('ab', body)).toBe(createHash('sha256').update(`ab${canonical}`).digest('hex'));
    expect(nextRecord({ seq: 11, hash: 'ab' }, body)).toMatchObject({
      seq: 12,
      hash: hashRecord('ab', body),
    });
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const records = buildChain(4);

    const verdict = verifyChain(records, { seq: 4, hash: records[3]!.hash });

    expect(verdict).toEqual({ ok: true, count: 4, head: { seq: 4, hash: records[3]!.hash } });
  });

  it('links the first record to the genesis hash', () => {
    const [first] = buildChain(1);

    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(first!.hash).toBe(hashRecord(GENESIS_HASH, first!));
  });

  it.each([
    [
      'edited data',
      (r: AuditRecord[]) => {
        r[2] = { ...r[2]!, data: { n: 99 } };
      },
      3,
      'edited',
    ],
    [
      'edited actor',
      (r: AuditRecord[]) => {
        r[1] = { ...r[1]!, actor: 'mallory' };
      },
      2,
      'edited',
    ],
    [
      'deleted record',
      (r: AuditRecord[]) => {
        r.splice(1, 1);
      },
      2,
      'missing',
    ],
    [
      'swapped records',
      (r: AuditRecord[]) => {
        [r[1], r[2]] = [r[2]!, r[1]!];
      },
      3,
      'out-of-order',
    ],
    [
      'swapped contents keeping seq',
      (r: AuditRecord[]) => {
        [r[1], r[2]] = [
          { ...r[2]!, seq: 2 },
          { ...r[1]!, seq: 3 },
        ];
      },
      2,
      'broken-link',
    ],
    [
      'rehashed edit',
      (r: AuditRecord[]) => {
        const e = { ...r[1]!, data: { n: 7 } };
        r[1] = { ...e, hash: hashRecord(e.prevHash, e) };
      },
      3,
      'broken-link',
    ],
  ])('names the first bad record after %s', (_name, tamper, seq, problem) => {
    const records = buildChain(5);
    tamper(records);

    const verdict = verifyChain(records);

    expect(verdict).toMatchObject({ ok: false, seq, problem });
  });

  it('detects deleting the newest record through the head', () => {
    const records = buildChain(3);
    const head = { seq: 3, hash: records[2]!.hash };

    const verdict = verifyChain(records.slice(0, 2), head);

    expect(verdict).toMatchObject({ ok: false, seq: 3, problem: 'truncated' });
  });
});
