import type { ActionSurroundings, Operation, SimpleCommand } from '../../types.js';
import { optionValue, positionals } from '../args.js';
import type { RunFile } from '../deps.js';
import { destructiveOf, envVar } from '../operation.js';
import { resolvePath } from '../paths.js';
import { batchDeletes, bodyFields } from '../requests/settings.js';

// A cloud CLI's operation named for a change (`route53 change-resource-record-sets`, `servicediscovery …`)
// destroys when its JSON says so: a change batch with `"Action": "DELETE"`, given inline or in a `file://` the
// agent may have written a moment ago — read as it stands. A file that cannot be read holds the command.

const cloudOp = destructiveOf('cloud');
/** Options whose value is a JSON document the operation applies. */
const DOCUMENT_OPTIONS = ['--change-batch', '--cli-input-json', '--changes', '--batch'];
/** Operations whose name says they apply a list of changes. */
const CHANGE_OPERATION = /^change-|-changes?$|^batch-|^apply-/;

/** The destructive change batch an aws operation applies, if any; `readRunFile` reads `file://` documents. */
export function awsChangeBatch(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  readRunFile: ((path: string) => RunFile) | undefined,
): Operation[] {
  const [service = '', op = ''] = positionals(
    command.args,
    new Set(['--profile', '--region', ...DOCUMENT_OPTIONS]),
  );
  if (!CHANGE_OPERATION.test(op)) return [];
  const document = optionValue(command.args, DOCUMENT_OPTIONS);
  if (document === undefined) return [];
  const profile = optionValue(command.args, ['--profile']) ?? envVar(command, surroundings, 'AWS_PROFILE');
  const hints = profile !== undefined ? { awsProfile: profile } : {};
  const label = `aws ${service} ${op}`;
  let text = document;
  const file = /^(?:file|fileb):\/\/(.+)$/.exec(document)?.[1];
  if (file !== undefined) {
    const path = resolvePath(file, surroundings, command.remote !== undefined);
    const read = path !== undefined && command.remote === undefined ? readRunFile?.(path) : undefined;
    if (read?.kind !== 'text')
      return [
        cloudOp(
          command,
          'unknown',
          file,
          `${label} applies the changes in ${file}, which cannot be read before it runs`,
          hints,
          true,
        ),
      ];
    text = read.text;
  }
  if (!batchDeletes(bodyFields(text))) return [];
  return [
    cloudOp(
      command,
      'delete',
      file ?? service,
      `${label} applies a change batch that DELETEs records`,
      hints,
    ),
  ];
}
