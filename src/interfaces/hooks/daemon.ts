// The protocol between `blastwall hook`'s thin client (bin/hook-client.js) and the warm hook daemon
// (bin/hook-daemon.js): one JSON request and one JSON answer per unix-socket connection. The daemon answers each
// request with the request's own argv, cwd, environment and stdin — never its own — so a request is decided
// exactly as the same hook run in-process would decide it. Anything the client cannot trust makes it decide
// in-process instead, so a broken daemon costs time, never a wrong answer.

/** One hook run, as the client hands it over. */
export interface DaemonRequest {
  /** The CLI arguments after `blastwall` (`hook <agent> [--config P] [--on-behalf-of ID]`). */
  argv: string[];
  /** The client's working directory (absolute). */
  cwd: string;
  /** The client's whole environment. */
  env: Record<string, string>;
  /** Everything the agent wrote to the client's stdin. */
  stdin: string;
  /** The build the client runs (bundle path, size, time, Node build): a daemon of another build must not answer. */
  build: string;
}

/** The daemon's answer: what the client writes and exits with, or why it should decide in-process instead. */
export type DaemonAnswer =
  { build: string; stdout: string; stderr: string; exitCode: number } | { build: string; fallback: string };

/** A request read from the wire, or undefined when any field is missing or of the wrong type. */
export function readDaemonRequest(value: unknown): DaemonRequest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { argv, cwd, env, stdin, build } = value as Record<string, unknown>;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return undefined;
  if (typeof cwd !== 'string' || !cwd.startsWith('/')) return undefined;
  if (typeof stdin !== 'string' || typeof build !== 'string') return undefined;
  if (typeof env !== 'object' || env === null || Array.isArray(env)) return undefined;
  const clean: Record<string, string> = {};
  for (const [key, val] of Object.entries(env as Record<string, unknown>)) {
    if (typeof val !== 'string') return undefined;
    clean[key] = val;
  }
  return { argv: argv as string[], cwd, env: clean, stdin, build };
}
