import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { ENV_LOOKUP, LANGUAGES } from '../classifiers/interpreters/interpreters.js';
import { sqlOperations } from '../classifiers/databases/sql.js';
import { operation } from '../classifiers/operation.js';
import { isProtectedZone, pathZone } from '../classifiers/paths.js';
import { apiClientDeletes } from './api-clients.js';
import { programCalls } from './program-calls.js';
import { shellTextOperations, type LookContext } from './trail.js';

const SHEBANG: [RegExp, string][] = [
  [/python/, 'python'],
  [/\b(node|bun|deno|tsx|ts-node)\b/, 'node'],
  [/ruby/, 'ruby'],
  [/perl/, 'perl'],
  [/php/, 'php'],
];
const EXTENSIONS: Record<string, string> = {
  py: 'python',
  js: 'node',
  mjs: 'node',
  cjs: 'node',
  ts: 'node',
  rb: 'ruby',
  pl: 'perl',
  php: 'php',
  lua: 'lua',
  r: 'r',
  jl: 'julia',
  tcl: 'tcl',
};
const SQL_TEXT = /^\s*(?:DROP|TRUNCATE|DELETE|UPDATE|ALTER)\s/i;
const LITERAL = /(['"`])((?:\\.|(?!\1).)*)\1/g;
// Module names are literals too (`require('fs')`, `import shutil`), never paths a call deletes.
const MODULE =
  /^(?:node:)?(?:os|fs|fs\/promises|shutil|subprocess|fs-extra|fileutils|child_process|pathlib|rimraf|path)$/i;
// A cloud or cluster SDK, and the calls of one that delete (`bucket.objects.all().delete()`, `DeleteBucketCommand`).
const SDK =
  /\bboto3\b|\bbotocore\b|@aws-sdk\/|\baws-sdk\b|\bgoogle\.cloud\b|@google-cloud\/|\bazure\.|@azure\/|\bAws::|\bGoogle::Cloud|\bkubernetes\b|@kubernetes\//;
const SDK_DELETES =
  /\.(?:delete|delete_\w+|delete[A-Z]\w*|destroy\w*|terminate\w*|purge\w*|empty_\w+|drop\w*)\s*\(|\bnew\s+(?:Delete|Terminate|Purge|Remove)\w*Command\s*\(/;
// An ORM emptying a whole table (`Order.objects.all().delete()`, `User.delete_all`): a DELETE with no WHERE.
const ORM_EMPTIES =
  /\.objects\.(?:all\(\)\.)?delete\(\)|\.(?:delete_all|destroy_all)\b(?!\s*\()|\.(?:delete_all|destroy_all)\(\s*\)/;
const PROFILE = /\b(?:profile_name|profile|AWS_PROFILE)\s*[:=]\s*['"]([\w.-]+)['"]/;
const PROJECT = /\b(?:project|projectId|project_id)\s*[:=]\s*['"]([\w.-]+)['"]/;
const PRODUCTION_WORD = /(?:^|[^a-z])(?:prod|production|prd|live)(?:[^a-z]|$)/i;

/** How a file runs when executed directly: its shebang's language, else its extension's, else a shell. */
export function languageOf(path: string, text: string): string {
  const first = text.slice(0, 200).split('\n', 1)[0] ?? '';
  if (first.startsWith('#!')) return SHEBANG.find(([re]) => re.test(first))?.[1] ?? 'shell';
  return EXTENSIONS[/\.([a-z]+)$/.exec(path)?.[1] ?? ''] ?? 'shell';
}

// A word list (`%w[tmp/cache coverage]` in ruby): each word is a literal.
const WORD_LIST = /%[wWiI]([[({<])([^\])}>]*)[\])}>]/g;

function literals(text: string): string[] {
  return [
    ...[...text.matchAll(LITERAL)].map((m) => m[2] ?? ''),
    ...[...text.matchAll(WORD_LIST)].flatMap((m) => (m[2] ?? '').split(/\s+/).filter((w) => w !== '')),
  ];
}

const IDENT = String.raw`[A-Za-z_$][\w$]*`;
const QUOTED = String.raw`(['"])((?:\\.|(?!\1).)*)\1`;
// A literal folder joined with a variable: `Path("/srv/app") / d`, `os.path.join("/srv/app", d)`, `File.join(…)`.
const JOINED = [
  new RegExp(String.raw`(?:join|resolve)\(\s*${QUOTED}\s*,\s*(${IDENT})\s*\)`, 'g'),
  new RegExp(String.raw`${QUOTED}\s*\)?\s*\/\s*(${IDENT})\b`, 'g'),
];

/**
 * The values a loop variable takes when the loop walks a written-out list: `for d in ("build", "dist"):`,
 * `%w[a b].each do |d|`, `["a", "b"].each { |d|`, `for (const d of ["a", "b"])`, `["a", "b"].forEach((d) =>`.
 */
function loopValues(code: string, name: string): string[] | undefined {
  const list = String.raw`(\([^()]*\)|\[[^\]]*\]|%[wW][[(][^\])]*[\])])`;
  const patterns = [
    new RegExp(String.raw`\bfor\s+${name}\s+in\s+${list}\s*:`),
    new RegExp(String.raw`${list}\s*\.each\s*(?:do\s*|\{\s*)\|\s*${name}\s*\|`),
    new RegExp(String.raw`\bfor\s*\(\s*(?:const|let|var)\s+${name}\s+of\s+${list}\s*\)`),
    new RegExp(String.raw`${list}\s*\.forEach\s*\(\s*(?:\(\s*${name}\s*\)|${name})\s*=>`),
  ];
  for (const pattern of patterns) {
    const found = pattern.exec(code)?.[1];
    if (found === undefined) continue;
    const values = literals(found);
    // a list with anything but literals in it (`[base, "dist"]`) is not written out
    const rest = found
      .replace(new RegExp(LITERAL.source, 'g'), '')
      .replace(/^%[wW]./, '')
      .replace(/[\s,()[\]]/g, '');
    if (values.length > 0 && (found.startsWith('%') || rest === '')) return values;
  }
  return undefined;
}

/**
 * The paths a delete line names when it joins a literal folder with a loop variable whose values are written out
 * (`shutil.rmtree(Path("/srv/app") / d)` for d in build, dist: /srv/app/build, /srv/app/dist), with the folder
 * itself left out of what is deleted; undefined when the line joins nothing it can spell out.
 */
function joinedPaths(line: string, code: string): { folders: string[]; paths: string[] } | undefined {
  const folders: string[] = [];
  const paths: string[] = [];
  for (const pattern of JOINED)
    for (const match of line.matchAll(pattern)) {
      const folder = match[2] ?? '';
      const values = loopValues(code, match[3] ?? '');
      if (values === undefined) return undefined;
      folders.push(folder);
      paths.push(...values.map((v) => `${folder.replace(/\/+$/, '')}/${v}`));
    }
  return folders.length === 0 ? undefined : { folders, paths };
}

/**
 * Look-inside for a program file (python, node, ruby, perl, php): each line that starts a process has its
 * command read from its string literals and judged as shell text (`os.system("rm -rf ~")`,
 * `subprocess.run(["rm", "-rf", "/"])`); one whose command is computed is held. A line that deletes files
 * is judged on the paths it names. Reasons name the file and line.
 */
export function codeFileOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  code: string,
  language: string,
  label: string,
  ctx: LookContext,
  /** False for inline code, whose deletes the interpreter classifier has judged already. */
  deletes = true,
): Operation[] {
  const rules = LANGUAGES[language];
  if (rules === undefined) return [];
  const ops: Operation[] = [];
  const calls = programCalls(code, language);
  // each process the code starts, judged on the command its literals spell out; a computed one is held
  for (const call of calls) {
    const where = `${label}:${call.line}`;
    if (call.shell === undefined)
      ops.push(
        codeOp(
          command,
          'execute',
          where,
          `${where}, which starts a process whose command is only known when it runs (${call.via})`,
        ),
      );
    // code run on another machine (`ssh host python3 -c …`) starts its processes there
    else ops.push(...shellTextOperations(command, surroundings, call.shell, where, ctx, command.remote));
  }
  const sdk = SDK.test(code);
  // calls on an API client (an SDK import, a constructed client) whose name says they destroy
  const clientDeletes = new Map(apiClientDeletes(code).map((d) => [d.line, d.call]));
  const lines = code.split('\n');
  for (const [index, line] of lines.entries()) {
    if (/^\s*(#|\/\/)/.test(line)) continue;
    const where = `${label}:${index + 1}`;
    // SQL in a string literal (`cur.execute('DROP TABLE users')`) is SQL through one more door
    // — unless it is a word of a process the code starts (`psql -h localhost -c '…'`), judged above with its server
    for (const literal of literals(line))
      if (SQL_TEXT.test(literal) && !calls.some((c) => c.shell?.includes(literal) === true))
        ops.push(
          ...sqlOperations(command, ctx.deps.sql, literal, 'postgres', {}).map((op) => ({
            ...op,
            summary: `${where}: ${op.summary}`,
          })),
        );
    const clientDelete = clientDeletes.get(index + 1);
    if (sdk && SDK_DELETES.test(line)) ops.push(sdkDelete(command, code, where));
    else if (clientDelete !== undefined)
      ops.push(sdkDelete(command, code, where, `an API client call that destroys (${clientDelete})`));
    else if (ORM_EMPTIES.test(line))
      ops.push(
        operation(command, {
          kind: 'delete',
          category: 'sql',
          destructive: true,
          reversible: false,
          target: where,
          summary: `${command.name} runs ${where}, which empties a whole table through the ORM`,
          hints: {},
        }),
      );
    if (deletes && rules.deletes.test(line)) {
      // a path in a variable (`for d in ('build', 'dist'): rmtree(d)`) is one of the file's literals
      const joined = joinedPaths(line, code);
      const own = [
        ...literals(line.replace(ENV_LOOKUP, '')).filter(
          (t) => t !== '' && !/\s/.test(t) && !MODULE.test(t) && joined?.folders.includes(t) !== true,
        ),
        ...(joined?.paths ?? []),
      ];
      // a path read from a variable (`Deno.remove(Deno.env.get('HOME')!)`) is computed at run time
      const fromVariable = new RegExp(ENV_LOOKUP.source).test(line);
      // …but only when the call's argument is a plain variable; a call (`os.homedir()`) is computed
      const variable = /\(\s*[A-Za-z_$][\w$]*\s*[,)]/.test(line);
      const named =
        own.length > 0 || !variable
          ? own
          : literals(code).filter(
              (t) => t !== '' && !/\s/.test(t) && !MODULE.test(t) && /^[~./\w-]+$/.test(t),
            );
      const risky =
        named.length === 0 || fromVariable
          ? ['a path computed at run time']
          : named.filter((p) => isProtectedZone(pathZone(p, command, surroundings).zone));
      for (const path of risky) ops.push(codeOp(command, 'delete', path, `${where} deletes ${path}`));
    }
  }
  return ops;
}

/**
 * A cloud SDK call that deletes: where it lands is read from the file's own literals (a profile, a project, a
 * production name); with none, the environment is unknown, which holds like any unknown one.
 */
function sdkDelete(
  command: SimpleCommand,
  code: string,
  where: string,
  what = 'a cloud SDK call that deletes',
): Operation {
  const hints: Operation['hints'] = {};
  const profile = PROFILE.exec(code)?.[1];
  const project = PROJECT.exec(code)?.[1];
  if (profile !== undefined) hints.awsProfile = profile;
  if (project !== undefined) hints.gcpProject = project;
  if (literals(code).some((t) => PRODUCTION_WORD.test(t) && !/\s/.test(t))) hints.environment = 'prod';
  return operation(command, {
    kind: 'delete',
    category: 'cloud',
    destructive: true,
    reversible: false,
    target: where,
    summary: `${command.name} runs ${where}, ${what}`,
    hints,
  });
}

function codeOp(command: SimpleCommand, kind: Operation['kind'], target: string, summary: string): Operation {
  return operation(command, {
    kind,
    category: kind === 'delete' ? 'filesystem' : 'process',
    destructive: true,
    reversible: false,
    target,
    summary: `${command.name} runs ${summary}`,
    hints: { local: true },
  });
}
