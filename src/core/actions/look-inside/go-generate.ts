import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue } from '../classifiers/args.js';
import { runPath } from './scripts.js';
import { heldInside, readWithin, shellTextOperations, type LookContext } from './trail.js';

// `go generate ./internal/...` runs the `//go:generate` directives of the packages' Go files, each a command run in
// its package's folder: an agent can write one directive and run it in the next call. The directives are read as
// the files stand; a package list blastwall cannot walk (an import path, too many folders) holds the call.

const VALUED = ['-run', '-skip', '-tags', '-C'];
/** The most package folders one call walks (`./...`) before it holds. */
const MAX_FOLDERS = 32;

/** The package folders a `go generate` argument names, or undefined when they cannot be listed here. */
function packageFolders(pattern: string, cwd: string, ctx: LookContext): string[] | undefined {
  const recursive = pattern === '...' || pattern.endsWith('/...');
  const base = posix.resolve(cwd, recursive ? pattern.replace(/\/?\.\.\.$/, '') || '.' : pattern);
  if (!recursive) return [base];
  const out: string[] = [];
  const walk = (dir: string, depth: number): boolean => {
    if (out.length >= MAX_FOLDERS || depth > 8) return false;
    out.push(dir);
    const listed = ctx.deps.listFolder?.(dir);
    if (listed === 'too-many' || listed === undefined) return listed === undefined;
    for (const entry of listed)
      if (entry.endsWith('/') && !/^[._]|^(?:vendor|testdata)\/$/.test(entry))
        if (!walk(posix.join(dir, entry), depth + 1)) return false;
    return true;
  };
  return walk(base, 0) ? out : undefined;
}

/** The directives of one Go file, with `-command` aliases expanded and go generate's variables filled in. */
function directives(text: string, file: string, pkg: string): { line: number; shell: string }[] {
  const aliases = new Map<string, string>();
  const out: { line: number; shell: string }[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const body = /^\/\/go:generate\s+(.*?)\s*$/.exec(line)?.[1];
    if (body === undefined) continue;
    const alias = /^-command\s+(\S+)\s+(.*)$/.exec(body);
    if (alias !== null) {
      aliases.set(alias[1] ?? '', alias[2] ?? '');
      continue;
    }
    const [first = '', ...rest] = body.split(/\s+/);
    const expanded = [aliases.get(first) ?? first, ...rest]
      .join(' ')
      .replace(/\$\{?GOFILE\}?/g, posix.basename(file))
      .replace(/\$\{?GOPACKAGE\}?/g, pkg)
      .replace(/\$\{?GOLINE\}?/g, String(index + 1))
      .replace(/\$\{?DOLLAR\}?/g, '\\$');
    out.push({ line: index + 1, shell: expanded });
  }
  return out;
}

/** The Go files of a package folder; undefined when it has more entries than are listed. */
function goFiles(folder: string, ctx: LookContext): string[] | undefined {
  const listed = ctx.deps.listFolder?.(folder);
  if (listed === 'too-many') return undefined;
  return (listed ?? []).filter((f) => f.endsWith('.go')).map((f) => posix.join(folder, f));
}

/** Whether `-run`/`-skip`'s expression matches; one JavaScript cannot read runs every directive (skips none). */
function matches(pattern: string | undefined, text: string, otherwise: boolean): boolean {
  if (pattern === undefined) return otherwise;
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return otherwise === true;
  }
}

/** Look-inside for `go generate`: every directive of the packages named, judged as run in its package's folder. */
export function goGenerateOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const words = command.args.filter(
    (a, i) => !a.startsWith('-') && !VALUED.includes(command.args[i - 1] ?? ''),
  );
  if (words[0] !== 'generate' || command.args.includes('-n')) return [];
  const dir = runPath(optionValue(command.args, ['-C']) ?? '.', command, surroundings);
  if (dir === undefined) return [heldInside(command, 'go generate in a folder known only when it runs')];
  const run = optionValue(command.args, ['-run']);
  const skip = optionValue(command.args, ['-skip']);
  const patterns = words.slice(1).length > 0 ? words.slice(1) : ['.'];
  const ops: Operation[] = [];
  for (const pattern of patterns) {
    // an import path (`example.com/x/...`, `all`) names packages blastwall does not resolve
    const local = pattern.startsWith('.') || pattern.startsWith('/') || pattern.endsWith('.go');
    const folders = local
      ? pattern.endsWith('.go')
        ? [posix.resolve(dir, pattern)]
        : packageFolders(pattern, dir, ctx)
      : undefined;
    if (folders === undefined) {
      ops.push(heldInside(command, `${pattern}, packages blastwall cannot list before go generate runs`));
      continue;
    }
    for (const folder of folders) {
      const files = folder.endsWith('.go') ? [folder] : goFiles(folder, ctx);
      if (files === undefined) {
        ops.push(heldInside(command, `${folder}, with more files than blastwall reads before it runs`));
        continue;
      }
      for (const file of files.sort()) {
        const label = posix.relative(surroundings.cwd, file) || file;
        const read = readWithin(command, file, label, ctx);
        if (read === undefined) continue;
        if ('held' in read) {
          ops.push(read.held);
          continue;
        }
        const pkg = /^package\s+(\w+)/m.exec(read.text)?.[1] ?? posix.basename(posix.dirname(file));
        for (const directive of directives(read.text, file, pkg)) {
          if (!matches(run, directive.shell, true) || matches(skip, directive.shell, false)) continue;
          ops.push(
            ...shellTextOperations(
              command,
              { ...surroundings, cwd: posix.dirname(file) },
              directive.shell,
              `${label}:${directive.line} go:generate`,
              ctx,
            ),
          );
        }
      }
    }
  }
  return ops;
}
