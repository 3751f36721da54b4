import { classifyCommand, type ClassifierDeps } from '../core/actions/classifiers/index.js';
import type { SqlAnalyzer } from '../core/actions/classifiers/sql-analyzer.js';
import type { ActionSurroundings, Operation, ShellParser, SimpleCommand } from '../core/actions/types.js';
import { archiveEntriesOf } from '../adapters/host/archive-entries.js';
import { gitChangesIn, reusedGitChanges } from '../adapters/host/git-changes.js';
import { gitRefsIn } from '../adapters/host/git-refs.js';
import { listRunFolder, readRunFile, realPathOf } from '../adapters/host/run-files.js';
import { readSurroundings, terraformWorkspaceIn } from '../adapters/host/surroundings.js';
import { createShellParser } from '../adapters/shell/index.js';

/** How long a classification trusts what it read of a working directory's surroundings (milliseconds). */
export const SURROUNDINGS_MS = 1000;

/** The agent gate's classifiers, wired once for every interface that classifies commands (gate, MCP gateway). */
export interface Classification {
  deps: ClassifierDeps;
  parser: ShellParser;
  /** The surroundings of a working directory, read again when older than a second. */
  surroundingsFor(cwd: string): ActionSurroundings;
  /** One simple command, classified where it runs. */
  classify(command: SimpleCommand, surroundings: ActionSurroundings): Operation[];
}

/** Wires the classifiers: the SQL analyzer given, the terraform workspace and run-file readers, the shell parser. */
export function createClassification(options: {
  sql: SqlAnalyzer;
  workspace: string;
  env: Record<string, string | undefined>;
  /** A monotonic clock in milliseconds (default `performance.now`); tests advance it instead of sleeping. */
  elapsedMs?: () => number;
  /** What commands read out of run files do beyond their tools' classifiers (see ClassifierDeps.alsoInside). */
  alsoInside?: (
    command: SimpleCommand,
    surroundings: ActionSurroundings,
    deps: ClassifierDeps,
  ) => Operation[];
}): Classification {
  const elapsedMs = options.elapsedMs ?? (() => performance.now());
  const parser = createShellParser();
  const deps: ClassifierDeps = {
    sql: options.sql,
    terraformWorkspaceOf: terraformWorkspaceIn,
    readRunFile,
    listFolder: listRunFolder,
    parser,
    realPath: realPathOf,
    gitChanges: reusedGitChanges(gitChangesIn, elapsedMs),
    archiveEntries: archiveEntriesOf,
  };
  const { alsoInside } = options;
  if (alsoInside) deps.alsoInside = (command, surroundings) => alsoInside(command, surroundings, deps);
  // Surroundings (kube context, selected terraform workspace, repository root) change while a long-lived
  // gate serves (`serve`, the hook daemon, the MCP gateway): `kubectl config use-context prod` must count at
  // once. They are read again when older than SURROUNDINGS_MS; a burst of commands from one place reads once.
  const cache = new Map<string, { surroundings: ActionSurroundings; at: number }>();
  return {
    deps,
    parser,
    surroundingsFor(cwd) {
      const now = elapsedMs();
      const found = cache.get(cwd);
      if (found && now - found.at < SURROUNDINGS_MS) return found.surroundings;
      // The branch checked out and the remote-tracking refs: a push is judged by where it lands.
      const surroundings = { ...readSurroundings(cwd, options.workspace, options.env), ...gitRefsIn(cwd) };
      if (cache.size >= 1000) cache.clear();
      cache.set(cwd, { surroundings, at: now });
      return surroundings;
    },
    classify: (command, surroundings) => classifyCommand(command, surroundings, deps),
  };
}
