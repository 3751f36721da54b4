import { posix } from 'node:path';
import { isLoopback } from '../../environment.js';
import type { ActionSurroundings, EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { optionValue, positionals, urlHost } from '../args.js';
import type { RunFile } from '../deps.js';
import { classifyGeneric } from '../generic/intent.js';
import { sharedWord } from '../../environment-words.js';
import { testOrDevWord } from '../local-target.js';
import { destructiveOf, envVar } from '../operation.js';

const mlOp = destructiveOf('platform');

/** The environment a name carries: a production or shared word, else a test/dev word; none when it has neither. */
function namedEnvironment(...names: (string | undefined)[]): EnvironmentHints {
  for (const name of names) {
    if (name === undefined) continue;
    const shared = sharedWord(name);
    if (shared !== undefined)
      return { environment: /^pr/.test(shared) || shared === 'live' ? 'prod' : shared };
  }
  for (const name of names) {
    const dev = name === undefined ? undefined : testOrDevWord(name);
    if (dev !== undefined) return { environment: dev === 'development' ? 'dev' : dev };
  }
  return {};
}

/** True when a short-flag cluster or a long flag names the option (`-wcf` has `c`). */
function hasOption(args: readonly string[], long: string, short: string): boolean {
  return args.some((a) => a === long || (/^-[A-Za-z]+$/.test(a) && a.slice(1).includes(short)));
}

/**
 * dvc: `dvc gc --cloud` deletes from remote storage every object the kept commits do not use, for every project
 * sharing that remote; a plain `dvc gc -w` only cleans this checkout's cache. `dvc destroy` deletes the project's
 * DVC files and cache. Other verbs are read by the generic reading.
 */
export const classifyDvc = (command: SimpleCommand, surroundings: ActionSurroundings): Operation[] => {
  const args = command.args;
  const verb = positionals(args, new Set(['-r', '--remote', '-j', '--jobs', '-p', '--projects']))[0];
  if (verb === 'gc') {
    if (!hasOption(args, '--cloud', 'c')) return [];
    const remote = optionValue(args, ['-r', '--remote']);
    const target = remote ?? 'the default remote';
    return [
      mlOp(
        command,
        'delete',
        target,
        `dvc gc --cloud, which deletes from ${remote === undefined ? 'the default remote' : `remote ${remote}`} the data no kept commit uses`,
        namedEnvironment(remote),
      ),
    ];
  }
  if (verb === 'destroy')
    return [
      mlOp(
        command,
        'delete',
        'the DVC project',
        'dvc destroy, which deletes the DVC files and cache of the project',
        {
          local: true,
        },
      ),
    ];
  return classifyGeneric(command, args, surroundings);
};

/** Where an mlflow store is: this machine (`sqlite:///`, a folder, `file:`, localhost) or a server elsewhere. */
function mlflowStore(uri: string | undefined): { local: true } | { host: string | undefined } {
  if (uri === undefined || uri === '') return { local: true };
  if (/^(?:sqlite:|file:)/i.test(uri) || !/^[a-z][a-z0-9+.-]*:/i.test(uri)) return { local: true };
  const host = urlHost(uri.replace(/^[a-z0-9+.-]+:\/\/[^@/]*@/i, (m) => m.replace(/[^@/]*@$/, '')));
  if (host !== undefined && isLoopback(host)) return { local: true };
  return { host };
}

/**
 * mlflow: `mlflow gc` permanently deletes runs and experiments marked deleted from its backend store — allowed when
 * that store is on this machine (`sqlite:///`, `./mlruns`, localhost), destructive against a server. Other verbs
 * (`mlflow runs delete`) are read by the generic reading, on the tracking server they reach.
 */
export const classifyMlflow = (command: SimpleCommand, surroundings: ActionSurroundings): Operation[] => {
  const args = command.args;
  const verb = positionals(args)[0];
  if (verb === 'gc') {
    const uri =
      optionValue(args, ['--backend-store-uri', '--tracking-uri']) ??
      envVar(command, surroundings, 'MLFLOW_TRACKING_URI');
    const store = mlflowStore(uri);
    if ('local' in store) return [];
    const hints: EnvironmentHints = { ...namedEnvironment(uri) };
    if (store.host !== undefined) hints.host = store.host;
    return [
      mlOp(
        command,
        'delete',
        uri ?? 'the tracking store',
        `mlflow gc, which permanently deletes the runs and experiments marked deleted from ${store.host ?? uri}`,
        hints,
      ),
    ];
  }
  return classifyGeneric(command, args, surroundings);
};

/**
 * ray: `ray down CONFIG` tears down the cluster the YAML describes (its nodes and what only they held); the
 * environment is read from the cluster's name in the file, then from the file's own name. A cluster on this
 * machine (`provider: type: local`) is not torn down anywhere else.
 */
export const rayClassifier =
  (readRunFile?: (path: string) => RunFile) =>
  (command: SimpleCommand, surroundings: ActionSurroundings): Operation[] => {
    const args = command.args;
    const words = positionals(args, new Set(['-n', '--cluster-name', '--log-style', '--log-color']));
    if (words[0] !== 'down' && words[0] !== 'teardown') return [];
    const file = words[1];
    const named = optionValue(args, ['-n', '--cluster-name']);
    let clusterName: string | undefined;
    let provider: string | undefined;
    if (file !== undefined && readRunFile !== undefined) {
      const read = readRunFile(posix.resolve(command.cwd ?? surroundings.cwd, file));
      if (read.kind === 'text') {
        clusterName = /^cluster_name:\s*['"]?([^'"\s#]+)/m.exec(read.text)?.[1];
        provider = /^provider:\s*\n(?:\s+.*\n)*?\s+type:\s*['"]?(\w+)/m.exec(read.text)?.[1];
      }
    }
    const hints: EnvironmentHints =
      provider === 'local' && sharedWord(`${named ?? ''} ${clusterName ?? ''} ${file ?? ''}`) === undefined
        ? { localTarget: `a Ray cluster on this machine (${file ?? ''})` }
        : namedEnvironment(named, clusterName, file);
    const target = named ?? clusterName ?? file ?? 'the cluster';
    return [
      mlOp(
        command,
        'delete',
        target,
        `ray down, which tears down the cluster ${target} and its nodes`,
        hints,
      ),
    ];
  };

/**
 * The Hugging Face CLI: `delete-cache` and `scan-cache` work on this machine's download cache; every other delete
 * verb (`repo delete`, `delete` of files in a repo) reaches the Hub, read by the generic reading.
 */
export const classifyHuggingFace = (
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): Operation[] => {
  const verb = positionals(command.args)[0];
  if (verb === 'delete-cache' || verb === 'scan-cache') return [];
  return classifyGeneric(command, command.args, surroundings);
};
