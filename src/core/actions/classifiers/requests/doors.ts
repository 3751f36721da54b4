import { isLoopback } from '../../environment.js';
import type { EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { optionValue } from '../args.js';
import { hostHints } from '../generic/hosts.js';
import { destructiveOf } from '../operation.js';
import { apiFieldWrites } from './fields.js';
import { grpcCalls } from './grpc.js';

// Requests through any door: a CLI no family reads that sends a raw API request (`glab api -X DELETE …`,
// `tea api --method DELETE …`, an in-house `acmectl api -X DELETE /tenants/1`) or calls a gRPC method
// (`buf curl https://api/acme.v1.Tenants/DeleteTenant`) destroys as curl would.

const requestOp = destructiveOf('unknown');

/** The method a raw-API door is given: `-X DELETE`, `-XDELETE`, `--method delete`, `--request=DELETE`. */
function requestMethod(args: readonly string[]): string | undefined {
  return optionValue(args, ['-X', '--method', '--request'])?.toUpperCase();
}

/** Where the request goes: `--hostname` (gh, glab), a host flag or a URL. */
function requestHints(args: readonly string[]): EnvironmentHints {
  const hostname = optionValue(args, ['--hostname']);
  return hostname !== undefined ? { host: hostname } : hostHints(args, isLoopback);
}

/** The destructive requests a command sends that its own classifier did not read. */
export function requestsThroughAnyDoor(command: SimpleCommand): Operation[] {
  if (requestMethod(command.args) === 'DELETE') {
    const path = command.args.find((a) => !a.startsWith('-') && /[/:]/.test(a)) ?? 'an API path';
    const hints = requestHints(command.args);
    return [
      requestOp(
        command,
        'delete',
        path,
        `${command.name} sends DELETE ${path}${hints.host !== undefined ? ` to ${hints.host}` : ''}`,
        hints,
      ),
    ];
  }
  // `glab api -X PUT …/protected_branches/main -F allow_force_push=true`-style writes with typed fields
  const path = command.args.find((a) => !a.startsWith('-') && a.includes('/') && !a.includes('='));
  const method = requestMethod(command.args);
  const written =
    path !== undefined && command.args.includes('api')
      ? apiFieldWrites(command, `${command.name} api`, path, method, requestHints(command.args))
      : [];
  return written.length > 0 ? written : grpcCalls(command);
}
