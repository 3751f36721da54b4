import { describe, expect, it } from 'vitest';
import { unescape } from './escapes.js';

describe('unescape', () => {
  it.each([
    ['\\x72m -rf ~', 'rm -rf ~'],
    ['\\0162m -rf ~', 'rm -rf ~'],
    ['\\162m -rf ~', 'rm -rf ~'],
    ['a\\nb\\tc\\rd', 'a\nb\tc\rd'],
    ['it\\\'s \\"x\\"', 'it\'s "x"'],
    ['r\\em', 'rm'],
    ['r\\am\\0', 'rm'],
    ['ends\\', 'ends'],
    // left to right: an escaped backslash is not the start of the next escape
    ['\\\\x72', '\\x72'],
    ['\\\\n', '\\n'],
    ['plain text', 'plain text'],
  ])('%j → %j', (text, expected) => {
    expect(unescape(text)).toBe(expected);
  });
});
