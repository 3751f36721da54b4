import type { ActionSurroundings, CommandClassifier, Operation, SimpleCommand } from '../../types.js';
import type { ClassifierDeps } from '../deps.js';
import { frameworkOperations, scriptFramework } from '../frameworks/frameworks.js';
import { classifyGeneric } from '../generic/intent.js';
import { operation } from '../operation.js';
import { isProtectedZone, pathZone } from '../paths.js';
import { classifyTarRemoveFiles } from '../filesystem/filesystem.js';

/** What marks code of one language as deleting files or starting processes. */
export interface Language {
  codeOptions: string[];
  deletes: RegExp;
  executes: RegExp;
}

const PYTHON: Language = {
  codeOptions: ['-c'],
  deletes:
    /\b(shutil\.rmtree|rmtree|os\.remove|os\.unlink|os\.rmdir|os\.removedirs|\.unlink|\.rmdir|os\.truncate|send2trash)\s*\(/,
  executes:
    /\b(os\.system|os\.popen|os\.exec\w*|os\.spawn\w*|subprocess\.\w+|os\.kill|os\.killpg|pty\.spawn|eval|exec)\s*\(|__import__\s*\(\s*['"](os|subprocess|shutil)/,
};
const NODE: Language = {
  codeOptions: ['-e', '--eval', '-p', '--print'],
  deletes:
    /\b(rmSync|rmdirSync|unlinkSync|rm|rmdir|unlink|truncateSync|truncate|rimraf|emptyDirSync|removeSync|remove)\s*\(/,
  executes:
    /\b(child_process|execSync|exec|execFile|execFileSync|spawn|spawnSync|fork|process\.kill|Deno\.run|Deno\.Command|Bun\.spawn|eval|Function)\s*\(|require\s*\(\s*['"](node:)?child_process/,
};
const PERL: Language = {
  codeOptions: ['-e', '-E'],
  deletes: /\b(unlink|rmtree|remove_tree|rmdir|truncate)\b/,
  executes: /\b(system|exec|kill|eval|qx)\b|`/,
};
const RUBY: Language = {
  codeOptions: ['-e'],
  deletes:
    /\b(FileUtils\.(rm\w*|remove\w*)|File\.(delete|unlink|truncate)|Dir\.(rmdir|delete|unlink)|Pathname.*\.(rmtree|delete|unlink))\b/,
  executes: /\b(system|exec|spawn|Process\.kill|IO\.popen|Open3\.\w+|eval)\b|%x|`/,
};
const PHP: Language = {
  codeOptions: ['-r'],
  deletes: /\b(unlink|rmdir)\s*\(/,
  executes: /\b(system|exec|shell_exec|passthru|proc_open|popen|eval)\s*\(|`/,
};

const LUA: Language = {
  codeOptions: ['-e'],
  deletes: /\bos\.remove\s*[("']/,
  executes: /\b(os\.execute|io\.popen|load|loadstring|dofile)\b/,
};
const R: Language = {
  codeOptions: ['-e', '--expr'],
  deletes: /\b(unlink|file\.remove)\s*\(/,
  executes: /\b(system2?|shell|pipe|eval)\s*\(/,
};
const JULIA: Language = {
  codeOptions: ['-e', '--eval', '-E', '--print'],
  deletes: /\brm\s*\(/,
  executes: /\b(run|success|pipeline|eval|include_string)\s*\(|`/,
};
const TCL: Language = {
  codeOptions: [],
  deletes: /\bfile\s+delete\b/,
  executes: /\b(exec|eval|uplevel)\b|\bopen\s+["{]?\|/,
};

/** Languages by interpreter name. */
export const LANGUAGES: Readonly<Record<string, Language>> = {
  python: PYTHON,
  python3: PYTHON,
  python2: PYTHON,
  pypy: PYTHON,
  pypy3: PYTHON,
  node: NODE,
  nodejs: NODE,
  bun: NODE,
  deno: NODE,
  perl: PERL,
  ruby: RUBY,
  php: PHP,
  lua: LUA,
  luajit: LUA,
  'lua5.1': LUA,
  'lua5.2': LUA,
  'lua5.3': LUA,
  'lua5.4': LUA,
  Rscript: R,
  julia: JULIA,
  tclsh: TCL,
  // by the language names look-inside reads program files in
  r: R,
  tcl: TCL,
};

const STRING_LITERAL = /(['"])((?:\\.|(?!\1).)*)\1/g;

/** The inline code of an interpreter call, or undefined when it runs a file. */
function inlineCode(command: SimpleCommand, language: Language): string | undefined {
  const args = command.args;
  if (command.name === 'deno' && args[0] === 'eval') return args.slice(1).join(' ');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (language.codeOptions.includes(arg)) return args[i + 1];
    // clustered forms like perl -ne, ruby -pe, python -Sc
    if (
      /^-[A-Za-z]+$/.test(arg) &&
      language.codeOptions.some((o) => o.length === 2 && arg.endsWith(o[1] ?? ''))
    )
      return args[i + 1];
    if (!arg.startsWith('-')) return undefined;
  }
  return undefined;
}

/** A variable read by name: the literal is the variable's name, the path it holds is known only at run time. */
export const ENV_LOOKUP =
  /(?:\benv\.get|\bgetenv|\benviron\.get|\benviron|\bENV|\$_ENV|\$_SERVER)\s*[[(]\s*(['"])[A-Za-z_][A-Za-z0-9_]*\1\s*[\])]/g;

/** Paths named in the code: every string literal that looks like a path. */
function namedPaths(code: string): string[] {
  const out: string[] = [];
  for (const match of code.matchAll(STRING_LITERAL)) {
    const text = match[2] ?? '';
    if (
      text !== '' &&
      !/\s/.test(text) &&
      !/^(os|fs|shutil|subprocess|node:fs|fs-extra|fileutils|child_process|pathlib|rimraf)$/i.test(text)
    )
      out.push(text);
  }
  return out;
}

function interpreterOp(
  command: SimpleCommand,
  kind: Operation['kind'],
  target: string,
  summary: string,
  category: Operation['category'] = 'filesystem',
): Operation {
  return operation(command, {
    kind,
    category,
    destructive: true,
    reversible: false,
    target,
    summary,
    hints: { local: true },
  });
}

function codeOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  code: string,
  language: Language,
  readsInside: boolean,
): Operation[] {
  // with look-inside on, the processes the code starts are judged there, on the commands they name
  if (!readsInside && language.executes.test(code)) {
    // a shell string or process call inside code cannot be judged safely here: hold it
    return [
      interpreterOp(
        command,
        'execute',
        'processes started from inline code',
        `${command.name} one-liner starts processes or shell commands`,
        'process',
      ),
    ];
  }
  if (!language.deletes.test(code)) return [];
  const paths = namedPaths(code.replace(ENV_LOOKUP, ''));
  // `Deno.remove(Deno.env.get('HOME'))`, `shutil.rmtree(os.environ['HOME'])`: a path read from a variable is
  // computed at run time, whatever literals the code also names
  const risky =
    paths.length === 0 || new RegExp(ENV_LOOKUP.source).test(code)
      ? ['a path computed at run time']
      : paths.filter((p) => isProtectedZone(pathZone(p, command, surroundings).zone));
  return risky.map((p) => interpreterOp(command, 'delete', p, `${command.name} one-liner deletes ${p}`));
}

const AWK_EXECUTES = /\bsystem\s*\(|\|\s*getline|print[^;]*\|\s*"/;
const AWK_STRING = '"((?:\\\\.|[^"\\\\])*)"';

/** The program an awk call runs from its words (the first word that is neither an option nor its value). */
export function awkProgram(args: readonly string[]): string | undefined {
  return args.find((a, i) => !a.startsWith('-') && !['-F', '-v', '-f'].includes(args[i - 1] ?? ''));
}

/**
 * The shell commands an awk program runs, when each is a literal (`system("date")`, `"uname -a" | getline`); undefined
 * when any is computed (`system("rm " $1)`) or fed by the program (`print | "sh"`). The shell reader judges the
 * literal ones as commands of the line (adapters/shell/runners.ts).
 */
export function awkCommands(program: string): string[] | undefined {
  const out: string[] = [];
  let rest = program;
  for (const m of program.matchAll(new RegExp(`\\bsystem\\s*\\(\\s*${AWK_STRING}\\s*\\)`, 'g'))) {
    out.push((m[1] ?? '').replace(/\\(.)/g, '$1'));
    rest = rest.replace(m[0], '');
  }
  for (const m of program.matchAll(new RegExp(`${AWK_STRING}\\s*\\|\\s*getline`, 'g'))) {
    out.push((m[1] ?? '').replace(/\\(.)/g, '$1'));
    rest = rest.replace(m[0], '');
  }
  return AWK_EXECUTES.test(rest) ? undefined : out;
}

/** awk programs that run shell commands (`system("…")`, `print | "sh"`) the line does not spell out. */
export const classifyAwk: CommandClassifier = (command) => {
  const program = awkProgram(command.args);
  if (program === undefined || !AWK_EXECUTES.test(program)) return [];
  // literal commands are parsed by the shell reader and judged themselves
  if (awkCommands(program) !== undefined) return [];
  return [
    interpreterOp(
      command,
      'execute',
      'shell commands from awk',
      `${command.name} program runs shell commands`,
      'process',
    ),
  ];
};

/** tar --checkpoint-action=exec / --to-command / --use-compress-program and vim -c '!…': shell commands in options. */
export const classifyExecOption: CommandClassifier = (command, surroundings) => {
  const removed =
    command.name === 'tar' || command.name === 'gtar' ? classifyTarRemoveFiles(command, surroundings) : [];
  return [...removed, ...execOptionOps(command)];
};

function execOptionOps(command: SimpleCommand): Operation[] {
  const runs =
    command.name === 'tar'
      ? command.args.some(
          (a) =>
            /^--(checkpoint-action=exec|to-command|use-compress-program|rsh-command|info-script|new-volume-script)/.test(
              a,
            ) || /^-[A-Za-z]*I$/.test(a),
        )
      : command.args.some(
          (a, i) =>
            (command.args[i - 1] === '-c' || command.args[i - 1] === '--cmd' || a.startsWith('+')) &&
            /^\+?:?!|\bsystem\(/.test(a.replace(/^\+/, '')),
        );
  return runs
    ? [
        interpreterOp(
          command,
          'execute',
          'shell commands in options',
          `${command.name} options run shell commands`,
          'process',
        ),
      ]
    : [];
}

/**
 * The program an interpreter call runs from its words or standard input (`python -c CODE`, `deno eval CODE`,
 * `python3 - <<EOF`), and whether it is only known when the line runs; undefined when it runs a file.
 */
export function inlineProgram(command: SimpleCommand): { code: string; dynamic: boolean } | undefined {
  const language = LANGUAGES[command.name];
  if (language === undefined) return undefined;
  const script = command.args.find((a) => !a.startsWith('-'));
  if (script?.endsWith('manage.py') === true && inlineCode(command, language) === undefined) return undefined;
  const fromStdin =
    command.stdin !== undefined && (script === undefined || script === '-') ? command.stdin : undefined;
  const code = inlineCode(command, language) ?? fromStdin;
  if (code === undefined) return undefined;
  return { code, dynamic: command.dynamicArgs.includes(command.args.indexOf(code)) && /[$`]/.test(code) };
}

/**
 * python -c, node -e, perl -e, ruby -e, php -r, deno eval; also `python manage.py` and `php artisan`, read by the
 * frameworks family. With run files and the shell parser (look-inside on), processes started from inline code are
 * left to look-inside, which judges the commands they name.
 */
export const interpreterClassifier =
  (deps: ClassifierDeps): CommandClassifier =>
  (command, surroundings) =>
    classifyInterpreter(command, surroundings, deps);

/** The framework script an interpreter runs (`python manage.py …`, `php artisan …`), with its words. */
function frameworkScript(
  command: SimpleCommand,
  language: Language,
): { name: string; args: string[] } | undefined {
  const at = command.args.findIndex((a) => !a.startsWith('-'));
  const name = scriptFramework(command.args[at] ?? '');
  if (name === undefined || (name === 'manage.py') !== (language === PYTHON)) return undefined;
  // an option before the script that runs code of its own (`python -c …`, `php -r …`) is not this
  if (command.args.slice(0, at).some((a) => /^-[cmrE]$/.test(a))) return undefined;
  return { name, args: command.args.slice(at + 1) };
}

function classifyInterpreter(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  deps: ClassifierDeps,
): Operation[] {
  const readsInside = deps.readRunFile !== undefined && deps.parser !== undefined;
  const language = LANGUAGES[command.name];
  if (language === undefined) return [];
  // `deno task NAME` runs a task of deno.json: look-inside judges what it runs, or its name when none defines it
  if (command.name === 'deno' && command.args[0] === 'task' && readsInside) return [];
  const framework = frameworkScript(command, language);
  if (framework !== undefined) {
    const own = frameworkOperations(command, surroundings, deps, framework.name, framework.args) ?? [];
    // `php artisan queue:flush`: artisan's other commands are read like any unfamiliar CLI's
    return own.length > 0 || framework.name === 'manage.py'
      ? own
      : classifyGeneric(command, framework.args, surroundings);
  }
  const script = command.args.find((a) => !a.startsWith('-'));
  // `python3 - <<EOF`, `node <<EOF`: the program arrives on standard input
  const fromStdin =
    command.stdin !== undefined && (script === undefined || script === '-') ? command.stdin : undefined;
  const code = inlineCode(command, language) ?? fromStdin;
  if (code === undefined) {
    // `php artisan db:wipe`, `python tool.py drop-all`: the script's own CLI, read like any unfamiliar one
    if (script === undefined || command.args.includes('-m')) return [];
    return classifyGeneric(command, command.args.slice(command.args.indexOf(script) + 1), surroundings);
  }
  if (command.dynamicArgs.includes(command.args.indexOf(code)) && /[$`]/.test(code)) {
    return [
      interpreterOp(
        command,
        'execute',
        'code known only at run time',
        `${command.name} runs code that is only known when it runs`,
        'process',
      ),
    ];
  }
  return codeOperations(command, surroundings, code, language, readsInside);
}
