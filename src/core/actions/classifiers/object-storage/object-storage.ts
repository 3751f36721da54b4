import type { CommandClassifier, EnvironmentHints } from '../../types.js';
import { positionals, urlHost } from '../args.js';
import type { ClassifierDeps } from '../deps.js';
import { classifyGeneric } from '../generic/intent.js';
import { envVar, operation } from '../operation.js';

// Sync tools delete at their destination whatever the source lacks: `rclone sync ./out remote:bucket` empties
// the bucket of everything not in ./out. A mirror is a delete of its destination's extras.

const RCLONE_MIRRORS = new Set(['sync', 'bisync', 'move', 'moveto']);
const RCLONE_VALUED = new Set([
  '--config',
  '--filter',
  '--include',
  '--exclude',
  '--transfers',
  '--checkers',
  '--backup-dir',
  '--max-age',
  '--min-age',
  '--log-file',
  '-c',
]);

/** rclone: a mirror (`sync`, `move`) loses data at its destination or source; deletes are read like any CLI's. */
export const classifyRclone: CommandClassifier = (command) => {
  if (command.args.some((a) => a === '--dry-run' || a === '-n' || a === '--interactive' || a === '-i'))
    return [];
  const [sub = '', ...rest] = positionals(command.args, RCLONE_VALUED);
  if (!RCLONE_MIRRORS.has(sub)) return classifyGeneric(command, [sub]);
  const target = sub.startsWith('move') ? (rest[0] ?? 'its source') : (rest.at(-1) ?? 'its destination');
  return [
    operation(command, {
      kind: 'delete',
      category: 'cloud',
      destructive: true,
      reversible: false,
      target,
      summary: `rclone ${sub} deletes from ${target} whatever ${sub.startsWith('move') ? 'it moves away' : 'the source lacks'}`,
      hints: {},
    }),
  ];
};

// MinIO's client addresses a server by an alias, the first segment of every path (`local/bucket/key`). What an
// alias is, is said by MC_HOST_<alias> or by mc's config file; with no config file mc uses its documented
// defaults, where `local` is http://localhost:9000. The alias's server names the environment: this machine's
// is the workstation's dev store, another one is judged by its host, and an alias nobody defines is unknown.

/** mc's built-in aliases, used when there is no config file. */
const MC_DEFAULT_ALIASES: Record<string, string> = {
  local: 'http://localhost:9000',
  play: 'https://play.min.io',
  s3: 'https://s3.amazonaws.com',
  gcs: 'https://storage.googleapis.com',
};
const MC_VALUED = new Set(['--config-dir', '-C', '--older-than', '--newer-than', '--versions', '--rewind']);

/** The server URL an mc alias names, or undefined when it cannot be told. */
function mcAliasUrl(
  alias: string,
  env: (name: string) => string | undefined,
  configDir: string,
  deps: ClassifierDeps,
): string | undefined {
  const fromEnv = env(`MC_HOST_${alias}`);
  if (fromEnv !== undefined) return fromEnv;
  const file = deps.readRunFile?.(`${configDir.replace(/\/+$/, '')}/config.json`);
  if (file === undefined || file.kind === 'too-large' || file.kind === 'unreadable') return undefined;
  if (file.kind === 'missing') return MC_DEFAULT_ALIASES[alias];
  try {
    const config = JSON.parse(file.text) as {
      aliases?: Record<string, { url?: unknown }>;
      hosts?: Record<string, { url?: unknown }>;
    };
    const url = (config.aliases ?? config.hosts)?.[alias]?.url;
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** mc: destructive subcommands read like any CLI's, judged on the server the alias of their target names. */
export function mcClassifier(deps: ClassifierDeps): CommandClassifier {
  return (command, surroundings) => {
    const words = positionals(command.args, MC_VALUED);
    const ops = classifyGeneric(
      command,
      words.slice(0, 3).concat(command.args.filter((a) => a.startsWith('--'))),
    );
    if (ops.length === 0) return ops;
    const target = words.slice(1).find((w) => !w.startsWith('-') && w.includes('/')) ?? words[1];
    const alias = target?.split('/')[0];
    const configDir =
      command.args.find((a, i) => command.args[i - 1] === '--config-dir' || command.args[i - 1] === '-C') ??
      `${surroundings.home}/.mc`;
    const url =
      alias !== undefined && alias !== '' && command.remote === undefined
        ? mcAliasUrl(alias, (name) => envVar(command, surroundings, name), configDir, deps)
        : undefined;
    const host = url !== undefined ? (urlHost(url) ?? undefined) : undefined;
    const hints: EnvironmentHints = host !== undefined ? { host } : {};
    return ops.map((op) => ({
      ...op,
      target: target ?? op.target,
      summary: host !== undefined ? `${op.summary} (alias ${alias ?? ''} is ${host})` : op.summary,
      hints: { ...op.hints, ...hints },
    }));
  };
}
