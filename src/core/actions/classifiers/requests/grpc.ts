import { isLoopback } from '../../environment.js';
import type { CommandClassifier, EnvironmentHints, SimpleCommand } from '../../types.js';
import { hostHints } from '../generic/hosts.js';
import { verbTokens } from '../generic/intent.js';
import { destructiveOf } from '../operation.js';

// A gRPC call says what it does in its method's name: `acme.admin.v1.TenantService/DeleteTenant` deletes,
// `…/GetTenant` and `grpcurl host list|describe` read. The name is read in tokens (camelCase, `_`), so
// `BatchDeleteUsers` and `purge_cache` destroy while `GetDeletedItems` and `UndeleteTenant` do not.

const requestOp = destructiveOf('unknown');

/** Method-name tokens that destroy data, state or access. */
const DESTROYING = new Set([
  'delete',
  'destroy',
  'purge',
  'drop',
  'wipe',
  'truncate',
  'reset',
  'remove',
  'erase',
  'flush',
]);
/** A leading token that makes the call a question about the deletion, not the deletion (`GetDeleteStatus`). */
const ASKING = new Set([
  'get',
  'list',
  'describe',
  'watch',
  'count',
  'search',
  'find',
  'check',
  'validate',
  'preview',
  'estimate',
  'can',
  'is',
]);

/** `pkg.v1.Service/Method`, `pkg.v1.Service.Method` (grpc_cli, evans) or a URL ending in one (buf curl). */
const METHOD = /(?:^|\/)(?:[a-z_][\w]*\.)+[A-Z]\w*[/.]([A-Za-z]\w*)$/;

/** The destroying token of a gRPC method argument, or undefined. */
export function grpcMethodVerb(arg: string): string | undefined {
  const method = METHOD.exec(arg)?.[1];
  if (method === undefined) return undefined;
  const tokens = verbTokens(method.replace(/_/g, ' '));
  if (ASKING.has(tokens[0] ?? '')) return undefined;
  return tokens.find((t) => DESTROYING.has(t));
}

/** The server of a gRPC call: a host flag or URL, else the first `host:port` word. */
function grpcHost(args: readonly string[]): EnvironmentHints {
  const named = hostHints(args, isLoopback);
  if (named.host !== undefined) return { host: named.host.replace(/:\d+$/, '') };
  const address = args.find((a) => /^(?:\[[0-9a-f:]+\]|[\w.-]+):\d+$/i.test(a));
  return address !== undefined ? { host: address.replace(/^\[|\]?:\d+$/g, '') } : {};
}

/** The verbs of gRPC clients that only read the server's schema (`grpcurl host describe pkg.Svc.DeleteX`). */
const SCHEMA_VERBS = new Set(['list', 'describe', 'ls', 'type', 'desc', 'show']);

/** The destructive gRPC calls a command makes, from any argument naming a method (for grpcurl and every door). */
export function grpcCalls(command: SimpleCommand): ReturnType<CommandClassifier> {
  if (command.args.some((a) => SCHEMA_VERBS.has(a))) return [];
  for (const arg of command.args) {
    const verb = grpcMethodVerb(arg);
    if (verb === undefined) continue;
    const hints = grpcHost(command.args);
    return [
      requestOp(
        command,
        'delete',
        arg,
        `${command.name} calls ${arg}, a gRPC method that says ${verb}, on ${hints.host ?? 'a server not named'}`,
        hints,
      ),
    ];
  }
  return [];
}

/** grpcurl, grpc_cli, evans, ghz: judged on the method they call; list, describe and reads stay allowed. */
export const classifyGrpc: CommandClassifier = (command) => grpcCalls(command);
