import { describe, expect, it } from 'vitest';
import { LineReader } from './line-reader.js';

function read(chunks: string[], max = 64): { lines: string[]; oversize: [string, number][] } {
  const lines: string[] = [];
  const oversize: [string, number][] = [];
  const reader = new LineReader(max, {
    line: (text) => lines.push(text),
    oversize: (head, bytes) => oversize.push([head, bytes]),
  });
  for (const chunk of chunks) reader.push(Buffer.from(chunk));
  reader.end();
  return { lines, oversize };
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

  it('drops a line over the limit, reports its head and size, and reads on', () => {
    const big = `{"id":5,"x":"${'y'.repeat(100)}"}`;
    const result = read(['ok\n', big.slice(0, 50), big.slice(50), '\nnext\n']);
    expect(result.lines).toEqual(['ok', 'next']);
    expect(result.oversize).toHaveLength(1);
    expect(result.oversize[0]?.[0].startsWith('{"id":5')).toBe(true);
    expect(result.oversize[0]?.[1]).toBe(big.length);
  });
});
