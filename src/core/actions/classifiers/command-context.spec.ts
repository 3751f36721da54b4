import { describe, expect, it } from 'vitest';
import type { SimpleCommand } from '../types.js';
import { cmd, cmdArgs, surroundings } from './command-factory.js';
import { classifyCommand } from './index.js';
import { commandSurroundings, UNKNOWN_DIR } from './paths.js';
import type { SqlAnalyzer } from './sql-analyzer.js';

// What a command's place on the line adds: the directory an earlier `cd` moved to, pids found by pgrep,
// and bare assignments (the `=` command).

const deps = { sql: { analyze: () => ({ statements: [], errors: [] }) } satisfies SqlAnalyzer };
const here = surroundings();

function destructive(command: SimpleCommand): boolean {
  return classifyCommand(command, here, deps).some((op) => op.destructive);
}

describe('commandSurroundings', () => {
  it.each([
    [{}, '/home/dev/project'],
    [{ cwd: '/etc' }, '/etc'],
    [{ cwd: '~' }, '/home/dev'],
    [{ cwd: '~/code' }, '/home/dev/code'],
    [{ cwd: 'src/..' }, '/home/dev/project'],
    [{ cwd: '..' }, '/home/dev'],
    [{ cwd: '$X', cwdUnknown: true }, UNKNOWN_DIR],
    [{ cwd: '/etc', remote: { kind: 'ssh' as const, host: 'h' } }, '/home/dev/project'],
  ])('%j runs in %s', (extra, cwd) => {
    expect(commandSurroundings(cmd('ls', extra), here).cwd).toBe(cwd);
  });
});

describe('paths resolve where the command runs', () => {
  it.each([
    [cmd('rm -rf *', { cwd: '/' }), true],
    [cmd('rm -rf *', { cwd: '~' }), true],
    [cmd('rm -rf mysql', { cwd: '/var/lib' }), true],
    [cmd('rm -rf build', { cwd: '$X', cwdUnknown: true }), true],
    [cmd('rm -rf /tmp/x', { cwd: '$X', cwdUnknown: true }), false],
    [cmd('rm -rf *', { cwd: 'build' }), false],
    [cmd('rm -rf dist', { cwd: 'packages/app' }), false],
    [cmd('rm -rf x', { cwd: '/tmp' }), false],
    [cmd('echo', { cwd: '/etc', redirects: [{ op: '>', target: 'hosts' }] }), true],
    [cmd('git clean -fdx', { cwd: '/srv/app' }), true],
    [cmd('rm -rf .', { cwd: 'build' }), false],
    [cmd('rm -rf .', { cwd: 'build', cwdOtherwise: '' }), true],
    [cmd('rm -rf *', { cwd: '/tmp/x', cwdOtherwise: '~' }), true],
    [cmd('rm -rf *', { cwd: '/tmp/x', cwdOtherwise: 'build' }), false],
  ])('%j → destructive %s', (command, expected) => {
    expect(destructive(command)).toBe(expected);
  });
});

describe('kill of pids looked up by pgrep or pidof', () => {
  it.each([
    ['$(pgrep -f postgres)', true],
    ['$(pgrep -u dev)', true],
    ['`pidof sshd`', true],
    ['$(pgrep .)', true],
    ['$(pgrep -f "vite --port 5173")', false],
    ['$(pidof node)', false],
    ['$(cat app.pid)', false],
  ])('kill %s → destructive %s', (arg, expected) => {
    expect(destructive(cmdArgs('kill', ['-9', arg], { dynamicArgs: [1] }))).toBe(expected);
  });
});

describe('bare assignments (the `=` command)', () => {
  it.each([
    [['BLASTWALL_AGENT=human'], true],
    [['X=1', 'BLASTWALL_CACHE=off'], true],
    [['HUSKY=0'], true],
    [['X=1'], false],
    [['NODE_ENV=production'], false],
  ])('%j → self-protection %s', (args, expected) => {
    const ops = classifyCommand(cmdArgs('=', args), here, deps);
    expect(ops.some((op) => op.selfProtection === true)).toBe(expected);
    expect(ops.every((op) => op.category === 'self-protection')).toBe(true);
  });
});
