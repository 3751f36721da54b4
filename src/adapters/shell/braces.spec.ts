import { describe, expect, it } from 'vitest';
import { expandBraces } from './braces.js';

describe('expandBraces', () => {
  it.each([
    ['plain', ['plain']],
    ['{a,b}', ['a', 'b']],
    ['x{a,b}y', ['xay', 'xby']],
    ['{a,{b,c}}', ['a', 'b', 'c']],
    ['{1..3}', ['1', '2', '3']],
    ['{3..1}', ['3', '2', '1']],
    ['{a..c}', ['a', 'b', 'c']],
    ['{a}', ['{a}']],
    ['{}', ['{}']],
    ['{1..a}', ['{1..a}']],
    ['{a,b}{c,d}', ['ac', 'ad', 'bc', 'bd']],
  ])('%s', (word, expected) => {
    expect(expandBraces(word)).toEqual(expected);
  });

  it('keeps a word that would expand to too many words as written', () => {
    expect(expandBraces('{1..100}{1..100}')).toEqual(['{1..100}{1..100}']);
  });
});
