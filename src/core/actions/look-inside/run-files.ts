import { parse } from 'yaml';
import type { Operation } from '../types.js';
import { operation } from '../classifiers/operation.js';
import type { Found, RunnerCall, TaskRunner } from './task-runners.js';
import { TaskFileError } from './task-files.js';

// Files a tool runs by kind, named on its line or found by its convention: a notebook run by papermill or
// `jupyter execute` (its code cells), a batch script handed to a cluster scheduler (sbatch, qsub), a PHP file run by
// `wp eval-file`, DVC stages (`dvc repro` runs each stage's `cmd:`), Snakemake rules (`shell:`/`run:`), a hardhat
// script, and a Steam build file (`steamcmd +run_app_build`, which can set a build live). The agent can write any of
// them one call earlier; each is read when the call is decided and judged on what it would run.

const positionals = (args: readonly string[], valued: readonly string[]): string[] =>
  args.filter((a, i) => !a.startsWith('-') && !valued.includes(args[i - 1] ?? ''));
const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

function parseJsonFile(text: string): Record<string, unknown> {
  try {
    const value = record(JSON.parse(text));
    if (value !== undefined) return value;
  } catch {
    // reported below
  }
  throw new TaskFileError('not valid JSON');
}

// ── notebooks ───────────────────────────────────────────────────────────────────────────────────────────────────

const KERNELS: Record<string, string> = { python: 'python', python3: 'python', r: 'r', julia: 'julia' };

/** A notebook's code cells, as one program of its kernel's language; `!cmd` lines and `%%bash` cells as shell. */
function notebookRuns(text: string, call: RunnerCall): Found[] {
  const nb = parseJsonFile(text);
  const meta = record(nb.metadata);
  const name = String(
    record(meta?.kernelspec)?.language ?? record(meta?.language_info)?.name ?? 'python',
  ).toLowerCase();
  const language = KERNELS[name];
  if (language === undefined)
    return [{ label: call.file, held: `a notebook in ${name}, a language blastwall does not read` }];
  const cells = Array.isArray(nb.cells) ? nb.cells : [];
  const code: string[] = [];
  const found: Found[] = [];
  for (const [i, cell] of cells.entries()) {
    const c = record(cell);
    if (c?.cell_type !== 'code') continue;
    const source = Array.isArray(c.source) ? c.source.join('') : String(c.source ?? '');
    const label = `${call.file} cell ${i + 1}`;
    if (/^%%(?:bash|sh|script\s+(?:ba)?sh)\b/.test(source))
      found.push({ label, shell: source.split('\n').slice(1).join('\n') });
    else
      for (const line of source.split('\n')) {
        const bang = /^\s*!(.*)$/.exec(line)?.[1];
        if (bang !== undefined) found.push({ label, shell: bang });
        else code.push(line);
      }
  }
  return [...found, { label: call.file, code: code.join('\n'), language }];
}

const notebookOf = (args: readonly string[]): string[] =>
  args.filter((a) => a.endsWith('.ipynb')).slice(0, 1);

export const PAPERMILL: TaskRunner = {
  idle: (args) => args.includes('--prepare-only') || args.includes('--help'),
  files: (c) => notebookOf(c.args),
  runs: notebookRuns,
};

/** jupyter: `execute NB` and `nbconvert --execute NB` run the notebook's code; other verbs only convert or serve. */
export const JUPYTER: TaskRunner = {
  idle: (args) => !(args[0] === 'execute' || (args[0] === 'nbconvert' && args.includes('--execute'))),
  files: (c) => notebookOf(c.args),
  runs: notebookRuns,
};

// ── batch schedulers ────────────────────────────────────────────────────────────────────────────────────────────

const SBATCH_VALUED = [
  '-A',
  '-a',
  '-b',
  '-c',
  '-C',
  '-D',
  '-d',
  '-e',
  '-G',
  '-i',
  '-J',
  '-L',
  '-M',
  '-m',
  '-N',
  '-n',
];
const SBATCH_VALUED_MORE = ['-o', '-p', '-q', '-t', '-w', '-x', '-F', '-S'];
const SBATCH_FLAGS =
  /^--(?:wait|parsable|test-only|hold|exclusive|requeue|no-requeue|quiet|verbose|usage|help|version|overcommit|contiguous|spread-job|oversubscribe|ignore-pbs|no-kill|use-min-nodes)$/;
const QSUB_VALUED = [
  '-N',
  '-q',
  '-l',
  '-o',
  '-e',
  '-A',
  '-W',
  '-v',
  '-J',
  '-j',
  '-m',
  '-M',
  '-P',
  '-a',
  '-S',
  '-r',
];

/** The script operand of a scheduler call: the first word not an option or an option's value. */
function batchScript(args: readonly string[], valued: readonly string[]): string[] {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (valued.includes(arg)) i++;
    else if (arg.startsWith('--')) {
      if (!arg.includes('=') && !SBATCH_FLAGS.test(arg)) i++;
    } else if (!arg.startsWith('-')) return [arg];
  }
  return [];
}

/** sbatch and qsub run their script as a shell script on the cluster (its `#SBATCH` lines are comments to a shell). */
export const SBATCH: TaskRunner = {
  idle: (args) => args.some((a) => a === '--wrap' || a.startsWith('--wrap=') || a === '--test-only'),
  files: (c) => batchScript(c.args, [...SBATCH_VALUED, ...SBATCH_VALUED_MORE]),
  runs: (text, call) => [{ label: call.file, script: text }],
};
export const QSUB: TaskRunner = {
  files: (c) => batchScript(c.args, QSUB_VALUED),
  runs: (text, call) => [{ label: call.file, script: text }],
};

// ── wp-cli ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** wp: `eval-file FILE` runs the PHP file inside WordPress, against the site the line names. */
export const WP: TaskRunner = {
  idle: (args) => !args.includes('eval-file'),
  files: (c) =>
    c.args
      .slice(c.args.indexOf('eval-file') + 1)
      .filter((a) => !a.startsWith('-'))
      .slice(0, 1),
  runs: (text, call) => [{ label: call.file, code: text, language: 'php' }],
};

// ── DVC ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** dvc: `repro [stage…]` and `exp run [stage…]` run the stages' `cmd:` (all of them when none is named). */
function dvcRuns(text: string, call: RunnerCall): Found[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    throw new TaskFileError('not valid YAML');
  }
  const stages = record(record(doc)?.stages) ?? {};
  const words = positionals(call.command.args, ['-R', '--recursive']).slice(1);
  const names = words
    .filter((w) => w !== 'run')
    .map((w) => w.split(':').at(-1) ?? w)
    .filter((w) => Object.hasOwn(stages, w));
  const chosen = names.length > 0 ? names : Object.keys(stages);
  const found: Found[] = [];
  for (const name of chosen) {
    const stage = record(stages[name]);
    const label = `dvc stage ${name} (${call.file})`;
    const cmd = stage?.cmd ?? record(stage?.do)?.cmd;
    const lines = Array.isArray(cmd) ? cmd : cmd === undefined ? [] : [cmd];
    for (const line of lines)
      found.push(
        typeof line === 'string'
          ? { label, shell: line.replace(/\$\{[^}]*\}/g, '${DVC_VALUE}') }
          : { label, held: 'a command blastwall cannot read' },
      );
  }
  return found;
}

export const DVC: TaskRunner = {
  idle: (args) => {
    const [verb, sub] = positionals(args, []);
    return !(verb === 'repro' || (verb === 'exp' && sub === 'run')) || args.includes('--dry');
  },
  files: (c) => {
    const target = positionals(c.args, []).find((w) => /(?:^|\/)dvc\.ya?ml(?::|$)/.test(w));
    return target === undefined ? ['dvc.yaml'] : [target.split(':')[0] ?? 'dvc.yaml'];
  },
  runs: dvcRuns,
};

// ── Snakemake ───────────────────────────────────────────────────────────────────────────────────────────────────

interface Rule {
  name: string;
  body: string[];
}

function snakeRules(text: string): Rule[] {
  const rules: Rule[] = [];
  let open: Rule | undefined;
  for (const line of text.split('\n')) {
    const head = /^(?:rule|checkpoint)\s+(\w+)\s*:/.exec(line);
    if (head !== null) {
      open = { name: head[1] ?? '', body: [] };
      rules.push(open);
    } else if (/^\S/.test(line) && !line.startsWith('#')) open = undefined;
    else open?.body.push(line);
  }
  return rules;
}

/** A rule's `shell:` text (one or more adjacent string literals, triple-quoted or not), else undefined. */
function shellOf(body: string): string | undefined | null {
  const at = /^\s*shell\s*:\s*/m.exec(body);
  if (at === null) return null;
  const rest = body.slice(at.index + at[0].length).replace(/^\(\s*/, '');
  const triple = /^("""|''')([\s\S]*?)\1/.exec(rest);
  if (triple !== null) return triple[2];
  const parts = [...rest.matchAll(/^\s*(["'])((?:\\.|(?!\1).)*)\1/gy)].map((m) => m[2] ?? '');
  return parts.length === 0 ? undefined : parts.join('');
}

/** snakemake: the rules named as targets (every rule when none is, or a target is a file): shell, run or script. */
function snakemakeRuns(text: string, call: RunnerCall): Found[] {
  const rules = snakeRules(text);
  const words = positionals(call.command.args, [
    '-c',
    '--cores',
    '-j',
    '--jobs',
    '-s',
    '--snakefile',
    '--configfile',
    '--directory',
    '-d',
    '--profile',
  ]);
  const named = rules.filter((r) => words.includes(r.name));
  const chosen = named.length > 0 && named.length === words.length ? named : rules;
  const found: Found[] = [];
  for (const rule of chosen) {
    const body = rule.body.join('\n');
    const label = `snakemake rule ${rule.name} (${call.file})`;
    const shell = shellOf(body);
    if (typeof shell === 'string')
      found.push({
        label,
        shell: shell
          .replace(/\{\{/g, '{')
          .replace(/\}\}/g, '}')
          .replace(/\{[^}]*\}/g, '${SNAKEMAKE_VALUE}'),
      });
    else if (shell === undefined) found.push({ label, held: 'a shell command blastwall cannot read' });
    const run = /^(\s*)run\s*:\s*\n((?:\1\s+.*\n?|\s*\n)*)/m.exec(body);
    if (run !== null) found.push({ label, code: (run[2] ?? '').replace(/^\s+/gm, ''), language: 'python' });
    const script = /^\s*script\s*:\s*["']([^"']+)["']/m.exec(body)?.[1];
    if (script !== undefined) {
      const read = call.read(script);
      if (read !== undefined)
        found.push('held' in read ? { label, held: read.held } : { label: script, script: read.text });
    }
  }
  return found;
}

export const SNAKEMAKE: TaskRunner = {
  idle: (args) =>
    args.some((a) =>
      [
        '-n',
        '--dry-run',
        '--dryrun',
        '-l',
        '--list',
        '--lint',
        '--help',
        '-h',
        '--dag',
        '--rulegraph',
        '--summary',
        '--version',
      ].includes(a),
    ),
  files: (c) => {
    const given = c.args[c.args.findIndex((a) => a === '-s' || a === '--snakefile') + 1];
    return c.args.some((a) => a === '-s' || a === '--snakefile') && given !== undefined
      ? [given]
      : ['Snakefile', 'workflow/Snakefile', 'snakefile', 'workflow/snakefile'];
  },
  runs: snakemakeRuns,
};

// ── hardhat ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** hardhat: `run SCRIPT` runs the script as node code (where its transactions land is the chains classifier's). */
export const HARDHAT: TaskRunner = {
  idle: (args) => args.find((a) => !a.startsWith('-')) !== 'run',
  files: (c) => positionals(c.args, ['--network', '--config']).slice(1, 2),
  runs: (text, call) => [{ label: call.file, code: text, language: 'node' }],
};

// ── Steam ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** The `"key" "value"` pairs of a Valve KeyValues (VDF) file, keys lower-cased; nesting is flattened. */
function vdfPairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const m of text.matchAll(/"([^"\n]*)"[ \t]+"([^"\n]*)"/g))
    pairs.set((m[1] ?? '').toLowerCase(), m[2] ?? '');
  if (!/"appbuild"|^\s*appbuild\b/im.test(text)) throw new TaskFileError('not a Steam app build file');
  return pairs;
}

/** steamcmd `+run_app_build FILE`: a build with `SetLive` set (and not a preview) goes live on that branch. */
function steamRuns(text: string, call: RunnerCall): Found[] {
  const pairs = vdfPairs(text);
  const live = pairs.get('setlive') ?? '';
  if (pairs.get('preview') === '1' || live === '') return [];
  const app = pairs.get('appid') ?? 'an app';
  const target = `Steam app ${app} branch ${live}`;
  const operations: Operation[] = [
    operation(call.command, {
      kind: 'deploy',
      category: 'release',
      destructive: true,
      reversible: true,
      target,
      summary: `steamcmd runs ${call.file}, which sets the build live on ${target}, which players download`,
      hints: { environment: 'production', namedTarget: target },
    }),
  ];
  return [{ label: call.file, operations }];
}

export const STEAMCMD: TaskRunner = {
  idle: (args) => !args.some((a) => a === '+run_app_build' || a === '+run_app_build_http'),
  files: (c) => {
    const at = c.args.findIndex((a) => a === '+run_app_build' || a === '+run_app_build_http');
    return c.args
      .slice(at + 1)
      .filter((a) => !a.startsWith('-'))
      .slice(0, 1);
  },
  runs: steamRuns,
};
