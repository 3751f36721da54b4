import { isLoopback } from '../environment.js';
// Small argument readers shared by the classifiers; they favour recall over exact CLI fidelity.

/** Value of the first matching option: `--name v`, `--name=v`, `-n v`, `-nv` (short single-letter only). */
export function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return undefined;
    for (const name of names) {
      if (arg === name) return args[i + 1];
      if (arg.startsWith(name + '=')) return arg.slice(name.length + 1);
      if (
        name.length === 2 &&
        !name.startsWith('--') &&
        arg.startsWith(name) &&
        arg.length > 2 &&
        !arg.startsWith('--')
      ) {
        return arg.slice(2);
      }
    }
  }
  return undefined;
}

/**
 * The server a host option names when it may repeat (`psql -h localhost -h pg.prod`): a loopback host makes an
 * action the workstation's, so any non-loopback value wins over it, and otherwise the last value (as getopt reads it).
 */
export function serverOption(args: readonly string[], names: readonly string[]): string | undefined {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const rest = args.slice(i);
    if (rest[0] === '--') break;
    const value = optionValue([rest[0] ?? '', rest[1] ?? ''], names);
    if (value !== undefined && names.some((n) => (rest[0] ?? '').startsWith(n))) values.push(value);
  }
  return (
    values.find((v) => !isLoopback(v.replace(/^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?/i, '').split('/')[0])) ??
    values.at(-1)
  );
}

/** Every value of a repeatable option. */
export function optionValues(args: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    for (const name of names) {
      if (arg === name && i + 1 < args.length) out.push(args[i + 1] ?? '');
      else if (arg.startsWith(name + '=')) out.push(arg.slice(name.length + 1));
    }
  }
  return out;
}

/** True when a flag is present, long (`--force`, `--force=…`) or inside a short cluster (`-rf` has `r` and `f`). */
export function hasFlag(args: readonly string[], long: readonly string[], short = ''): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg.startsWith('--')) {
      for (const name of long) if (arg === name || arg.startsWith(name + '=')) return true;
    } else if (arg.startsWith('-') && arg.length > 1 && short !== '') {
      for (const ch of arg.slice(1)) if (short.includes(ch)) return true;
    }
  }
  return false;
}

/** Positional words, skipping options and the values of options listed as taking one. */
export function positionals(args: readonly string[], valued: ReadonlySet<string> = EMPTY): string[] {
  const out: string[] = [];
  let onlyPositional = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (onlyPositional) {
      out.push(arg);
    } else if (arg === '--') {
      onlyPositional = true;
    } else if (arg.startsWith('-') && arg.length > 1) {
      if (valued.has(arg)) i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

const EMPTY: ReadonlySet<string> = new Set();

/** Host of a URL-ish string (`postgres://u@db.prod:5432/x` → `db.prod`), or undefined. */
export function urlHost(text: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(text);
  return match?.[1];
}

/** Last path segment of a URL (`postgres://h/db?x` → `db`). */
export function urlPath(text: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*\/([^?#]*)/i.exec(text);
  return match?.[1] || undefined;
}
