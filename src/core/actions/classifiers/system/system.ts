import type { ActionSurroundings, CommandClassifier, Operation, SimpleCommand } from '../../types.js';
import { hasFlag, positionals } from '../args.js';
import { markedLocal } from '../local-target.js';
import { operation } from '../operation.js';

/** A destructive operation on the machine itself; `localTarget` marks a disposable local one (a simulator, a VM). */
export function systemOp(
  command: SimpleCommand,
  kind: Operation['kind'],
  target: string,
  summary: string,
  reversible = false,
  localTarget?: string,
): Operation {
  return operation(command, {
    kind,
    category: 'system',
    destructive: true,
    reversible,
    target,
    summary,
    hints: markedLocal({ local: true }, localTarget),
  });
}

/** shutdown / reboot / halt / poweroff / init 0|6 / systemctl power verbs. */
export const classifyPower: CommandClassifier = (command) => {
  if (hasFlag(command.args, ['--help', '--version'], '')) return [];
  if (command.name === 'init' || command.name === 'telinit') {
    const level = command.args[0];
    return level === '0' || level === '6'
      ? [systemOp(command, 'stop', 'the machine', `init ${level} stops the machine`, true)]
      : [];
  }
  if (command.name === 'shutdown' && command.args.includes('-c')) return [];
  return [systemOp(command, 'stop', 'the machine', `${command.name} stops the machine`, true)];
};

const SYSTEMCTL_POWER = new Set(['poweroff', 'reboot', 'halt', 'kexec', 'rescue', 'emergency']);
const SYSTEMCTL_STOP = new Set(['stop', 'disable', 'mask', 'kill']);

/** systemctl / service: powering off, or stopping and disabling services. */
export const classifyServiceControl: CommandClassifier = (command) => {
  const words = positionals(command.args);
  if (command.name === 'service') {
    const [unit, verb] = words;
    return verb === 'stop' && unit !== undefined
      ? [systemOp(command, 'stop', unit, `service ${unit} stop`, true)]
      : [];
  }
  const verb = words[0] ?? '';
  if (SYSTEMCTL_POWER.has(verb))
    return [systemOp(command, 'stop', 'the machine', `systemctl ${verb} stops the machine`, true)];
  if (SYSTEMCTL_STOP.has(verb)) {
    const units = words.slice(1).join(' ') || 'a service';
    return [systemOp(command, 'stop', units, `systemctl ${verb} ${units}`, true)];
  }
  return [];
};

/** crontab -r removes every scheduled job without asking. */
export const classifyCrontab: CommandClassifier = (command) => {
  if (hasFlag(command.args, [], 'r'))
    return [systemOp(command, 'delete', 'the crontab', 'crontab -r deletes every scheduled job')];
  // `echo '' | crontab -`, `crontab /dev/null`: the table replaced by nothing
  const file = command.args.filter((a) => !a.startsWith('-') || a === '-').at(-1);
  const empty =
    file === '/dev/null' ||
    ((file === '-' || file === undefined) &&
      command.stdin !== undefined &&
      command.stdin.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#')));
  return empty
    ? [systemOp(command, 'delete', 'the crontab', 'crontab replaces every scheduled job with nothing')]
    : [];
};

/**
 * Taking the network down: `ip link set eth0 down`, `ifdown`, `ifconfig eth0 down`, `nmcli networking off`, a
 * route flushed, or `tc … netem loss 100%`. The machine stops answering; nothing is deleted, so it is held.
 */
export const classifyNetworkDown: CommandClassifier = (command) => {
  const a = command.args;
  const words = a.join(' ');
  let down = false;
  switch (command.name) {
    case 'ip':
      down =
        /\blink set\b.*\bdown\b/.test(words) ||
        /\b(addr|address|route|neigh)\s+flush\b/.test(words) ||
        /\broute\s+(del|delete)\s+default\b/.test(words);
      break;
    case 'ifdown':
      down = !hasFlag(a, ['--help', '--no-act'], 'n');
      break;
    case 'ifconfig':
      down = a.includes('down');
      break;
    case 'nmcli':
      down =
        /\b(networking|radio\s+\w+)\s+off\b|\b(con|connection)\s+down\b|\b(dev|device)\s+disconnect\b/.test(
          words,
        );
      break;
    case 'tc':
      down =
        /\bnetem\b.*\bloss\s+100(\.0+)?%?/.test(words) ||
        /\bqdisc\s+(add|replace|change)\b.*\bdrop\b/.test(words);
      break;
  }
  return down
    ? [
        systemOp(
          command,
          'stop',
          'the network',
          `${command.name} ${a.join(' ')} takes the network down`,
          true,
        ),
      ]
    : [];
};

/** Kernel settings that switch a protection off when set to these values. */
const KERNEL_SAFEGUARDS: Record<string, RegExp> = {
  'kernel.randomize_va_space': /^0$/,
  'kernel.kptr_restrict': /^0$/,
  'kernel.dmesg_restrict': /^0$/,
  'kernel.yama.ptrace_scope': /^0$/,
  'kernel.unprivileged_bpf_disabled': /^0$/,
  'kernel.perf_event_paranoid': /^-1$/,
  'fs.protected_symlinks': /^0$/,
  'fs.protected_hardlinks': /^0$/,
  'fs.protected_regular': /^0$/,
  'fs.suid_dumpable': /^[12]$/,
  'net.ipv4.tcp_syncookies': /^0$/,
};

/** `sysctl -w kernel.randomize_va_space=0`: a kernel protection switched off. */
export const classifySysctl: CommandClassifier = (command) => {
  const ops: Operation[] = [];
  for (const arg of command.args) {
    const [key, value] = arg.split('=', 2);
    if (key === undefined || value === undefined) continue;
    const normalised = key.replace(/\//g, '.');
    const off = KERNEL_SAFEGUARDS[normalised] ?? (/\.rp_filter$/.test(normalised) ? /^0$/ : undefined);
    if (off?.test(value.trim()))
      ops.push(
        systemOp(
          command,
          'permission-change',
          normalised,
          `sysctl sets ${normalised}=${value}, switching a kernel protection off`,
          true,
        ),
      );
  }
  return ops;
};

/** `passwd -d root`: an account left with no password at all. */
export const classifyPasswd: CommandClassifier = (command) =>
  hasFlag(command.args, ['--delete'], 'd')
    ? [
        systemOp(
          command,
          'permission-change',
          command.args.filter((x) => !x.startsWith('-')).at(-1) ?? 'the account',
          `passwd -d removes the password of ${command.args.filter((x) => !x.startsWith('-')).at(-1) ?? 'the account'}: anyone can log in`,
          true,
        ),
      ]
    : [];

/** Package removals said by a flag rather than a subcommand: `rpm -e`, `pacman -R…`, `dpkg -r|-P`. */
export const classifyPackageRemoval: CommandClassifier = (command) => {
  const a = command.args;
  const simulated =
    (command.name === 'rpm' && a.includes('--test')) ||
    (command.name === 'pacman' && hasFlag(a, ['--print'], 'p')) ||
    (command.name === 'dpkg' && a.some((x) => /^--(no-act|dry-run|simulate)$/.test(x)));
  const removes =
    (command.name === 'rpm' &&
      (a.includes('--erase') || a.some((x) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(x) && !x.startsWith('--')))) ||
    (command.name === 'pacman' && a.some((x) => /^-R[a-zA-Z]*$/.test(x) || x === '--remove')) ||
    (command.name === 'dpkg' && a.some((x) => /^-[rP]$|^--(remove|purge)$/.test(x)));
  if (!removes || simulated) return [];
  const packages = a.filter((x) => !x.startsWith('-'));
  return [
    systemOp(
      command,
      'delete',
      packages.join(' ') || 'packages',
      `${command.name} removes the system package${packages.length === 1 ? '' : 's'} ${packages.join(' ')}`,
      true,
    ),
  ];
};

/** iptables/ip6tables -F, nft flush ruleset, ufw disable/reset: firewall flushes. */
export const classifyFirewall: CommandClassifier = (command) => {
  const args = command.args;
  let flush = false;
  if (command.name === 'nft')
    flush = args.includes('flush') || (args.includes('delete') && args.includes('table'));
  else if (command.name === 'ufw') flush = args.includes('disable') || args.includes('reset');
  else
    flush =
      hasFlag(args, ['--flush', '--delete-chain', '--zero'], 'FX') ||
      (args.includes('-P') && args.includes('ACCEPT'));
  return flush
    ? [
        systemOp(
          command,
          'delete',
          'firewall rules',
          `${command.name} ${args.join(' ')} removes firewall rules`,
        ),
      ]
    : [];
};

const CRITICAL_PROCESSES =
  /^(sshd|init|systemd|dockerd|containerd|kubelet|postgres|mysqld|mongod|redis-server|nginx|java|launchd)$/;

// `kill $(pgrep -f x)` and `pgrep -f x | xargs kill` (which the parser turns into the former) kill what
// `pkill -f x` would; `kill $(pidof x)` what `killall x` would.
const LOOKUP = /^(?:\$\(|`)\s*(pgrep|pidof)\s+([^|;&`)]*?)\s*(?:\)|`)$/;

function lookedUp(command: SimpleCommand, arg: string, surroundings: ActionSurroundings): Operation[] {
  const found = LOOKUP.exec(arg);
  if (found === null) return [];
  const words = (found[2] ?? '').match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const args = words.map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
  return classifyKill({ ...command, name: found[1] === 'pidof' ? 'killall' : 'pkill', args }, surroundings);
}

/** kill -1 / killall / pkill: only broad or critical kills are destructive. */
export const classifyKill: CommandClassifier = (command, surroundings) => {
  const args = command.args;
  if (command.name === 'killall5')
    return [systemOp(command, 'stop', 'all processes', 'killall5 signals every process', true)];
  if (command.name === 'kill') {
    // the first option is the signal (or `-s SIG`); what follows are process ids, and -1 means all of them
    const first = args[0] ?? '';
    const start = first === '-s' || first === '-n' ? 2 : first.startsWith('-') && args.length > 1 ? 1 : 0;
    const all = args.slice(start).some((a) => a === '-1' || a === '0');
    if (all)
      return [
        systemOp(command, 'stop', 'all processes', `kill ${args.join(' ')} signals every process`, true),
      ];
    return args.slice(start).flatMap((a) => lookedUp(command, a, surroundings));
  }
  const byUser = hasFlag(args, ['--user'], 'u');
  const patterns = positionals(
    args,
    new Set(['-u', '--user', '-s', '--signal', '-t', '-g', '-P', '-U', '-G']),
  );
  const broad =
    byUser ||
    patterns.length === 0 ||
    patterns.some((p) => /^(\.|\.\*|\^|\$|\*|\.\+)$/.test(p) || CRITICAL_PROCESSES.test(p));
  return broad
    ? [
        systemOp(
          command,
          'stop',
          patterns.join(' ') || 'processes',
          `${command.name} ${args.join(' ')} stops a broad or critical set of processes`,
          true,
        ),
      ]
    : [];
};
