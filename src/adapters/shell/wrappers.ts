import { ENV_ASSIGNMENT, hasShortFlag, skipOptions, takeAssignments } from './options.js';
import type { Field, Invocation } from './state.js';

/**
 * A wrapper runs another command given in its arguments. It returns the words of that command,
 * or undefined when this invocation runs nothing else (`sudo -l`, `command -v x`, bare `time`).
 */
type Unwrap = (words: readonly Field[], inv: Invocation) => Field[] | undefined;

function after(index: number, words: readonly Field[]): Field[] | undefined {
  return index < words.length ? words.slice(index) : undefined;
}

function simple(short: string, long: readonly string[] = [], numeric = false): Unwrap {
  return (words) => after(skipOptions(words, 1, { short, long, numeric }), words);
}

function sudo(words: readonly Field[], inv: Invocation): Field[] | undefined {
  const long = [
    '--user',
    '--group',
    '--host',
    '--prompt',
    '--close-from',
    '--chdir',
    '--role',
    '--type',
    '--other-user',
    '--command-timeout',
    '--chroot',
  ];
  const start = skipOptions(words, 1, { short: 'ugpCDrtUTRh', long });
  // sudo -e edits files, -l/-v/-k manage credentials: none of them run a command from the arguments.
  if (
    hasShortFlag(words, 1, start, 'e') ||
    words.some((w, i) => i < start && (w.value === '--edit' || w.value === '--list'))
  )
    return undefined;
  return after(takeAssignments(words, start, inv.env), words);
}

function env(words: readonly Field[], inv: Invocation): Field[] | undefined {
  let i = 1;
  const extra: Field[] = [];
  while (i < words.length) {
    const w = words[i]?.value ?? '';
    if (w === '--') {
      i++;
      break;
    }
    if (
      w === '-S' ||
      w === '--split-string' ||
      w.startsWith('--split-string=') ||
      (w.startsWith('-S') && w.length > 2)
    ) {
      const text =
        w === '-S' || w === '--split-string'
          ? (words[++i]?.value ?? '')
          : w.slice(w.indexOf(w.startsWith('-S') ? 'S' : '=') + 1);
      for (const part of text.split(/\s+/)) if (part !== '') extra.push({ value: part, dynamic: false });
      i++;
      continue;
    }
    if (w === '-u' || w === '--unset' || w.startsWith('--unset=')) {
      // Gone for the command, also when set before `env` (`FOO=1 env -u FOO cmd`, an earlier `export`).
      const name = w.startsWith('--unset=') ? w.slice('--unset='.length) : (words[++i]?.value ?? '*');
      (inv.unset ??= []).push(name);
      delete inv.env[name];
      i++;
      continue;
    }
    if (w === '-i' || w === '--ignore-environment' || w === '-') {
      // Nothing of the environment reaches the command, nor what the line exported before.
      (inv.unset ??= []).push('*');
      for (const name of Object.keys(inv.env)) delete inv.env[name];
      i++;
      continue;
    }
    if (w === '-C' || w === '--chdir') {
      i += 2;
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      i++;
      continue;
    }
    break;
  }
  const start = takeAssignments(words, i, inv.env, ENV_ASSIGNMENT);
  const rest = [...extra, ...words.slice(start)];
  return rest.length > 0 ? rest : undefined;
}

function timeout(words: readonly Field[]): Field[] | undefined {
  const start = skipOptions(words, 1, { short: 'sk', long: ['--signal', '--kill-after'] });
  return after(start + 1, words);
}

function command(words: readonly Field[]): Field[] | undefined {
  const start = skipOptions(words, 1, { short: '' });
  // `command -v x` only looks x up.
  if (hasShortFlag(words, 1, start, 'v') || hasShortFlag(words, 1, start, 'V')) return undefined;
  return after(start, words);
}

function ionice(words: readonly Field[]): Field[] | undefined {
  const start = skipOptions(words, 1, {
    short: 'cnpPu',
    long: ['--class', '--classdata', '--pid', '--pgid', '--uid'],
  });
  if (hasShortFlag(words, 1, start, 'p') || hasShortFlag(words, 1, start, 'P')) return undefined;
  return after(start, words);
}

function chroot(words: readonly Field[]): Field[] | undefined {
  const start = skipOptions(words, 1, { short: '', long: ['--userspec', '--groups'] });
  return after(start + 1, words);
}

function flock(words: readonly Field[]): Field[] | undefined {
  const start = skipOptions(words, 1, {
    short: 'wEc',
    long: ['--timeout', '--conflict-exit-code', '--command'],
  });
  return after(start + 1, words);
}

function taskset(words: readonly Field[]): Field[] | undefined {
  const start = skipOptions(words, 1, { short: '' });
  if (hasShortFlag(words, 1, start, 'p')) return undefined;
  return after(start + 1, words);
}

function chrt(words: readonly Field[]): Field[] | undefined {
  const start = skipOptions(words, 1, {
    short: 'TPD',
    long: ['--sched-runtime', '--sched-period', '--sched-deadline'],
  });
  // -p works on a running process and -m lists priorities: neither runs a command
  if (hasShortFlag(words, 1, start, 'p') || hasShortFlag(words, 1, start, 'm')) return undefined;
  return after(start + 1, words);
}

function systemdRun(words: readonly Field[]): Field[] | undefined {
  const long = [
    '--unit',
    '--property',
    '--setenv',
    '--description',
    '--slice',
    '--machine',
    '--host',
    '--uid',
    '--gid',
    '--nice',
    '--working-directory',
    '--service-type',
    '--timer-property',
    '--path-property',
    '--socket-property',
    '--on-active',
    '--on-boot',
    '--on-startup',
    '--on-unit-active',
    '--on-unit-inactive',
    '--on-calendar',
  ];
  return after(skipOptions(words, 1, { short: 'upEMH', long }), words);
}

/** Commands that run another command given in their arguments, keyed by name. */
export const WRAPPERS: ReadonlyMap<string, Unwrap> = new Map<string, Unwrap>([
  ['sudo', sudo],
  ['doas', simple('uC')],
  ['env', env],
  ['nohup', simple('')],
  ['time', simple('of', ['--output', '--format'])],
  ['nice', simple('n', ['--adjustment'], true)],
  ['ionice', ionice],
  ['timeout', timeout],
  ['gtimeout', timeout],
  ['command', command],
  ['builtin', (words) => after(1, words)],
  ['exec', simple('a')],
  ['stdbuf', simple('ioe', ['--input', '--output', '--error'])],
  ['chroot', chroot],
  ['setsid', simple('')],
  ['unbuffer', simple('')],
  ['flock', flock],
  ['taskset', taskset],
  ['busybox', (words) => after(1, words)],
  ['runuser', simple('ugGw', ['--user', '--group', '--supp-group', '--whitelist-environment'])],
  ['caffeinate', simple('tw')],
  ['nsenter', simple('tSG', ['--target', '--setuid', '--setgid'])],
  [
    'unshare',
    simple('SGRw', [
      '--setuid',
      '--setgid',
      '--root',
      '--wd',
      '--propagation',
      '--setgroups',
      '--map-user',
      '--map-group',
      '--map-users',
      '--map-groups',
    ]),
  ],
  ['chrt', chrt],
  ['firejail', simple('')],
  ['proxychains', simple('f')],
  ['proxychains4', simple('f')],
  ['torsocks', simple('upaP', ['--user', '--pass', '--address', '--port'])],
  ['systemd-run', systemdRun],
]);
