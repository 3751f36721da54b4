import { posix } from 'node:path';
import { isSecretPath } from '../../editor-tools.js';
import type { ActionSurroundings, SimpleCommand } from '../../types.js';
import { resolvePath } from '../paths.js';

// Where secrets lie, for shell commands: the one list of secret files (editor-tools.ts, which the tool-read
// policy uses), and the folders that hold them — an archive or a copy of `~/.ssh` carries every key in it.

/** Folders in the home directory that hold credentials (and the home directory itself, which holds them all). */
const SECRET_FOLDERS_IN_HOME = new Set([
  '',
  '.ssh',
  '.aws',
  '.kube',
  '.docker',
  '.gnupg',
  '.azure',
  '.config/gcloud',
  '.password-store',
  '.config/gh',
]);
/**
 * Public halves, host lists and ssh's client settings (host names, users, which key file — never a key): in a
 * secret folder, but nothing an attacker gains from by reading. Writing ssh's config stays held as spoofing.
 */
const PUBLIC = /\.pub$|(^|\/)(known_hosts(\.old)?|authorized_keys)$|\/\.ssh\/config$/;

/** The secret file or folder a word names (absolute), or undefined when it names none (or cannot be known). */
export function secretPlace(
  word: string,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  folders: 'all' | 'not-home' | 'none' = 'all',
): string | undefined {
  if (word === '' || word === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(word)) return undefined;
  const absolute = resolvePath(word.replace(/\/+$/, '') || word, surroundings, command.remote !== undefined);
  if (absolute === undefined || PUBLIC.test(absolute)) return undefined;
  const home = command.remote !== undefined ? '/root' : surroundings.home;
  if (isSecretPath(absolute, home)) return absolute;
  if (folders === 'none') return undefined;
  const fromHome = posix.relative(home, absolute);
  if (fromHome === '' && folders === 'not-home') return undefined;
  return !fromHome.startsWith('..') && SECRET_FOLDERS_IN_HOME.has(fromHome) ? absolute : undefined;
}

/** Values of `--name=value` words are paths as much as the words themselves (`--post-file=.env`). */
export function pathWords(args: readonly string[]): string[] {
  return args.flatMap((arg) => {
    const value = /^--?[\w-]+=(.+)$/.exec(arg)?.[1];
    return value !== undefined ? [value] : [arg];
  });
}

/** Files the command reads on standard input (`< ~/.aws/credentials`). */
export function inputFiles(command: SimpleCommand): string[] {
  return command.redirects.filter((r) => r.op === '<' || r.op === '<>').map((r) => r.target);
}

/** Variable names that hold secrets by convention (`AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `DB_PASSWORD`). */
export const SECRET_VARIABLE =
  /\$\{?(\w*(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_KEY|API_KEY|CREDENTIALS?)\w*)/i;
