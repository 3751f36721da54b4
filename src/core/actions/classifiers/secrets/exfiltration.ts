import { isLoopback } from '../../environment.js';
import type { ActionSurroundings, Operation, ShellParser, SimpleCommand } from '../../types.js';
import { urlHost } from '../args.js';
import { operation } from '../operation.js';
import { secretsPrinted } from './reads.js';
import { inputFiles, pathWords, SECRET_VARIABLE, secretPlace } from './places.js';
import { PLATFORM_CLIS, SECRET_STORES, secretValueOf } from './values.js';

// Secrets leaving the machine: a command that sends a secret file, the environment or a secrets store's
// values to another machine (a network client fed a pipe or a file, a copy to a remote place). What it sends
// cannot be called back, and the agent chose where it goes: it is held like the read it contains, whatever
// the tool — the senders are told by how they take their data, not listed line by line.

/** What a command sends and where. */
interface Sending {
  /** Files it uploads (as written). */
  files: string[];
  /** True when it sends its standard input. */
  stdin: boolean;
  /** Where to, as far as the words tell ('' when they do not). */
  to: string;
}

const NOTHING: Sending = { files: [], stdin: false, to: '' };

/** Short curl options that take a value (so `-sd @-` is `-s -d @-`). */
const CURL_VALUED = 'dFTHXouAeEKbcrmwxyYzCUQtE';
const CURL_DATA = new Set(['d', 'F', 'T']);
const CURL_LONG_DATA = /^--(data|data-binary|data-ascii|data-urlencode|json|form|upload-file)$/;

function curlSending(args: readonly string[]): Sending {
  const data: { option: string; value: string }[] = [];
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const long = /^(--[\w-]+)(?:=(.*))?$/.exec(arg);
    if (long !== null) {
      const value = long[2] ?? (CURL_LONG_DATA.test(long[1] ?? '') ? args[++i] : undefined);
      if (CURL_LONG_DATA.test(long[1] ?? '') && value !== undefined)
        data.push({ option: long[1] ?? '', value });
      else if (long[2] === undefined && /^--(url|header|user|output|request|proxy|cookie)$/.test(arg)) {
        if (arg === '--url') urls.push(args[i + 1] ?? '');
        i++;
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j] ?? '';
        if (!CURL_VALUED.includes(letter)) continue;
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (CURL_DATA.has(letter) && value !== undefined) data.push({ option: `-${letter}`, value });
        break;
      }
      continue;
    }
    urls.push(arg);
  }
  const files: string[] = [];
  let stdin = false;
  for (const { option, value } of data) {
    let file: string | undefined;
    if (option === '-T' || option === '--upload-file') file = value;
    else if (option === '-F' || option === '--form') file = /^[^=]*=[@<]([^;]*)/.exec(value)?.[1];
    else file = /^[^@=]*@(.*)$/.exec(value)?.[1];
    if (file === undefined) continue;
    if (file === '-' || file === '.' || file === '/dev/stdin') stdin = true;
    else files.push(file);
  }
  return { files, stdin, to: urls.find((u) => u !== '') ?? '' };
}

function wgetSending(args: readonly string[]): Sending {
  const files: string[] = [];
  let stdin = false;
  for (let i = 0; i < args.length; i++) {
    const match = /^--(post|body)-file(?:=(.*))?$/.exec(args[i] ?? '');
    if (match === null) continue;
    const file = match[2] ?? args[++i] ?? '';
    if (file === '-' || file === '/dev/stdin') stdin = true;
    else files.push(file);
  }
  return { files, stdin, to: args.find((a) => /^[a-z]+:\/\//i.test(a)) ?? '' };
}

/** httpie and xh: `field@file`, `field=@file`, `field:=@file`, `@file`, and standard input when piped. */
function httpieSending(command: SimpleCommand): Sending {
  const files = command.args.flatMap((a) => {
    const file = /^(?:[^=@:-][^=@:]*(?::=|=)?)?@(.+)$/.exec(a)?.[1];
    return file !== undefined && !a.startsWith('-') ? [file] : [];
  });
  const ignores = command.args.some((a) => a === '--ignore-stdin' || a === '-I');
  const to = command.args.find((a) => !a.startsWith('-') && !/^[A-Z]+$/.test(a)) ?? '';
  return { files, stdin: !ignores, to };
}

/** Raw network clients: what they read on standard input goes over the wire. */
const RAW_CLIENTS = new Set([
  'nc',
  'ncat',
  'netcat',
  'telnet',
  'socat',
  'ssh',
  'mail',
  'mailx',
  'sendmail',
  'mutt',
]);

function rawSending(command: SimpleCommand): Sending {
  const args = command.args;
  if (command.name === 'ssh' && args.includes('-n')) return NOTHING;
  if (command.name === 'socat') {
    const files = args.flatMap((a) => /^(?:FILE|OPEN|GOPEN|CREATE):([^,]+)/i.exec(a)?.[1] ?? []);
    const stdin = args.some((a) => /^(-|STDIN|STDIO)(,|$)/i.test(a));
    const to = args.find((a) => /^(TCP|UDP|SSL|OPENSSL)[\w-]*:/i.test(a)) ?? '';
    return { files, stdin, to: to.replace(/^[\w-]+:/, '') };
  }
  const files = command.name === 'mutt' ? optionAll(args, '-a') : [];
  const to = args.find((a) => !a.startsWith('-') && !/^\d+$/.test(a)) ?? '';
  return { files, stdin: true, to };
}

function optionAll(args: readonly string[], name: string): string[] {
  return args.flatMap((a, i) => (args[i - 1] === name ? [a] : []));
}

/** Copiers to another machine: `scp`, `rsync`, `rclone`, `sftp`, `kubectl cp`, `gh gist create`. */
// (`docker cp .env app:/app/` stays on this machine: a local container is not another machine)
const LOCAL_CONTAINERS = new Set(['docker', 'podman', 'nerdctl', 'lxc', 'incus']);
const REMOTE_PATH = /^(?:[\w.-]+@)?[\w.-]+:(?!\/\/)/;
const REMOTE_URL =
  /^(s3|gs|az|abfss?|wasbs?|r2|b2|oss|cos|swift|ftp|ftps|sftp|scp|https?|webdav|dav|hdfs):\/\//i;
const VALUED: Record<string, ReadonlySet<string>> = {
  scp: new Set(['-i', '-F', '-o', '-P', '-l', '-c', '-J', '-S', '-D', '-X']),
  rsync: new Set(['-e', '--rsh', '--exclude', '--include', '-f', '--filter', '-T', '-B', '-M', '--port']),
};

function copySending(command: SimpleCommand): Sending {
  if (LOCAL_CONTAINERS.has(command.name)) return NOTHING;
  const valued = VALUED[command.name] ?? new Set<string>();
  const words: string[] = [];
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('-') && arg.length > 1) {
      if (valued.has(arg)) i++;
      continue;
    }
    words.push(arg);
  }
  if (command.name === 'gh') {
    const [group, verb, ...files] = words;
    return (group === 'gist' && (verb === 'create' || verb === 'edit')) ||
      (group === 'release' && verb === 'upload')
      ? { files, stdin: files.includes('-'), to: `a GitHub ${group}` }
      : NOTHING;
  }
  // the destination is the last word; what comes before it is sent when the destination is elsewhere
  const to = words.at(-1) ?? '';
  const remote =
    REMOTE_URL.test(to) ||
    (REMOTE_PATH.test(to) && (command.name !== 'kubectl' || words[0] === 'cp')) ||
    (command.name === 'rclone' && /^[\w-]+:/.test(to));
  if (!remote || words.length < 2) return NOTHING;
  const sources = words.slice(0, -1).filter((w) => !REMOTE_URL.test(w) && !REMOTE_PATH.test(w));
  return { files: sources, stdin: sources.includes('-'), to };
}

/** How a command sends data off the machine, if it is a sender at all. */
function sending(command: SimpleCommand): Sending {
  switch (command.name) {
    case 'curl':
      return curlSending(command.args);
    case 'wget':
      return wgetSending(command.args);
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
      return httpieSending(command);
    case 'openssl':
      return command.args[0] === 's_client'
        ? { files: [], stdin: true, to: optionAll(command.args, '-connect')[0] ?? '' }
        : NOTHING;
    default:
      if (RAW_CLIENTS.has(command.name)) return rawSending(command);
      return copySending(command);
  }
}

/** Programs that print the environment (with no command of their own to run). */
function dumpsEnvironment(command: SimpleCommand): boolean {
  const words = command.args.filter((a) => !a.startsWith('-'));
  switch (command.name) {
    case 'printenv':
      return true;
    case 'env':
      return words.every((w) => w.includes('='));
    case 'set':
    case 'export':
    case 'declare':
    case 'typeset':
      return words.length === 0;
    case 'compgen':
      return command.args.includes('-e') || command.args.includes('-v');
    default:
      return false;
  }
}

const SECRET_WORD =
  /secret|credential|passw(or)?d|token|private[-_]?key|api[-_]?key|keyvault|keychain|^config(:get)?$|^get-parameters?(-by-path)?$|^export-credentials$|^auth$/i;

/** What a command that feeds a sender gives it, when that is a secret ('' when it is not). */
function secretOutput(command: SimpleCommand, surroundings: ActionSurroundings): string {
  if (dumpsEnvironment(command)) return 'the environment';
  const value = secretValueOf(command);
  if (value !== undefined) return value.what;
  if (SECRET_STORES.has(command.name)) return `what ${command.name} prints from a secrets store`;
  if (PLATFORM_CLIS.has(command.name) && command.args.some((a) => !a.startsWith('-') && SECRET_WORD.test(a)))
    return `what \`${clip(command.source)}\` prints`;
  if ((command.name === 'echo' || command.name === 'printf') && SECRET_VARIABLE.test(command.source))
    return `$${SECRET_VARIABLE.exec(command.source)?.[1] ?? ''}`;
  for (const word of [...pathWords(command.args), ...inputFiles(command)]) {
    const place = secretPlace(word, command, surroundings);
    if (place !== undefined) return place;
  }
  return secretsPrinted(command, surroundings)[0] ?? '';
}

/** What the pipeline before a sender gives it, when a secret ('' when not, or not known to be one). */
function pipedSecret(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  parser: ShellParser | undefined,
): string {
  if (command.pipedFrom.length === 0) return '';
  if (command.pipedSource !== undefined && parser !== undefined) {
    for (const upstream of parser.parse(command.pipedSource).commands) {
      const what = secretOutput(upstream, surroundings);
      if (what !== '') return what;
    }
    return '';
  }
  // only the names are known: an environment dump or a secrets store
  const name = command.pipedFrom.find((n) => n === 'env' || n === 'printenv' || SECRET_STORES.has(n));
  return name === undefined ? '' : `what ${name} prints`;
}

const DUMP_IN_SUBSTITUTION = /\$\(\s*(env|printenv|set|export -p|declare -[px]+)\s*\)|`\s*(env|printenv)\s*`/;

/** Operations for a command that sends a secret off the machine (held by agent-secret-read). */
export function classifyExfiltration(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  parser: ShellParser | undefined,
): Operation[] {
  const send = sending(command);
  const toTcp = command.redirects.find((r) => /^[>&]|>$/.test(r.op) && /^\/dev\/(tcp|udp)\//.test(r.target));
  if (send === NOTHING && toTcp === undefined) return [];
  const host =
    toTcp !== undefined
      ? toTcp.target.split('/')[3]
      : (urlHost(send.to) ?? send.to.replace(/^[^@]*@/, '').split(/[:/]/)[0]);
  if (host !== undefined && host !== '' && isLoopback(host)) return [];
  const sent = new Set<string>();
  for (const file of [...send.files, ...(send.stdin ? inputFiles(command) : [])]) {
    const place = secretPlace(file, command, surroundings);
    if (place !== undefined) sent.add(place);
  }
  if (send.stdin) {
    const piped = pipedSecret(command, surroundings, parser);
    if (piped !== '') sent.add(piped);
  }
  // `env > /dev/tcp/host/port`: the command's own output goes over the wire
  if (toTcp !== undefined) {
    const own = secretOutput(command, surroundings);
    if (own !== '') sent.add(own);
  }
  if (DUMP_IN_SUBSTITUTION.test(command.source)) sent.add('the environment');
  const where = host === undefined || host === '' ? 'another machine' : host;
  return [...sent].map((what) =>
    operation(command, {
      kind: 'read',
      category: 'secret',
      destructive: false,
      reversible: false,
      target: what,
      summary: `${command.name} sends ${what} off the machine, to ${where}: a secret that leaves cannot be called back`,
      hints: {},
    }),
  );
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
