import { describe, expect, it } from 'vitest';
import { COMMAND_LIMITS, tooBigToClassify, tooBigToRead, tookTooLong } from './limits.js';
import type { ParsedCommandLine, SimpleCommand } from './types.js';

const simple = (args: number): SimpleCommand => ({
  name: 'rm',
  source: 'rm',
  args: Array.from({ length: args }, () => 'x'),
  dynamicName: false,
  dynamicArgs: [],
  env: {},
  redirects: [],
  pipedFrom: [],
  wrappers: [],
  via: [],
});
const parsed = (commands: SimpleCommand[]): ParsedCommandLine => ({ commands, errors: [], unknowable: [] });

describe('tooBigToRead', () => {
  it.each([
    ['a long command', 'echo '.padEnd(COMMAND_LIMITS.maxChars + 1, 'a'), /characters long/],
    ['deep nesting', `echo ${'$('.repeat(40)}x${')'.repeat(40)}`, /nests 40 levels deep/],
    ['backquotes, counted as openings', `echo ${'`'.repeat(COMMAND_LIMITS.maxNesting + 1)}`, /nests/],
    ['many words', `rm ${'x '.repeat(COMMAND_LIMITS.maxWords)}`, /has 2049 words/],
    [
      'many separators, quoted or not',
      `echo '${'|'.repeat(COMMAND_LIMITS.maxSeparators + 1)}'`,
      /separators/,
    ],
  ])('refuses %s', (_name, command, reason) => {
    expect(tooBigToRead(command)).toMatch(reason);
  });

  it.each([
    ['an ordinary command', 'kubectl --context prod-eu delete namespace payments'],
    ['a command at the length cap', 'echo '.padEnd(COMMAND_LIMITS.maxChars, 'a')],
    ['balanced nesting at the cap', `echo ${'$('.repeat(32)}x${')'.repeat(32)}`],
    ['many closed groups one after another', 'f() { (a); (b); }; '.repeat(20)],
  ])('reads %s', (_name, command) => {
    expect(tooBigToRead(command)).toBeUndefined();
  });
});

describe('tooBigToClassify', () => {
  it('refuses more commands or arguments than the caps', () => {
    const many = Array.from({ length: COMMAND_LIMITS.maxCommands + 1 }, () => simple(0));

    expect(tooBigToClassify(parsed(many))).toMatch(/runs 129 commands/);
    expect(tooBigToClassify(parsed([simple(COMMAND_LIMITS.maxArguments + 1)]))).toMatch(/1025 arguments/);
    expect(tooBigToClassify(parsed([simple(COMMAND_LIMITS.maxArguments)]))).toBeUndefined();
  });
});

describe('tookTooLong', () => {
  it('says so only past the time budget', () => {
    expect(tookTooLong(100, 100 + COMMAND_LIMITS.maxMillis)).toBeUndefined();
    expect(tookTooLong(100, 150)).toMatch(/took 50 ms, more than the 40 ms/);
  });
});
