import type { AndOr } from 'unbash';
import { GIT_TOPLEVEL } from '../../core/actions/types.js';
import type { Dir, Field } from './state.js';

// `cd`, `pushd` and `popd` change where later relative paths point: `cd / && rm -rf *` deletes the root.
// The directory is kept as written (absolute, `~`-based or relative to the starting directory); the
// classifiers resolve it against the real cwd and home, which the parser does not know.

const KNOWN_PREFIX = /^\$\{?(HOME|TMPDIR|TMP|TEMP|PWD)\}?(\/|$)/;
// `cd "$(git rev-parse --show-toplevel)"`: the repository root, known when the shell has not moved yet.
const TOPLEVEL = /^\$\(\s*git\s+rev-parse\s+--show-toplevel\s*\)(?=\/|$)/;
const ROTATION = /^[+-]\d+$/;

/** True when command `i` of an and-or list stops the line if it fails: `cd x && …`, `cd x || exit 1`. */
export function cdGuarded(list: AndOr, i: number): boolean {
  const op = list.operators[i];
  if (op === '&&') return true;
  const next = list.commands[i + 1];
  return op === '||' && next?.type === 'Command' && /^(exit|return)$/.test(next.name?.text ?? '');
}

/**
 * Applies a `cd`/`pushd`/`popd` in `words` to the shell's directory; false when the words are not one.
 * An unguarded change may fail and leave the shell where it was: that place is kept as the fallback.
 */
export function changeDirectory(
  dir: Dir,
  words: readonly Field[],
  guarded: boolean,
  /** The command opens the line (see Walker.opensLine): `$(git rev-parse --show-toplevel)` may be resolved. */
  opensLine = false,
): boolean {
  const head = words[0];
  if (head === undefined || head.dynamic) return false;
  const name = head.value;
  if (name !== 'cd' && name !== 'pushd' && name !== 'popd' && name !== 'chdir') return false;
  const before = { cwd: dir.cwd, unknown: dir.unknown === true };
  // where an earlier failed cd left the shell moves along with later relative changes (`cd a; cd ..`)
  let fallback = dir.fallback;
  if (fallback !== undefined) {
    const alt: Dir = { cwd: fallback.cwd, unknown: fallback.unknown === true, stack: [...dir.stack] };
    move(alt, words, name, false);
    fallback = { cwd: alt.cwd, unknown: alt.unknown === true };
  } else if (!guarded) fallback = before;
  move(dir, words, name, opensLine);
  const same = fallback?.cwd === dir.cwd && (fallback?.unknown === true) === (dir.unknown === true);
  // once the shell is surely somewhere (a guarded absolute cd), an earlier failure no longer matters
  const settled = guarded && dir.cwd?.startsWith('/') === true && dir.unknown !== true;
  dir.fallback = same || settled ? undefined : fallback;
  return true;
}

function move(dir: Dir, words: readonly Field[], name: string, opensLine: boolean): boolean {
  const operands = words.slice(1).filter((w, i) => !(i === 0 && /^-[LPe@n]+$/.test(w.value)));
  const target = operands[operands[0]?.value === '--' ? 1 : 0];
  if (name === 'popd') {
    const top = dir.stack.shift();
    if (top === undefined || (target !== undefined && ROTATION.test(target.value))) return unknown(dir);
    restore(dir, top);
    return true;
  }
  if (name === 'pushd') {
    const here = { cwd: dir.cwd, unknown: dir.unknown === true };
    if (target === undefined) {
      // plain `pushd` swaps the top two directories
      const top = dir.stack.shift();
      if (top === undefined) return unknown(dir);
      dir.stack.unshift(here);
      restore(dir, top);
      return true;
    }
    if (ROTATION.test(target.value)) return unknown(dir);
    dir.stack.unshift(here);
  }
  if (target === undefined) return restore(dir, { cwd: '~' });
  // `cd -` returns to $OLDPWD, which the line may not have set
  if (target.value === '-') return unknown(dir, '-');
  const path = literalPath(target, opensLine && dir.cwd === undefined && dir.unknown !== true);
  const next = path === undefined ? undefined : join(dir, path);
  return next === undefined ? unknown(dir, target.value) : restore(dir, { cwd: next });
}

/** The directory a word names, or undefined when it is only known when it runs. */
function literalPath(word: Field, atStart: boolean): string | undefined {
  if (!word.dynamic) return word.value === '' ? undefined : word.value;
  const toplevel = atStart ? TOPLEVEL.exec(word.value) : null;
  if (toplevel !== null) {
    const rest = word.value.slice(toplevel[0].length);
    return rest.includes('$') || rest.includes('`') ? undefined : GIT_TOPLEVEL + rest;
  }
  const known = KNOWN_PREFIX.exec(word.value);
  if (known === null) return undefined;
  const rest = word.value.slice(known[0].length - (known[2] === '/' ? 1 : 0));
  if (rest.includes('$') || rest.includes('`')) return undefined;
  const base = known[1] === 'HOME' ? '~' : known[1] === 'PWD' ? '.' : '/tmp';
  return base + rest;
}

function join(dir: Dir, path: string): string | undefined {
  if (path.startsWith('/') || path === '~' || path.startsWith('~/') || path.startsWith(GIT_TOPLEVEL))
    return path;
  // `~user` and relative paths from an unknown directory cannot be resolved
  if (path.startsWith('~') || dir.unknown === true) return undefined;
  return dir.cwd === undefined ? path : `${dir.cwd}/${path}`;
}

function restore(dir: Dir, to: { cwd?: string | undefined; unknown?: boolean }): true {
  dir.cwd = to.cwd;
  dir.unknown = to.unknown === true;
  return true;
}

function unknown(dir: Dir, text = 'a directory known only when it runs'): true {
  return restore(dir, { cwd: text, unknown: true });
}
