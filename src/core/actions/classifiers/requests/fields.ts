import type { EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { optionValues } from '../args.js';
import { operation } from '../operation.js';
import { forcedRefMove, safeguardSwitchedOff } from './settings.js';

// An API CLI's raw request with typed fields (`gh api -X PATCH orgs/acme -F secret_scanning_…=false`, `glab api
// … -f key=value`): what the fields set on the path they are sent to — a safeguard switched off, a protected
// branch force-moved.

/** Options that carry one `key=value` field each. */
const FIELD_OPTIONS = ['-f', '-F', '--field', '--raw-field'];

/** The `key=value` fields of the request. */
export function apiFields(args: readonly string[]): [string, string][] {
  return optionValues(args, FIELD_OPTIONS).map((field) => {
    const at = field.indexOf('=');
    return at < 0 ? [field, ''] : [field.slice(0, at), field.slice(at + 1)];
  });
}

/** What a write with fields does to `path` that destroys or unguards; [] for a read or an ordinary write. */
export function apiFieldWrites(
  command: SimpleCommand,
  tool: string,
  path: string,
  method: string | undefined,
  hints: EnvironmentHints,
): Operation[] {
  const fields = apiFields(command.args);
  // with fields and no method, these CLIs send a POST
  const sent = method ?? (fields.length > 0 ? 'POST' : 'GET');
  if (sent === 'GET' || sent === 'HEAD') return [];
  const ref = forcedRefMove(path, fields);
  if (ref !== undefined)
    return [
      operation(command, {
        kind: 'force-push',
        category: 'git',
        destructive: true,
        reversible: false,
        target: ref,
        summary: `${tool} ${sent} ${path} force-moves the branch ${ref}, dropping the commits only it held`,
        hints,
      }),
    ];
  const off = safeguardSwitchedOff(path, fields);
  if (off === undefined) return [];
  return [
    operation(command, {
      kind: 'permission-change',
      category: 'platform',
      destructive: true,
      reversible: true,
      target: path,
      summary: `${tool} ${sent} ${path} switches a safeguard off (${off})`,
      hints,
    }),
  ];
}
