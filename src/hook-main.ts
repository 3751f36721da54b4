import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answerHook, HOOK_FLAGS, type HookArgs } from './interfaces/cli/commands/hook.js';
import type { CliDeps } from './interfaces/cli/deps.js';
import { writeAll as writeFd } from './interfaces/cli/write-fd.js';
import { readDaemonRequest, type DaemonAnswer } from './interfaces/hooks/daemon.js';
import { inProcessFlush, spawnedFlush } from './interfaces/cli/attest-flush.js';

// The daemon sends queued attestations itself, after answering; the send's code is loaded on the first one.
const daemonFlush = inProcessFlush(async (env) =>
  (await import('./app/attest-send.js')).sendQueuedAttestations(env),
);

/*
 * The composition root of the hook process: bundled into one file by scripts/bundle-hook.mjs and run by
 * bin/blastwall.js (and the warm hook daemon, bin/hook-daemon.js). No commander and no verb registry, since
 * an agent starts this process before every tool call; the verb itself is interfaces/cli/commands/hook.ts.
 */

const PARSE_OPTIONS = Object.fromEntries(
  Object.keys(HOOK_FLAGS).map((flag) => [flag, { type: 'string' as const }]),
);

/**
 * Reads `hook <agent> [--config PATH] [--on-behalf-of ID]` (also `--opt=value`) with node:util's parser and
 * the verb's own option table; undefined for anything else (`--help`, an unknown option, a missing value),
 * which the full CLI then answers.
 */
export function parseHookArgs(argv: readonly string[]): HookArgs | undefined {
  if (argv[0] !== 'hook') return undefined;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof PARSE_OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv.slice(1), options: PARSE_OPTIONS, allowPositionals: true, strict: true });
  } catch {
    return undefined;
  }
  const [agent, ...extra] = parsed.positionals;
  if (agent === undefined || extra.length > 0) return undefined;
  const config = parsed.values.config;
  const onBehalfOf = parsed.values['on-behalf-of'];
  return {
    agent,
    ...(typeof config === 'string' && { config }),
    ...(typeof onBehalfOf === 'string' && { onBehalfOf }),
  };
}

/**
 * The hook verb as its own process entry. Resolves to the exit code, or undefined when the arguments are not
 * the plain hook form.
 */
export async function runHookProcess(
  argv: readonly string[],
  input: { stdin?: string } = {},
): Promise<number | undefined> {
  const args = parseHookArgs(argv);
  if (!args) return undefined;
  const { stdin } = input;
  const deps: CliDeps = {
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    // The thin client has already read stdin when it tried the daemon first.
    readStdin: stdin === undefined ? readStdin : () => Promise.resolve(stdin),
    cwd: process.cwd(),
    env: process.env,
    isTty: false,
    exit: (code) => {
      process.exitCode = code;
    },
  };
  const response = await answerHook(args.agent, hookOptions(args, deps.cwd), deps, spawnedFlush());
  if (response.stdout) deps.stdout(response.stdout);
  if (response.stderr) deps.stderr(response.stderr);
  // An answer the agent never read must not pass for an allow (exit 0 and silence): the hook blocks.
  return answerLost ? 2 : response.exitCode;
}

/**
 * Answers one request of the warm hook daemon (bin/hook-daemon.js, see interfaces/hooks/daemon.ts) exactly as
 * runHookProcess would answer it in the client's own process: with the request's cwd, environment and stdin,
 * and nothing of the daemon's own. Never rejects.
 */
export async function answerDaemonRequest(value: unknown, build: string): Promise<DaemonAnswer> {
  const request = readDaemonRequest(value);
  if (!request) return { build, fallback: 'malformed request' };
  if (request.build !== build) return { build, fallback: 'request for another build' };
  const args = parseHookArgs(request.argv);
  if (!args) return { build, fallback: 'arguments for the full CLI' };
  const out: string[] = [];
  const err: string[] = [];
  const deps: CliDeps = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: () => Promise.resolve(request.stdin),
    cwd: request.cwd,
    env: request.env,
    isTty: false,
    exit: () => undefined,
  };
  const response = await answerHook(args.agent, hookOptions(args, request.cwd), deps, daemonFlush);
  return {
    build,
    stdout: out.join('') + response.stdout,
    stderr: err.join('') + response.stderr,
    exitCode: response.exitCode,
  };
}

/** The verb's options, a relative `--config` made absolute against the hook's cwd (a daemon has its own cwd). */
function hookOptions(args: HookArgs, cwd: string): { config?: string; onBehalfOf?: string } {
  return {
    ...(args.config !== undefined && { config: path.resolve(cwd, args.config) }),
    ...(args.onBehalfOf !== undefined && { onBehalfOf: args.onBehalfOf }),
  };
}

/** Writes the hook's output; an answer the agent could not be given (it stopped reading) is remembered. */
function writeAll(fd: 1 | 2, text: string): void {
  if (!writeFd(fd, text) && fd === 1) answerLost = true;
}

/** Set when the hook's answer could not be written to the agent. */
let answerLost = false;

/** All of stdin: one blocking read when it is a pipe or file (the usual hook), the stream otherwise. */
async function readStdin(): Promise<string> {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    // EAGAIN (a non-blocking pipe shared with the parent) and the like: read it as a stream.
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
