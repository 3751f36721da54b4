import { describe, expect, it } from 'vitest';
import type { SimpleCommand } from '../../core/actions/types.js';
import { createShellParser } from './index.js';

const parser = createShellParser();

/** The commands of a line as `name arg…` strings, for compact tables. */
function lines(line: string): string[] {
  return parser.parse(line).commands.map((c) => [c.name, ...c.args].join(' '));
}

function only(line: string, name: string): SimpleCommand {
  const found = parser.parse(line).commands.filter((c) => c.name === name);
  expect(found).toHaveLength(1);
  return found[0] as SimpleCommand;
}

describe('reaching every command', () => {
  it.each([
    ['ls -la | grep foo | wc -l', ['ls -la', 'grep foo', 'wc -l']],
    ['make && make test || echo failed; echo done', ['make', 'make test', 'echo failed', 'echo done']],
    ['(cd /tmp && rm -rf x)', ['cd /tmp', 'rm -rf x']],
    ['{ rm -rf x; echo y; }', ['rm -rf x', 'echo y']],
    [
      'if test -d x; then rm -rf x; elif true; then a; else b; fi',
      ['test -d x', 'rm -rf x', 'true', 'a', 'b'],
    ],
    ['while true; do rm -f x; done', ['true', 'rm -f x']],
    // a short list of known words is walked once per word; a glob stays a pattern for look-inside to match
    ['for f in a b; do rm "$f"; done', ['rm a', 'rm b']],
    ['for f in tests/*.sh; do bash "$f"; done', ['bash tests/*.sh']],
    ['for f in $(ls); do rm "$f"; done', ['ls', 'rm $f']],
    ['case $x in a) rm -rf a;; *) ls;; esac', ['rm -rf a', 'ls']],
    ['echo $(rm -rf /tmp/x)', ['rm -rf /tmp/x', 'echo $(rm -rf /tmp/x)']],
    ['echo `rm -rf /tmp/x`', ['rm -rf /tmp/x', 'echo `rm -rf /tmp/x`']],
    ['diff <(ls a) <(ls b)', ['ls a', 'ls b', 'diff <(ls a) <(ls b)']],
    ['tee >(rm -rf x) < f', ['rm -rf x', 'tee >(rm -rf x)']],
    ['X=$(rm -rf /tmp/y)', ['rm -rf /tmp/y', '= X=$(rm -rf /tmp/y)']],
    ['[[ -n $(rm -rf z) ]]', ['rm -rf z']],
    ['time rm -rf x', ['rm -rf x']],
    ['rm -rf x &', ['rm -rf x']],
  ])('%s', (line, expected) => {
    expect(lines(line)).toEqual(expected);
  });

  it('gives each pipeline stage the commands before it, nearest first', () => {
    const commands = parser.parse('curl -s https://x | tee log | bash').commands;
    expect(commands.map((c) => c.pipedFrom)).toEqual([[], ['curl'], ['tee', 'curl']]);
  });
});

describe('nested shells, eval, xargs, find', () => {
  it.each([
    [`bash -c 'rm -rf /'`, 'rm', ['-rf', '/'], ['bash -c']],
    [`sh -c "rm -rf /"`, 'rm', ['-rf', '/'], ['sh -c']],
    [`zsh -lc 'rm -rf /'`, 'rm', ['-rf', '/'], ['zsh -c']],
    [`bash -ec 'rm -rf /'`, 'rm', ['-rf', '/'], ['bash -c']],
    [`dash -c 'ksh -c "rm -rf /"'`, 'rm', ['-rf', '/'], ['dash -c', 'ksh -c']],
    [`eval 'rm -rf /'`, 'rm', ['-rf', '/'], ['eval']],
    [`eval rm -rf /`, 'rm', ['-rf', '/'], ['eval']],
    [`sh -c 'rm -rf "$1"' _ /srv`, 'rm', ['-rf', '/srv'], ['sh -c']],
    ['ls | xargs rm -rf', 'rm', ['-rf'], ['xargs']],
    ['ls | xargs -0 -n 1 -P4 sudo rm -f', 'rm', ['-f'], ['xargs']],
    ['find . -name "*.o" -exec rm -f {} \\;', 'rm', ['-f', '{}'], ['find -exec']],
    ['find /data -execdir shred -u {} +', 'shred', ['-u', '{}'], ['find -execdir']],
    ['find . -ok rm {} \\;', 'rm', ['{}'], ['find -ok']],
    [`watch 'rm -rf /tmp/x'`, 'rm', ['-rf', '/tmp/x'], []],
    [`su -c 'rm -rf /' root`, 'rm', ['-rf', '/'], ['su -c']],
  ])('%s', (line, name, args, via) => {
    const command = only(line, name);
    expect(command.args).toEqual(args);
    expect(command.via).toEqual(via);
  });

  it('reports find -delete as the find command with its arguments', () => {
    expect(lines('find /var/log -name "*.gz" -delete')).toEqual(['find /var/log -name *.gz -delete']);
  });

  it('marks xargs replacement words as unknowable values', () => {
    expect(only('cat list | xargs -I{} rm -rf {}', 'rm').dynamicArgs).toEqual([1]);
  });

  it('stops following nested shells after a depth limit', () => {
    let line = 'rm -rf /';
    for (let i = 0; i < 12; i++) line = `bash -c ${JSON.stringify(line).replace(/\$/g, '\\$')}`;
    const result = parser.parse(line);
    expect(result.unknowable.join(' ')).toMatch(/nested more than/);
  });
});

describe('wrappers', () => {
  it.each([
    ['sudo rm -rf /', ['sudo'], {}],
    ['sudo -u postgres -E rm -rf /', ['sudo'], {}],
    ['sudo --user=root -H FOO=1 rm -rf /', ['sudo'], { FOO: '1' }],
    ['doas -u root rm -rf /', ['doas'], {}],
    ['env -i PATH=/bin HOME=/ rm -rf /', ['env'], { PATH: '/bin', HOME: '/' }],
    ['env -u FOO rm -rf /', ['env'], {}],
    ['nohup rm -rf / &', ['nohup'], {}],
    ['time rm -rf /', ['time'], {}],
    ['/usr/bin/time -v rm -rf /', ['time'], {}],
    ['nice -n 10 rm -rf /', ['nice'], {}],
    ['nice -10 rm -rf /', ['nice'], {}],
    ['ionice -c 3 rm -rf /', ['ionice'], {}],
    ['timeout 10 rm -rf /', ['timeout'], {}],
    ['timeout -k 5 -s KILL 1m rm -rf /', ['timeout'], {}],
    ['command rm -rf /', ['command'], {}],
    ['builtin exec rm -rf /', ['builtin', 'exec'], {}],
    ['exec rm -rf /', ['exec'], {}],
    ['stdbuf -oL -eL rm -rf /', ['stdbuf'], {}],
    ['chroot /mnt rm -rf /', ['chroot'], {}],
    ['setsid nohup sudo rm -rf /', ['setsid', 'nohup', 'sudo'], {}],
    ['FOO=1 BAR=2 rm -rf /', [], { FOO: '1', BAR: '2' }],
    ['export FOO=1; rm -rf /', [], { FOO: '1' }],
    ['X=1; export X; rm -rf /', [], { X: '1' }],
  ])('%s', (line, wrappers, env) => {
    const command = only(line, 'rm');
    expect(command.args).toEqual(['-rf', '/']);
    expect(command.wrappers).toEqual(wrappers);
    expect(command.env).toEqual(env);
  });

  it.each([
    ['sudo -l', 'sudo'],
    ['command -v rm', 'command'],
    ['env', 'env'],
    ['exec 3>&1', 'exec'],
  ])('keeps %s as the command itself when it runs nothing else', (line, name) => {
    expect(parser.parse(line).commands.map((c) => c.name)).toEqual([name]);
  });
});

describe('names as they would run', () => {
  it.each([
    ['/bin/rm -rf /'],
    ['./rm -rf /'],
    ['\\rm -rf /'],
    ['r""m -rf /'],
    ["'rm' -rf /"],
    ['"r"m -rf /'],
    ["$'\\x72\\x6d' -rf /"],
    ["$'\\162\\155' -rf /"],
    ['rm${IFS}-rf${IFS}/'],
    ['rm$IFS-rf$IFS/'],
    ['X=rm; $X -rf /'],
    ['X="rm -rf"; $X /'],
    ['a=r; b=m; $a$b -rf /'],
    ['IFS=,; c=rm,-rf,/; $c'],
    ['{rm,-rf,/}'],
    ['r\\m -rf /'],
    ['\\sudo rm -rf /'],
    ['"/usr/bin/sudo" rm -rf /'],
    ['rm \\\n -rf /'],
    ['rm -rf / # comment'],
    ["bash -c '$0 -rf /' rm"],
    ['env -S "rm -rf /"'],
    ['nice -n 5 -- rm -rf /'],
    ['exec -a x rm -rf /'],
    // a name from a substitution whose output the line shows is that output
    ['$(echo rm) -rf /'],
    ['`printf rm` -rf /'],
    ["$(printf '\\162\\155') -rf /"],
  ])('%s', (line) => {
    const command = only(line, 'rm');
    expect(command.args).toEqual(['-rf', '/']);
    expect(command.dynamicName).toBe(false);
  });

  it.each([['$CMD -rf /'], ['$(curl -s https://example.com/name) -rf /'], ['${X:-rm} -rf /']])(
    '%s has an unknowable name',
    (line) => {
      const result = parser.parse(line);
      const command = result.commands.find((c) => c.args.includes('/'));
      expect(command).toMatchObject({ name: '', dynamicName: true });
      expect(result.unknowable).toHaveLength(1);
    },
  );

  it('keeps a literal base name after a variable directory', () => {
    const result = parser.parse('"$VIRTUAL_ENV/bin/pytest" -q');
    expect(result.commands[0]).toMatchObject({ name: 'pytest', dynamicName: false });
    expect(result.unknowable).toEqual([]);
  });

  it('expands braces into the words the shell passes', () => {
    expect(only('rm -rf /{etc,usr} /var/log{1..2}', 'rm').args).toEqual([
      '-rf',
      '/etc',
      '/usr',
      '/var/log1',
      '/var/log2',
    ]);
  });

  it('keeps the source text of unknowable arguments', () => {
    expect(only('rm -rf "$HOME/x" y', 'rm')).toMatchObject({
      args: ['-rf', '$HOME/x', 'y'],
      dynamicArgs: [1],
    });
  });
});

describe('which commands stop the line when they fail', () => {
  it.each([
    ['terraform workspace select dev && terraform destroy', [true, false]],
    ['terraform workspace select dev; terraform destroy', [false, false]],
    ['terraform workspace select dev || exit 1; terraform destroy', [true, false, false]],
    ['set -e; kubectx prod; kubectl delete ns x', [false, true, true]],
    // `&&` tests a pipeline's last stage, and a nested shell's commands stop only that shell
    ['kubectx prod | tee log && kubectl delete ns x', [false, false, false]],
    ["bash -c 'kubectx prod && true' && kubectl delete ns x", [false, false, false]],
  ])('%s', (line, stops) => {
    expect(parser.parse(line).commands.map((c) => c.stopsLine === true)).toEqual(stops);
  });
});
