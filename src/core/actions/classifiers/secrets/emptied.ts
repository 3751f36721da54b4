import { posix } from 'node:path';
import { isSecretPath } from '../../editor-tools.js';
import type { ActionSurroundings, Operation, SimpleCommand } from '../../types.js';
import { optionValue } from '../args.js';
import { operation } from '../operation.js';
import { resolvePath } from '../paths.js';
import { printedText } from '../run-file-writes/writes.js';

// A secret file or a production configuration emptied: `cp /dev/null .env.production`, `: > .env`,
// `truncate -s 0 ~/.aws/credentials`. A secret is not in git, so what it held is gone; a production config
// may be, but what reads it reads nothing from then on. Appends (`echo X >> .env.local`), copies of a template
// (`cp .env.example .env`) and emptied logs stay everyday.

const PROD = /(^|[/._-])(prod|production|prd)([/._-]|$)/i;
const CONFIG = /\.(ya?ml|json|toml|ini|conf|cfg|properties|env|xml)$/i;
const EMPTY_SOURCES = new Set(['/dev/null', '/dev/zero']);
const SILENT = new Set([':', 'true', 'false']);

/** Files the command leaves empty: an empty source copied over, a zero size, an empty redirected output. */
function emptiedFiles(command: SimpleCommand): string[] {
  const out: string[] = [];
  const words = command.args.filter((a) => !a.startsWith('-'));
  if ((command.name === 'cp' || command.name === 'install') && EMPTY_SOURCES.has(words[0] ?? ''))
    out.push(...words.slice(1));
  if (command.name === 'dd' && command.args.some((a) => /^if=\/dev\/(null|zero)$/.test(a)))
    out.push(...command.args.filter((a) => a.startsWith('of=')).map((a) => a.slice(3)));
  if (command.name === 'truncate' && /^0+[KMG]?$/i.test(optionValue(command.args, ['-s', '--size']) ?? ''))
    out.push(...words.filter((w) => !/^0+[KMG]?$/i.test(w)));
  const silent =
    SILENT.has(command.name) ||
    (command.name === 'cat' && words.length > 0 && words.every((w) => EMPTY_SOURCES.has(w))) ||
    printedText(command)?.trim() === '';
  if (silent)
    for (const r of command.redirects) if (r.op === '>' || r.op === '>|' || r.op === '&>') out.push(r.target);
  return out;
}

/** Destructive operations for secret files and production configuration the command empties. */
export function classifyEmptiedSecrets(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): Operation[] {
  const ops: Operation[] = [];
  for (const file of emptiedFiles(command)) {
    const absolute = resolvePath(file, surroundings, command.remote !== undefined);
    if (absolute === undefined || absolute.startsWith('/dev/')) continue;
    // scratch is disposable, unless the workspace itself lies there
    if (absolute.startsWith('/tmp/') && !absolute.startsWith(`${surroundings.workspace}/`)) continue;
    const secret = isSecretPath(absolute, command.remote !== undefined ? '/root' : surroundings.home);
    const prodConfig = CONFIG.test(absolute) && PROD.test(posix.basename(absolute));
    if (!secret && !prodConfig) continue;
    ops.push(
      operation(command, {
        kind: 'truncate',
        category: 'filesystem',
        destructive: true,
        // a secret is not in git, and a production configuration emptied in place is read empty at once
        reversible: false,
        target: absolute,
        summary: `${command.name} empties ${absolute}, ${secret ? 'a secret file' : 'a production configuration'}`,
        hints: { path: absolute, local: command.remote === undefined },
      }),
    );
  }
  return ops;
}
