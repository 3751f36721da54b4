import { parseArgs } from 'node:util';
import { ServerRefusal, ServerUnreachable, type ServerSettings } from '../../../app/approval-client.js';
import { askCredentials, type CredentialAsk } from '../../../app/creds/client.js';
import type { IssuedResponse } from '../../../app/creds/creds-contract.js';
import { EXIT } from '../deps.js';
import { describeError } from '../errors.js';

// The credential plugins (`blastwall creds postgres|aws|kubernetes ENV`) as the full CLI and the thin plugin
// process (src/creds-plugin-main.ts) both run them: what they print, and how every outcome ends. Only Node
// built-ins and the broker's HTTP client here, since the plugin process is bundled from this.

/** One credential plugin: its kind, what it says it does, and how it prints what the server issued. */
export interface Plugin {
  kind: 'postgres' | 'aws' | 'kubernetes';
  description: string;
  /** The text on stdout, or an error when the answer is not the credential this protocol needs. */
  render(issued: IssuedResponse, json: boolean): string | Error;
}

function jsonObject(issued: IssuedResponse): string {
  return JSON.stringify(issued.credential);
}

/** The plugins, one per protocol. */
export const PLUGINS: readonly Plugin[] = [
  {
    kind: 'postgres',
    description: 'Print a PostgreSQL connection URL of a login role brokered for this agent session',
    render: (issued, json) => {
      if (json) return JSON.stringify(issued);
      const url = issued.credential.url;
      return typeof url === 'string' && /^postgres(ql)?:\/\//.test(url)
        ? url
        : new Error('the server answered without a PostgreSQL URL');
    },
  },
  {
    kind: 'aws',
    description:
      'Print AWS credential_process JSON (Version 1): STS credentials of the read-only role, or the elevated one after approval',
    render: (issued) =>
      issued.credential.Version === 1 && typeof issued.credential.AccessKeyId === 'string'
        ? jsonObject(issued)
        : new Error('the server answered without AWS credential_process credentials'),
  },
  {
    kind: 'kubernetes',
    description:
      'Print a client.authentication.k8s.io/v1 ExecCredential: a short-lived service-account token, elevated after approval',
    render: (issued) =>
      issued.credential.kind === 'ExecCredential'
        ? jsonObject(issued)
        : new Error('the server answered without an ExecCredential'),
  },
];

/** Where a plugin run writes, and its environment. */
export interface PluginIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

/**
 * Asks the server and settles the outcome: the issued answer, or an exit code after reporting on stderr (3 held
 * with the approval id, 1 refused, 2 not configured, 4 unreachable or failing issuer). Never credentials on error.
 */
export async function askOrSettle(
  settings: ServerSettings,
  ask: CredentialAsk,
  io: Pick<PluginIo, 'stdout' | 'stderr'>,
  verb: string,
  json: boolean,
): Promise<IssuedResponse | number> {
  try {
    const answer = await askCredentials(settings, ask);
    if (answer.status === 'issued') return answer;
    if (json) io.stdout(`${JSON.stringify(answer)}\n`);
    io.stderr(
      `blastwall ${verb}: held for approval ${answer.approvalId}: a person with that authority approves it with ` +
        `\`blastwall approve ${answer.approvalId}\`; then the same request from the same session is served\n`,
    );
    return EXIT.held;
  } catch (error) {
    if (error instanceof ServerRefusal) {
      io.stderr(`blastwall ${verb}: refused (${error.status} ${error.code}): ${error.message}\n`);
      return error.status === 404 || error.status === 400
        ? EXIT.usage
        : error.status >= 500
          ? EXIT.internal
          : EXIT.notAllowed;
    }
    if (error instanceof ServerUnreachable) {
      io.stderr(`blastwall ${verb}: ${error.message}\n`);
      return EXIT.internal;
    }
    const described = describeError(error);
    io.stderr(`blastwall ${verb}: ${described.message}\n`);
    return described.exitCode;
  }
}

/** Runs one plugin to the end: prints the credential (exit 0) or nothing on stdout and a reason on stderr. */
export async function runPlugin(
  plugin: Plugin,
  settings: ServerSettings,
  ask: CredentialAsk,
  io: Pick<PluginIo, 'stdout' | 'stderr'>,
  json: boolean,
): Promise<number> {
  const verb = `creds ${plugin.kind}`;
  const issued = await askOrSettle(settings, ask, io, verb, json);
  if (typeof issued === 'number') return issued;
  const text = plugin.render(issued, json);
  if (text instanceof Error) {
    io.stderr(`blastwall ${verb}: ${text.message}\n`);
    return EXIT.internal;
  }
  io.stdout(`${text}\n`);
  return EXIT.ok;
}

/** `--minutes` as a whole number above 0, undefined when absent, or the usage error. */
export function parseMinutes(text: string | undefined): number | undefined | Error {
  if (text === undefined) return undefined;
  const minutes = Number(text);
  return Number.isInteger(minutes) && minutes > 0
    ? minutes
    : new Error('--minutes must be a whole number above 0');
}

const OPTIONS = {
  write: { type: 'boolean' },
  minutes: { type: 'string' },
  session: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** A plugin run the thin process can answer by itself. */
export interface PluginRun {
  plugin: Plugin;
  settings: ServerSettings;
  ask: CredentialAsk;
  json: boolean;
}

/**
 * Reads `creds <postgres|aws|kubernetes> ENV [--write] [--minutes N] [--session ID] [--server URL] [--token T]
 * [--json]` with the server and token given by flags or the environment. Undefined for anything else — `--help`,
 * `--config`, an unknown option, a server or token only blastwall.yaml could give — which the full CLI answers.
 * A malformed `--minutes` is a usage error (an Error).
 */
export function parsePluginRun(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): PluginRun | Error | undefined {
  if (argv[0] !== 'creds') return undefined;
  const plugin = PLUGINS.find((candidate) => candidate.kind === argv[1]);
  if (!plugin) return undefined;
  let parsed;
  try {
    parsed = parseArgs({ args: argv.slice(2), options: OPTIONS, allowPositionals: true, strict: true });
  } catch {
    return undefined;
  }
  const [environment, ...extra] = parsed.positionals;
  if (environment === undefined || extra.length > 0) return undefined;
  const { values } = parsed;
  const url = values.server || env.BLASTWALL_SERVER_URL;
  const token = values.token || env.BLASTWALL_TOKEN;
  if (!url || !token) return undefined;
  const minutes = parseMinutes(values.minutes);
  if (minutes instanceof Error) return minutes;
  return {
    plugin,
    settings: { url: url.replace(/\/+$/, ''), token },
    ask: {
      environment,
      kind: plugin.kind,
      scope: values.write ? 'write' : 'read',
      sessionId: values.session ?? env.BLASTWALL_SESSION_ID ?? 'default',
      ...(minutes !== undefined && { minutes }),
    },
    json: values.json === true,
  };
}
