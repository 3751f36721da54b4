import { describe, expect, it } from 'vitest';
import { LineReader } from './line-reader.js';

function read(chunks: string[], max = 64): { lines: string[]; raws: string[]; oversize: [string, number][] } {
  const lines: string[] = [];
  const raws: string[] = [];
  const oversize: [string, number][] = [];
  const reader = new LineReader(max, {
    line: (text, raw) => {
      lines.push(text);
      raws.push(raw.toString('utf8'));
    },
    oversize: (head, bytes) => oversize.push([head, bytes]),
  });
  for (const chunk of chunks) reader.push(Buffer.from(chunk));
  reader.end();
  return { lines, raws, oversize };
}

describe('LineReader', () => {
  it.each([
    [['a\nb\n'], ['a', 'b']],
    [
      ['a', 'b\nc'],
      ['ab', 'c'],
    ],
    [
      ['a\r\n', '\n', '  \n', 'b'],
      ['a', 'b'],
    ],
    [['é'.slice(0, 1), '\n'], ['é']],
  ])('%j → %j', (chunks, lines) => {
    expect(read(chunks).lines).toEqual(lines);
  });

  it('hands on each line as the bytes it arrived as, newline included', () => {
    expect(read(['{"a":1}\n{"b":', '2}\r\n', '\n{"c":"é"}']).raws).toEqual([
      '{"a":1}\n',
      '{"b":2}\r\n',
      '{"c":"é"}\n',
    ]);
  });

  it('drops a line over the limit, reports its head and size, and reads on', () => {
    const big = `{"id":5,"x":"${'y'.repeat(100)}"}`;
    const result = read(['ok\n', big.slice(0, 50), big.slice(50), '\nnext\n']);
    expect(result.lines).toEqual(['ok', 'next']);
    expect(result.oversize).toHaveLength(1);
    expect(result.oversize[0]?.[0].startsWith('{"id":5')).toBe(true);
    expect(result.oversize[0]?.[1]).toBe(big.length);
    // The same line arriving whole in one chunk.
    expect(read([`${big}\nnext\n`]).oversize).toEqual([[big, big.length]]);
    expect(read([`${big}\nnext\n`]).lines).toEqual(['next']);
  });
});
