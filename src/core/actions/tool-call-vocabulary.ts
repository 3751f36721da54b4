import type { OperationKind } from './types.js';

/** What a verb in a tool name says the tool does. */
export type Verb = { kind: OperationKind; destructive: boolean; reversible: boolean };

/** A delete that no one can undo. */
export const DELETE: Verb = { kind: 'delete', destructive: true, reversible: false };
/** A change that adds or updates. */
export const WRITE: Verb = { kind: 'write', destructive: false, reversible: true };
/** A read. */
export const READ: Verb = { kind: 'read', destructive: false, reversible: true };

// Verbs found as words of a tool name; the most severe one in a name wins, so `list_and_delete_x` is a delete.
export const VERBS: Record<string, Verb> = {
  ...Object.fromEntries(
    [
      'delete',
      'del',
      'drop',
      'remove',
      'rm',
      'destroy',
      'terminate',
      'purge',
      'wipe',
      'erase',
      'unlink',
      'flush',
      'cleanup',
      'prune',
      'uninstall',
      'deregister',
      'discard',
    ].map((v) => [v, DELETE]),
  ),
  truncate: { kind: 'truncate', destructive: true, reversible: false },
  reset: { kind: 'replace', destructive: true, reversible: false },
  recreate: { kind: 'replace', destructive: true, reversible: false },
  replace: { kind: 'replace', destructive: true, reversible: false },
  ...Object.fromEntries(
    ['stop', 'shutdown', 'kill', 'halt', 'disable', 'suspend', 'reboot', 'restart'].map((v) => [
      v,
      { kind: 'stop', destructive: true, reversible: true },
    ]),
  ),
  ...Object.fromEntries(
    ['grant', 'revoke', 'chmod', 'chown', 'share', 'unshare'].map((v) => [
      v,
      { kind: 'permission-change', destructive: true, reversible: true },
    ]),
  ),
  ...Object.fromEntries(
    ['deploy', 'rollout', 'release', 'publish', 'promote', 'rollback'].map((v) => [
      v,
      { kind: 'deploy', destructive: false, reversible: true },
    ]),
  ),
  ...Object.fromEntries(
    [
      'create',
      'update',
      'write',
      'put',
      'insert',
      'set',
      'patch',
      'modify',
      'edit',
      'add',
      'upload',
      'move',
      'rename',
      'apply',
      'upsert',
      'append',
      'save',
      'tag',
      'copy',
      'scale',
    ].map((v) => [v, WRITE]),
  ),
  ...Object.fromEntries(
    [
      'get',
      'list',
      'read',
      'search',
      'describe',
      'fetch',
      'show',
      'find',
      'view',
      'count',
      'status',
      'inspect',
      'download',
      'lookup',
      'query',
      'explain',
      'head',
      'stat',
      'whoami',
      'ping',
    ].map((v) => [v, READ]),
  ),
};

/** How bad each kind of operation is, to pick the worst verb of a name. */
export const SEVERITY: Record<OperationKind, number> = {
  read: 0,
  write: 1,
  deploy: 2,
  push: 2,
  execute: 3,
  'permission-change': 4,
  stop: 5,
  unknown: 6,
  truncate: 7,
  delete: 8,
  replace: 9,
  'force-push': 8,
  'history-rewrite': 8,
};

/** Arguments that hold SQL on any server. */
export const DEFAULT_SQL_ARGUMENTS = new Set(['sql', 'statement', 'statements', 'sql_query']);
// `query` often holds a search phrase, so by default it counts as SQL only when it reads like SQL.
export const MAYBE_SQL_ARGUMENTS = new Set(['query', 'q']);
/** Arguments that hold a shell command line on any server. */
export const DEFAULT_COMMAND_ARGUMENTS = new Set([
  'command',
  'cmd',
  'commandline',
  'command_line',
  'shell_command',
  'script',
]);
/** The leading keyword of a SQL text. */
export const SQL_START =
  /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*(select|insert|update|delete|drop|truncate|alter|create|grant|revoke|with|merge|replace|explain|show|describe|set|begin|commit|vacuum|analyze|copy|call|exec|use)\b/i;

/** Text shaped like a SQL statement, not a search phrase that starts with "delete". */
export const LOOKS_LIKE_SQL =
  /^\s*(?:select\b[\s\S]*\bfrom\b|select\s+[\d*]|insert\s+into\b|update\s+\S+\s+set\b|delete\s+from\b|drop\s+(?:table|database|schema|index|view|user|role|owned)\b|truncate\s+\S|alter\s+(?:table|database|schema|user|role)\b|create\s+(?:table|database|index|schema|view|user|role)\b|with\s+\w+\s+as\s*\(|grant\s|revoke\s)/i;
