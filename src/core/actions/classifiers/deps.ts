import type { ActionSurroundings, Operation, ShellParser, SimpleCommand } from '../types.js';
import type { SqlAnalyzer } from './sql-analyzer.js';

/** A file a command would run, as it stands at decision time (read by an adapter, bounded in size). */
export type RunFile =
  | { kind: 'text'; text: string }
  | { kind: 'missing' }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'unreadable'; reason: string };

/** What the classifiers need from outside core. */
export interface ClassifierDeps {
  sql: SqlAnalyzer;
  /**
   * The terraform workspace selected in a directory (its `.terraform/environment`), for commands that
   * run elsewhere than the line started (`cd infra/prod && terraform destroy`, `terraform -chdir=…`).
   */
  terraformWorkspaceOf?: (dir: string) => string | undefined;
  /**
   * Reads a file a command would run (a script, a Makefile, package.json, git config), symlinks followed.
   * Without it, look-inside is off and such commands are judged by their words alone.
   */
  readRunFile?: (absolutePath: string) => RunFile;
  /**
   * The entries of a folder (folders end in `/`), or 'too-many' past the bound blastwall lists; undefined when it
   * cannot be listed. Look-inside uses it to find what a command runs by name (a Django management command's
   * module, rake tasks under lib/tasks, the files a glob loop runs); without it, only conventional names are read.
   */
  listFolder?: (absolutePath: string) => string[] | 'too-many' | undefined;
  /** The shell parser, to read the shell text a run file holds (scripts, recipes, package scripts). */
  parser?: ShellParser;
  /**
   * Where a path really leads once symlinks are followed (for a file not there yet: its folder's real place), so
   * a write through a link the agent made earlier is judged by what it reaches; undefined when it cannot be told.
   */
  realPath?: (absolutePath: string) => string | undefined;
  /**
   * What else a command read out of a run file does beyond its tool's own classifier: the gate's production
   * reading (a deploy, a push to a protected branch, an identity rewrite), so `make ship` that runs `git push
   * origin main` is judged like the push typed on the line. Without evidence it holds, never allows.
   */
  alsoInside?: (command: SimpleCommand, surroundings: ActionSurroundings) => Operation[];
  /**
   * What a git command would change in the work tree of the repository at `repo` (a merge, a branch checked out, a
   * stash popped), read with a time bound. Without it, such commands are judged by their words alone.
   */
  gitChanges?: (repo: string, query: GitChangeQuery) => GitChanges;
  /** The member names of a local archive, read with a time and size bound; without it, they are unknown. */
  archiveEntries?: (absolutePath: string) => ArchiveEntries;
}

/** What a git command would change in its work tree, asked of the repository at decision time. */
export type GitChangeQuery =
  /** Every file that differs between two commits (a branch checked out, `reset --hard REF`, `restore --source`). */
  | { kind: 'between'; from: string; to: string }
  /** Every file `ref` changed since it forked from `base` (HEAD when absent): what a merge, pull or rebase brings. */
  | { kind: 'since-fork'; ref: string; base?: string }
  /** The files the named commits or ranges change (`cherry-pick A B`, `cherry-pick A..B`). */
  | { kind: 'commits'; revs: string[] }
  /** The files a stash holds, untracked ones included. */
  | { kind: 'stash'; ref: string };

/** The answer to a GitChangeQuery: the files (relative to the work tree's top), a ref git does not have, or unknown. */
export type GitChanges =
  | { kind: 'files'; top: string; files: string[] }
  | { kind: 'missing'; reason: string }
  | { kind: 'unknown'; reason: string };

/** The member names of an archive (`tar -t`, `unzip -Z1`), there being none such file, or why they are not known. */
export type ArchiveEntries =
  { kind: 'entries'; entries: string[] } | { kind: 'missing' } | { kind: 'unknown'; reason: string };
