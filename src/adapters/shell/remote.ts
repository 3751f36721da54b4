import { containerRun } from './container-run.js';
import { nestedFrame } from './emit.js';
import { optionValue, skipOptions } from './options.js';
import type { OptionSpec } from './options.js';
import type { Field, Invocation, ResolveContext } from './state.js';

type Launch = (words: readonly Field[], inv: Invocation, ctx: ResolveContext) => Field[] | string | undefined;

const SSH: OptionSpec = { short: 'BbcDEeFIiJLlmOoPpQRSWw' };

const ssh: Launch = (words, inv, ctx) => {
  const at = skipOptions(words, 1, SSH);
  const target = words[at];
  // OpenSSH reads options after the host too, and `--` ends them: `ssh host -t -- sudo rm -rf /x`
  const rest = words.slice(skipOptions(words, at + 1, SSH));
  if (target === undefined) return undefined;
  // with no command, the remote login shell runs what arrives on stdin: `ssh host <<'EOF' … EOF`, `cat x | ssh host`
  const script = rest.length === 0 ? (inv.stdin ?? inv.pipedText) : undefined;
  if (rest.length === 0 && script === undefined) return undefined;
  const host = target.value.slice(target.value.lastIndexOf('@') + 1);
  inv.remote = { kind: 'ssh', host };
  if (rest.length === 0) {
    ctx.engine.parseText(script ?? '', {
      ...nestedFrame(inv, ctx.frame, `ssh ${host}`, script ?? ''),
      dir: { stack: [] },
    });
    return 'ssh';
  }
  // ssh joins its arguments with spaces and the remote shell parses the result.
  const text = rest.map((w) => w.value).join(' ');
  // The remote command reads what ssh reads: a heredoc, or whatever is piped into ssh.
  ctx.engine.parseText(text, {
    ...nestedFrame(inv, ctx.frame, `ssh ${host}`, text),
    pipedFrom: inv.pipedFrom,
    stdin: inv.stdin ?? inv.pipedText,
    stdinUnknowable: inv.stdinUnknowable,
    // the remote shell starts in the remote home, whatever `cd` ran here
    dir: { stack: [] },
  });
  return 'ssh';
};

const KUBECTL: OptionSpec = {
  short: 'ncsfl',
  long: [
    '--namespace',
    '--container',
    '--context',
    '--kubeconfig',
    '--cluster',
    '--user',
    '--server',
    '--token',
    '--as',
    '--as-group',
    '--request-timeout',
    '--pod-running-timeout',
    '--filename',
    '--cache-dir',
    '--certificate-authority',
    '--client-certificate',
    '--client-key',
    '--tls-server-name',
    '--selector',
  ],
};

/**
 * The indices of the first `max` positional words (not options or option values) in words[start, end).
 * Sliced once and stopped early: slicing per word made a 20,000-word command take seconds.
 */
function positionals(
  words: readonly Field[],
  start: number,
  end: number,
  spec: OptionSpec,
  max = Number.POSITIVE_INFINITY,
): number[] {
  const out: number[] = [];
  const within = words.slice(0, end);
  let i = start;
  while (i < end && out.length < max) {
    const next = skipOptions(within, i, spec);
    if (next >= end) return out;
    out.push(next);
    i = next + 1;
  }
  return out;
}

const kubectl: Launch = (words, inv) => {
  const dashes = words.findIndex((w, i) => i > 0 && w.value === '--');
  const end = dashes < 0 ? words.length : dashes;
  // Only `exec`, the pod and where its command starts matter.
  const pos = positionals(words, 1, end, KUBECTL, 3);
  // `oc rsh POD CMD` is OpenShift's `exec` (this launcher serves both kubectl and oc)
  const verb = words[pos[0] ?? -1]?.value;
  // `kubectl debug node/N -- CMD` runs CMD in a debug container on that node (the node's root at /host)
  const debug = verb === 'debug' && dashes >= 0;
  if ((verb !== 'exec' && verb !== 'rsh' && !debug) || pos[1] === undefined) return undefined;
  const pod = words[pos[1]]?.value ?? '';
  const command = dashes < 0 ? words.slice(pos[2] ?? words.length) : words.slice(dashes + 1);
  if (command.length === 0) return undefined;
  const context = optionValue(words, 1, end, ['--context']);
  inv.remote =
    context === undefined
      ? { kind: 'kubectl-exec', host: pod }
      : { kind: 'kubectl-exec', host: pod, context };
  inv.via = [...inv.via, `kubectl ${debug ? 'debug' : 'exec'} ${pod}`];
  return command;
};

const DOCKER_GLOBAL: OptionSpec = { short: 'Hcl', long: ['--host', '--context', '--config', '--log-level'] };
const COMPOSE_GLOBAL: OptionSpec = {
  short: 'fp',
  long: ['--file', '--project-name', '--project-directory', '--profile', '--env-file'],
};
const EXEC: OptionSpec = {
  short: 'euw',
  long: ['--env', '--env-file', '--user', '--workdir', '--detach-keys', '--index'],
};

/** `docker compose run`'s options that take a value. */
const COMPOSE_RUN: OptionSpec = {
  short: 'eluvwp',
  long: [
    '--env',
    '--label',
    '--name',
    '--publish',
    '--user',
    '--volume',
    '--workdir',
    '--entrypoint',
    '--cap-add',
    '--cap-drop',
    '--env-from-file',
    '--pull',
  ],
};

/** The compose options of words[start, end) that select the project: files, env files, project name. */
function composeProject(words: readonly Field[], start: number, end: number): string[] {
  const out: string[] = [];
  for (let i = start; i < end; i++) {
    const w = words[i]?.value ?? '';
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(0, eq) : w;
    if (
      !['-f', '--file', '-p', '--project-name', '--env-file', '--project-directory', '--profile'].includes(
        name,
      )
    )
      continue;
    const value = eq > 0 ? w.slice(eq + 1) : words[i + 1]?.value;
    if (value !== undefined) out.push(value);
  }
  return out;
}

function containerExec(
  words: readonly Field[],
  inv: Invocation,
  at: number,
  label: string,
  engine?: string,
  compose?: { project: string[]; spec: OptionSpec; verb: string },
): Field[] | undefined {
  const target = skipOptions(words, at, compose?.spec ?? EXEC);
  const container = words[target]?.value;
  const command = words.slice(target + 1);
  if (container === undefined || command.length === 0) return undefined;
  // the engine the container runs on, when the line names one (`docker -H ssh://… exec`, `--context prod`)
  inv.remote = {
    kind: 'docker-exec',
    host: container,
    ...(engine !== undefined ? { context: engine } : {}),
    ...(compose !== undefined ? { compose: compose.project } : {}),
  };
  inv.via = [...inv.via, `${label} ${compose?.verb ?? 'exec'} ${container}`];
  return command;
}

/** `compose exec SERVICE CMD` / `compose run SERVICE CMD`: the command runs in a service of the project. */
function composeService(
  words: readonly Field[],
  inv: Invocation,
  start: number,
  label: string,
  engine?: string,
): Field[] | undefined {
  const at = skipOptions(words, start, COMPOSE_GLOBAL);
  const verb = words[at]?.value;
  if (verb !== 'exec' && verb !== 'run') return undefined;
  const project = composeProject(words, 1, at);
  return containerExec(words, inv, at + 1, label, engine, {
    project,
    spec: verb === 'exec' ? EXEC : COMPOSE_RUN,
    verb,
  });
}

const docker: Launch = (words, inv, ctx) => {
  const label = words[0]?.value.split('/').pop() ?? 'docker';
  const first = skipOptions(words, 1, DOCKER_GLOBAL);
  const sub = words[first]?.value;
  const engine = optionValue(words, 1, first, ['-H', '--host', '-c', '--context', '--url', '--connection']);
  if (sub === 'exec') return containerExec(words, inv, first + 1, label, engine);
  if (sub === 'run') return containerRun(words, inv, ctx, first + 1);
  if (sub === 'container' && words[first + 1]?.value === 'run')
    return containerRun(words, inv, ctx, first + 2);
  if (sub !== 'compose') return undefined;
  return composeService(words, inv, first + 1, `${label} compose`, engine);
};

const compose: Launch = (words, inv) =>
  composeService(words, inv, 1, words[0]?.value.split('/').pop() ?? 'docker-compose');

/** Launchers that run commands on another machine or in a container. */
export function remoteLaunchers(): [string, Launch][] {
  return [
    ['ssh', ssh],
    ['kubectl', kubectl],
    ['oc', kubectl],
    ['docker', docker],
    ['podman', docker],
    ['nerdctl', docker],
    ['docker-compose', compose],
    ['podman-compose', compose],
  ];
}
