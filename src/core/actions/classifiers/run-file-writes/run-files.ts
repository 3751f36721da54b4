import { posix } from 'node:path';
import { configEntries, EXECUTING_KEY, SAFE_VALUE } from '../../look-inside/git-config.js';
import { parseTaskfile } from '../../look-inside/taskfile.js';

// Files whose text something runs later — make, just, task, a package manager, compose, CI, git, a shell —
// and the shell commands a piece of their text holds. A write into one is judged on those commands.

/** The kinds of run file, told by the file's name. */
export type RunFileKind = 'makefile' | 'justfile' | 'taskfile' | 'package' | 'yaml' | 'git-config' | 'script';

/** The kind of run file a path names, or undefined for any other file. */
export function runFileKind(path: string): RunFileKind | undefined {
  const base = posix.basename(path);
  if (/^(GNUmakefile|[Mm]akefile)(\..+)?$|\.mk$/.test(base)) return 'makefile';
  if (/^\.?[Jj]ustfile$/.test(base)) return 'justfile';
  if (/^Taskfile(\.dist)?\.ya?ml$/i.test(base)) return 'taskfile';
  if (base === 'package.json') return 'package';
  if (
    /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(base) ||
    /^\.gitlab-ci\.ya?ml$|^bitbucket-pipelines\.yml$|^azure-pipelines\.ya?ml$|^\.travis\.yml$/.test(base) ||
    /(^|\/)\.(github\/workflows|circleci|buildkite)\/[^/]+\.ya?ml$/.test(path) ||
    /^(lefthook|\.pre-commit-config|skaffold|tiltfile|devfile|\.?gitpod)\.ya?ml$/i.test(base)
  )
    return 'yaml';
  if (base === '.gitconfig' || /(^|\/)\.git\/config$/.test(path) || /(^|\/)git\/config$/.test(path))
    return 'git-config';
  if (/\.(sh|bash|zsh)$/.test(base) || /(^|\/)\.git\/hooks\/[^/]+$|(^|\/)\.husky\/[^/]+$/.test(path))
    return 'script';
  return undefined;
}

/** Keys whose value a tool runs as a command (compose, CI, task runners, package scripts). */
export const RUN_KEY =
  /^(command|entrypoint|cmd|script|before_script|after_script|run|test|exec|shell|post_?start|pre_?stop|on_?start|setup|teardown|scripts\.[\w:.-]+|cmds)$/i;

// make's own defaults for the variables recipes use most (`$(RM) -rf /` is `rm -f -rf /`).
const MAKE_DEFAULTS: Record<string, string> = {
  MAKE: 'make',
  RM: 'rm -f',
  CC: 'cc',
  CXX: 'g++',
  SHELL: '/bin/sh',
};

/** Make variables (`$(HOME)`, `${HOME}`) become the shell's, `$$` a dollar: a written recipe as the shell sees it. */
function shellOfRecipe(line: string): string {
  // one pass, so the `$` of `$$` is never read again as the start of a variable
  return line
    .replace(/^[\s@+-]+/, '')
    .replace(/\$(\$|\(([^()]+)\)|\{([^{}]+)\})/g, (_, what: string, paren?: string, brace?: string) => {
      if (what === '$') return '$';
      const name = (paren ?? brace ?? '').trim();
      return MAKE_DEFAULTS[name] ?? `\${${name}}`;
    });
}

function recipeLines(text: string, indented: RegExp): string[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  return lines
    .filter((line) => indented.test(line))
    .map(shellOfRecipe)
    .filter((line) => line !== '');
}

function unquote(text: string): string {
  const t = text.trim();
  return /^(['"]).*\1$/s.test(t) ? t.slice(1, -1) : t;
}

/** A YAML value that is a command: a string, or a flow list of words (`["sh", "-c", "…"]`). */
function yamlCommand(value: string): string {
  const list = /^\[(.*)\]$/s.exec(value.trim());
  if (list === null) return unquote(value);
  const words = (list[1] ?? '').split(',').map(unquote);
  // `["sh", "-c", "TEXT"]` runs TEXT
  return words.length >= 3 && /^(ba|z|da)?sh$/.test(posix.basename(words[0] ?? '')) && words[1] === '-c'
    ? words.slice(2).join(' ')
    : words.join(' ');
}

/** The values of run keys in YAML text, and the list items under them (read by indentation, loosely). */
function yamlCommands(text: string): string[] {
  const out: string[] = [];
  let under: number | undefined;
  for (const line of text.split('\n')) {
    const pair = /^(\s*)(?:-\s+)?([\w.-]+):\s*(.*)$/.exec(line);
    if (pair !== null) {
      const indent = (pair[1] ?? '').length;
      const value = (pair[3] ?? '').trim();
      if (under !== undefined && indent <= under) under = undefined;
      if (!RUN_KEY.test(pair[2] ?? '')) continue;
      if (value === '' || value === '|' || value === '>' || value === '|-' || value === '>-') under = indent;
      else out.push(yamlCommand(value));
      continue;
    }
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item !== null && under !== undefined) out.push(yamlCommand(item[1] ?? ''));
    else if (under !== undefined && line.trim() !== '') out.push(line.trim());
  }
  return out.filter((c) => c !== '');
}

/** The shell commands a piece of a run file's text holds (what the tool would run of it). */
export function commandsOf(kind: RunFileKind, text: string): string[] {
  switch (kind) {
    // recipe lines are the indented ones, whichever rule they join (an append lands under the file's last rule)
    case 'makefile':
      return recipeLines(text, /^\t/);
    case 'justfile':
      return recipeLines(text, /^[ \t]+\S/);
    case 'taskfile':
      return [...parseTaskfile(text).values()].flatMap((task) => task.cmds);
    case 'yaml':
      return yamlCommands(text);
    case 'package':
      return packageScripts(text);
    case 'git-config':
      return configEntries(text).flatMap(([key, value]) =>
        EXECUTING_KEY.test(key) &&
        key !== 'core.hookspath' &&
        !SAFE_VALUE.test(value) &&
        (!key.startsWith('alias.') || value.startsWith('!'))
          ? [value.replace(/^!/, '')]
          : [],
      );
    case 'script':
      return [text];
  }
}

function packageScripts(text: string): string[] {
  try {
    const json: unknown = JSON.parse(text);
    const scripts = (json as { scripts?: unknown } | null)?.scripts;
    if (typeof scripts !== 'object' || scripts === null) return [];
    return Object.values(scripts).filter((v): v is string => typeof v === 'string');
  } catch {
    // a fragment that is not JSON: the string values of `"name": "command"` pairs
    return [...text.matchAll(/"[\w:.-]+"\s*:\s*"((?:[^"\\]|\\.)*)"/g)].map((m) =>
      (m[1] ?? '').replace(/\\(["\\])/g, '$1'),
    );
  }
}
