import { hasFlag, optionValue, positionals } from '../args.js';

// A secret file or value read only to see which keys it holds (`cut -d= -f1 .env`, `grep -o '^[A-Z_]*=' .env`,
// `… -o json | jq 'keys'`, `wc -l .env`): what reaches the agent is names or a count, never a value. Only these
// exact shapes count; anything else that reads a secret still prints it (failing closed).

const NAME_PATTERN = /^\^?(?:\[[^\]=.\s]+\][*+]?|[A-Za-z0-9_]+)+=?$/;
const JQ_KEYS =
  /^\s*(?:\.[\w."[\]-]*\s*\|\s*)?(?:keys|keys_unsorted|length)(?:\[\])?\s*(?:\|\s*(?:sort|unique|length|\.\[\]|join\("[^"]*"\))\s*)*$/;

/** True when a command with these arguments prints only the names (or a count) of what it reads. */
export function keepsNamesOnly(name: string, args: readonly string[]): boolean {
  switch (name) {
    case 'wc':
      return true;
    case 'cut': {
      const delimiter = shortValue(args, '-d') ?? optionValue(args, ['--delimiter']);
      const fields = shortValue(args, '-f') ?? optionValue(args, ['--fields']);
      return delimiter === '=' && fields === '1';
    }
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk': {
      const separator = shortValue(args, '-F') ?? optionValue(args, ['--field-separator']);
      const program = positionals(args, new Set(['-F', '-v', '-f']))[0];
      return separator === '=' && program !== undefined && /^\{\s*print \$1;?\s*\}$/.test(program.trim());
    }
    case 'sed': {
      const script = optionValue(args, ['-e', '--expression']) ?? positionals(args, new Set(['-e']))[0];
      return script !== undefined && /^s([/|#])=\.\*\1\1g?$/.test(script.trim());
    }
    case 'grep':
    case 'egrep':
    case 'rg': {
      if (!hasFlag(args, ['--only-matching'], 'o')) return false;
      const pattern =
        optionValue(args, ['-e', '--regexp']) ?? positionals(args, new Set(['-e', '--regexp']))[0];
      return pattern !== undefined && NAME_PATTERN.test(pattern);
    }
    case 'jq':
    case 'yq':
    case 'gojq': {
      const filter = positionals(args, new Set(['--arg', '--argjson', '-f', '--from-file', '--indent']))[0];
      return filter !== undefined && JQ_KEYS.test(filter);
    }
    default:
      return false;
  }
}

/** The value of a short option, glued to it (`-d=`, `-f1`, `-F=`) or the next word (`-d '='`). */
function shortValue(args: readonly string[], flag: string): string | undefined {
  const at = args.findIndex((a) => a.startsWith(flag) && !a.startsWith('--'));
  if (at < 0) return undefined;
  const arg = args[at] ?? '';
  return arg === flag ? args[at + 1] : arg.slice(flag.length);
}

/**
 * True when the first stage a command pipes into keeps names only (`cat .env | cut -d= -f1`). The stage is read
 * from its words as written; a stage that does not split into plain words does not count.
 */
export function pipesIntoNamesOnly(pipedTo: string | undefined): boolean {
  if (pipedTo === undefined) return false;
  const first = pipedTo.split('|')[0]?.trim() ?? '';
  if (/[`$;&<>(){}\\]/.test(first)) return false;
  const words = first.match(/'[^']*'|"[^"]*"|\S+/g)?.map((w) => w.replace(/^(['"])(.*)\1$/, '$2')) ?? [];
  const [name, ...args] = words;
  return name !== undefined && keepsNamesOnly(name, args);
}
