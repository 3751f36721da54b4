import { REMOTE_RUNNER_TOOLS, remoteRunOf } from '../../core/actions/remote-runs.js';
import type { EnvironmentHints } from '../../core/actions/types.js';
import { nestedFrame } from './emit.js';
import { optionValue, skipOptions, type OptionSpec } from './options.js';
import { addUnknowable } from './state.js';
import type { Field, Invocation, ResolveContext } from './state.js';

type Launch = (words: readonly Field[], inv: Invocation, ctx: ResolveContext) => Field[] | string | undefined;

// Fleet and cloud tools that run a command on other machines carry it in their arguments: the command is
// parsed as a remote command (its paths are the remote machine's, its environment is the host's), and the
// tool itself is still recorded, so its own classifier and the generic reading see it too.

/** Parses `text` as run on `host` (with what names its environment); the invocation itself is left as it was. */
function runRemote(
  text: string,
  host: string,
  label: string,
  inv: Invocation,
  ctx: ResolveContext,
  hints?: EnvironmentHints,
): void {
  const remote = { kind: 'ssh' as const, host, ...(hints !== undefined ? { hints } : {}) };
  ctx.engine.parseText(text, {
    ...nestedFrame({ ...inv, remote }, ctx.frame, label, text),
    dir: { stack: [] },
  });
}

function opaque(field: Field | undefined, label: string, ctx: ResolveContext): boolean {
  if (field?.opaque !== true) return false;
  addUnknowable(ctx.state, `${label} runs ${field.value}, which is not known before it runs`);
  return true;
}

const SHELL_MODULES = new Set([
  'shell',
  'command',
  'raw',
  'ansible.builtin.shell',
  'ansible.builtin.command',
  'ansible.builtin.raw',
]);
const LOSING_STATE = /\bstate=(absent|stopped|disabled)\b/;

/** `ansible PATTERN -m shell -a 'TEXT'` (command is the default module); other modules with state=absent are held. */
const ansible: Launch = (words, inv, ctx) => {
  const spec: OptionSpec = {
    short: 'aimiueBPMtTfkKoe',
    long: [
      '--args',
      '--module-name',
      '--inventory',
      '--user',
      '--become-user',
      '--extra-vars',
      '--limit',
      '--forks',
    ],
  };
  const args = optionValue(words, 1, words.length, ['-a', '--args']);
  const module = optionValue(words, 1, words.length, ['-m', '--module-name']) ?? 'command';
  const host = words[skipOptions(words, 1, spec)]?.value ?? 'all';
  const inventory = optionValue(words, 1, words.length, ['-i', '--inventory']);
  const where = inventory !== undefined ? `${host} in ${inventory}` : host;
  if (args === undefined) return undefined;
  if (SHELL_MODULES.has(module)) runRemote(args, where, `ansible ${where}`, inv, ctx);
  else if (LOSING_STATE.test(args))
    addUnknowable(
      ctx.state,
      `ansible module ${module} with ${LOSING_STATE.exec(args)?.[0] ?? ''} on ${where}`,
    );
  return undefined;
};

/** `salt TARGET cmd.run 'TEXT'` (and cmd.shell, cmd.exec_code_all's shell form). */
const salt: Launch = (words, inv, ctx) => {
  // the targeting options (`-G`, `-L`, `-E`, `-I`, `-N`, `-C`, `--grain` …) take no value of their own: they say
  // how to read the target word that follows (`salt -G 'env:prod' cmd.run …`)
  const at = skipOptions(words, 1, { short: 'cut', long: ['--timeout'] });
  const target = words[at]?.value ?? '*';
  const fn = words[at + 1]?.value ?? '';
  const text = words[at + 2];
  if (!/^cmd\.(run|shell|run_all|run_stdout|script)$/.test(fn) || text === undefined) return undefined;
  if (!opaque(text, 'salt cmd.run', ctx)) runRemote(text.value, target, `salt ${target}`, inv, ctx);
  return undefined;
};

/** Parallel ssh tools: the host option, then the command as the remaining words (or `-c` for mussh). */
function fleet(spec: OptionSpec, hostOptions: string[], commandOption?: string): Launch {
  return (words, inv, ctx) => {
    const host = optionValue(words, 1, words.length, hostOptions) ?? 'several hosts';
    const name = words[0]?.value ?? 'fleet';
    if (commandOption !== undefined) {
      const text = optionValue(words, 1, words.length, [commandOption]);
      if (text !== undefined) runRemote(text, host, `${name} ${host}`, inv, ctx);
      return undefined;
    }
    const rest = words.slice(skipOptions(words, 1, spec));
    if (rest.length > 0) runRemote(rest.map((w) => w.value).join(' '), host, `${name} ${host}`, inv, ctx);
    return undefined;
  };
}

/** `mosh HOST -- CMD`, `fab -H HOSTS -- CMD`, `tsh ssh [opts] HOST CMD`, `oc rsh POD CMD`. */
const afterHost =
  (spec: OptionSpec, sub?: string): Launch =>
  (words, inv, ctx) => {
    let start = 1;
    if (sub !== undefined) {
      if (words[1]?.value !== sub) return undefined;
      start = 2;
    }
    const dashes = words.findIndex((w, i) => i >= start && w.value === '--');
    const hostAt = skipOptions(words, start, spec);
    const host = optionValue(words, 1, words.length, ['-H', '--hosts']) ?? words[hostAt]?.value ?? 'a host';
    const rest = dashes >= 0 ? words.slice(dashes + 1) : words.slice(hostAt + 1);
    if (rest.length > 0)
      runRemote(
        rest.map((w) => w.value).join(' '),
        host.replace(/^.*@/, ''),
        `${words[0]?.value ?? ''} ${host}`,
        inv,
        ctx,
      );
    return undefined;
  };

/** `heroku run [opts] CMD…`: heroku reads its own options anywhere on the line (`heroku run bash -a acme-review`). */
const heroku: Launch = (words, inv, ctx) => {
  if (words[1]?.value !== 'run' && words[1]?.value !== 'run:detached') return cloudRemote(words, inv, ctx);
  const rest = words.slice(
    skipOptions(words, 2, { short: 'asre', long: ['--app', '--size', '--remote', '--env'] }),
  );
  const own = rest.filter(
    (w, i) =>
      !/^(?:-[asre]|--(?:app|size|remote|env))$/.test(w.value) &&
      !/^(?:-[asre]|--(?:app|size|remote|env))$/.test(rest[i - 1]?.value ?? ''),
  );
  const text = own.map((w) => w.value).join(' ');
  const app = optionValue(words, 1, words.length, ['--app', '-a']);
  // the app's name was fixed by its owners when they made it (`shop-dev`): a word of it names where
  const hints = app !== undefined ? { ownedName: app } : undefined;
  if (text !== '') runRemote(text, app ?? 'heroku', `heroku run on ${app ?? 'heroku'}`, inv, ctx, hints);
  return undefined;
};

/**
 * Cloud and orchestrator runners read from one table (core/actions/remote-runs.ts): the command is parsed as run
 * on the machine, allocation or container the runner names, carrying the environment its options name. A command
 * handed over in a file, or only known when the line runs, is held.
 */
const cloudRemote: Launch = (words, inv, ctx) => {
  const env: Record<string, string> = {};
  for (const name of ctx.state.exported) {
    const value = ctx.state.vars.get(name);
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, inv.env);
  const run = remoteRunOf(
    words.map((w) => w.value),
    env,
  );
  if (run === undefined) return undefined;
  if (run.unreadable !== undefined || run.text === undefined) {
    addUnknowable(ctx.state, `${run.unreadable ?? run.label}, which is not known before it runs`);
    return undefined;
  }
  const fields = run.from.map((i) => words[i]).filter((w): w is Field => w !== undefined);
  if (fields.some((w) => w.opaque === true)) {
    addUnknowable(
      ctx.state,
      `${run.label} runs ${fields.map((w) => w.value).join(' ')}, which is not known before it runs`,
    );
    return undefined;
  }
  const remote = { kind: 'ssh' as const, host: run.host, hints: run.hints };
  if (run.argv === true) {
    // the words are the program and its arguments, as `kubectl exec` runs them
    inv.remote = remote;
    inv.via = [...inv.via, `${run.label} ${run.host}`];
    return fields;
  }
  ctx.engine.parseText(run.text, {
    ...nestedFrame({ ...inv, remote }, ctx.frame, `${run.label} ${run.host}`, run.text),
    dir: { stack: [] },
  });
  return undefined;
};

/** Remote runners beyond ssh and kubectl exec, keyed by name. */
export function remoteRunners(): [string, Launch][] {
  const pdsh = fleet({ short: 'wxlRguNfd', long: [] }, ['-w', '-g']);
  const pssh = fleet(
    { short: 'hHlpotOxXe', long: ['--hosts', '--host', '--user', '--par', '--timeout', '--outdir'] },
    ['-h', '-H', '--hosts', '--host'],
  );
  const clush = fleet({ short: 'wxgXlt', long: ['--user', '--options'] }, ['-w', '-g']);
  return [
    ['ansible', ansible],
    ['salt', salt],
    ['salt-ssh', salt],
    ['pdsh', pdsh],
    ['pssh', pssh],
    ['parallel-ssh', pssh],
    ['clush', clush],
    ['mussh', fleet({ short: 'HhlmtcC', long: [] }, ['-H', '-h'], '-c')],
    ['fab', afterHost({ short: 'HiurRp', long: ['--hosts', '--identity', '--user'] })],
    ['mosh', afterHost({ short: 'p', long: ['--ssh', '--port', '--server', '--predict'] })],
    [
      'tsh',
      afterHost({ short: 'lLp', long: ['--proxy', '--cluster', '--user', '--login', '--port'] }, 'ssh'),
    ],
    ['heroku', heroku],
    ...REMOTE_RUNNER_TOOLS.map((name): [string, Launch] => [name, cloudRemote]),
  ];
}
