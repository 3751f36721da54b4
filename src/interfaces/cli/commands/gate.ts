import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { failClosed } from '../../../core/actions/decide.js';
import type { ActionDecision } from '../../../core/actions/types.js';
import { createGate, type LoadedGate } from '../../../app/gate.js';
import { findRepoRoot } from '../../../app/workspace.js';
import { dataDir } from '../../../adapters/attest/key.js';
import type { ActionRequest } from '../../../app/gate-types.js';
import { createLocalProbes } from '../../../app/probes.js';
import {
  createApprovalClient,
  serverSettings,
  settleHeld,
  type ApprovalClient,
} from '../../../app/approval-client.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';
import { paint } from '../format/colour.js';
import { actionDecisionText } from '../format/action-decision.js';

/** Checks one --batch line by hand: zod costs more to load than a whole decision. */
function readBatchLine(value: unknown): {
  command: string;
  cwd?: string;
  agent?: string;
  onBehalfOf?: string;
  sessionId?: string;
} {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('expected a JSON object');
  const record = value as Record<string, unknown>;
  if (typeof record.command !== 'string') throw new Error('command: expected a string');
  const line: ReturnType<typeof readBatchLine> = { command: record.command };
  for (const key of ['cwd', 'agent', 'onBehalfOf', 'sessionId'] as const) {
    const field = record[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') throw new Error(`${key}: expected a string`);
    line[key] = field;
  }
  return line;
}

interface GateFlags {
  command?: string;
  batch?: string;
  agent?: string;
  onBehalfOf?: string;
  sessionId?: string;
  cwd?: string;
  config?: string;
  json?: boolean;
}

/** Exit code of an agent-action decision: 0 allow, 1 deny, 3 held. */
export function exitCodeOf(decision: ActionDecision): number {
  return decision.decision === 'allow' ? EXIT.ok : decision.decision === 'deny' ? EXIT.notAllowed : EXIT.held;
}

/** `blastwall gate`: may an agent run this command now? */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('gate')
    .description('Decide whether an AI agent may run a shell command: allow, hold for approval, or deny')
    .argument('[command...]', 'the command, after --')
    .option('--command <string>', 'the command line as one string')
    .option(
      '--batch <file>',
      'JSON lines {"command", "cwd"?, "agent"?, "onBehalfOf"?} ("-" for stdin); one decision per line out',
    )
    .option('--agent <id>', 'the agent proposing it (claude-code, codex …)')
    .option('--on-behalf-of <id>', 'the person the agent acts for (default: $BLASTWALL_ON_BEHALF_OF)')
    .option(
      '--session-id <id>',
      'the agent session; an approval releases the same command from the same session (default: $BLASTWALL_SESSION_ID)',
    )
    .option('--cwd <dir>', 'the directory the command would run in')
    .option('--config <file>', 'configuration file (default: blastwall.yaml of the repository around --cwd)')
    .option('--json', 'print the decision as JSON')
    .addHelpText(
      'after',
      `
Exit codes: 0 allowed, 1 denied, 3 held for approval, 2 usage or config error, 4 internal error
(in every error case the command must not run).

Examples:
  blastwall gate -- terraform destroy -auto-approve
  blastwall gate --command 'kubectl --context prod-eu delete namespace shop' --json
  blastwall gate --batch commands.jsonl > decisions.jsonl`,
    )
    .action(async (words: string[], flags: GateFlags) => {
      const cwd = resolve(deps.cwd, flags.cwd ?? '.');
      // Deploys and pushes are decided on what they would do: dry-runs and the change check run here.
      const probesFor = (configPath: string | undefined) =>
        createLocalProbes({
          env: deps.env,
          progress: (line) => deps.stderr(`blastwall gate: ${line}\n`),
          ...(configPath !== undefined ? { configPath } : {}),
        });
      let gate: LoadedGate;
      try {
        const configPath = flags.config ? resolve(deps.cwd, flags.config) : undefined;
        gate = await createGate({
          cwd,
          env: deps.env,
          ...(configPath !== undefined ? { configPath } : {}),
          probes: probesFor(configPath),
          restorePointsIn: dataDir(deps.env),
        });
      } catch (error) {
        const described = describeError(error);
        deps.stderr(
          `blastwall gate: ${described.message}\nblastwall gate: the command is blocked because blastwall could not load its configuration\n`,
        );
        return deps.exit(described.exitCode);
      }
      // With a server configured, a held action is registered there and released by its approval.
      const settings = serverSettings(gate.workspace.loaded.file, deps.env);
      const client = settings ? createApprovalClient(settings) : undefined;
      if (flags.batch !== undefined) {
        // Each line is decided under the configuration of its own cwd's repository (a line in another repository
        // must not borrow this one's environments or policies); --config names one configuration for every line.
        const gates = new Map<string, Promise<LoadedGate>>([[findRepoRoot(cwd), Promise.resolve(gate)]]);
        const gateFor = (lineCwd: string | undefined): Promise<LoadedGate> => {
          if (lineCwd === undefined || flags.config) return Promise.resolve(gate);
          const at = resolve(cwd, lineCwd);
          const root = findRepoRoot(at);
          let found = gates.get(root);
          if (found === undefined) {
            found = createGate({
              cwd: root,
              env: deps.env,
              probes: probesFor(undefined),
              restorePointsIn: dataDir(deps.env),
            });
            gates.set(root, found);
          }
          return found;
        };
        return runBatch(gateFor, client, flags, deps);
      }
      const command = flags.command ?? (words.length > 0 ? words.map(shellQuote).join(' ') : undefined);
      if (command === undefined) {
        deps.stderr(
          'blastwall gate: give the command after -- or with --command (see blastwall gate --help)\n',
        );
        return deps.exit(EXIT.usage);
      }
      const sessionId = flags.sessionId ?? deps.env.BLASTWALL_SESSION_ID;
      const request: ActionRequest = {
        command,
        cwd,
        ...(flags.agent ? { agent: flags.agent } : {}),
        ...(flags.onBehalfOf ? { onBehalfOf: flags.onBehalfOf } : {}),
        ...(sessionId ? { sessionId } : {}),
      };
      const local = await gate.decideCommand(request);
      const decision = client
        ? await settleHeld(
            local,
            {
              ...request,
              agent: local.agent,
              ...(local.onBehalfOf !== undefined && { onBehalfOf: local.onBehalfOf }),
            },
            client,
          )
        : local;
      deps.stdout(
        flags.json
          ? `${JSON.stringify(decision, null, 2)}\n`
          : actionDecisionText(decision, paint(deps.isTty && !deps.env.NO_COLOR)),
      );
      deps.exit(exitCodeOf(decision));
    });
}

async function runBatch(
  gateFor: (cwd: string | undefined) => Promise<LoadedGate>,
  client: ApprovalClient | undefined,
  flags: GateFlags,
  deps: CliDeps,
): Promise<void> {
  let text: string;
  try {
    text =
      flags.batch === '-'
        ? await deps.readStdin()
        : readFileSync(resolve(deps.cwd, flags.batch ?? ''), 'utf8');
  } catch (error) {
    deps.stderr(`blastwall gate: cannot read --batch ${flags.batch}: ${(error as Error).message}\n`);
    return deps.exit(EXIT.usage);
  }
  let worst = 0;
  const out: string[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let decision: ActionDecision;
    try {
      const request = readBatchLine(JSON.parse(line));
      const sessionId = request.sessionId ?? flags.sessionId ?? deps.env.BLASTWALL_SESSION_ID;
      const actionRequest: ActionRequest = {
        command: request.command,
        ...(request.cwd ? { cwd: request.cwd } : {}),
        ...((request.agent ?? flags.agent) ? { agent: request.agent ?? flags.agent } : {}),
        ...((request.onBehalfOf ?? flags.onBehalfOf)
          ? { onBehalfOf: request.onBehalfOf ?? flags.onBehalfOf }
          : {}),
        ...(sessionId ? { sessionId } : {}),
      };
      const gate = await gateFor(request.cwd);
      decision = await gate.decideCommand(actionRequest);
      if (client)
        decision = await settleHeld(
          decision,
          {
            ...actionRequest,
            agent: decision.agent,
            ...(decision.onBehalfOf !== undefined && { onBehalfOf: decision.onBehalfOf }),
          },
          client,
        );
    } catch (error) {
      decision = failClosed(
        { agent: flags.agent ?? 'agent', command: line.slice(0, 200) },
        `line ${index + 1} is not a valid request: ${(error as Error).message}`,
      );
    }
    const code = exitCodeOf(decision);
    worst = Math.max(worst, code === EXIT.held ? 2 : code === EXIT.notAllowed ? 3 : 0);
    out.push(JSON.stringify({ line: index + 1, ...decision }));
  }
  deps.stdout(out.length > 0 ? `${out.join('\n')}\n` : '');
  deps.exit(worst === 3 ? EXIT.notAllowed : worst === 2 ? EXIT.held : EXIT.ok);
}

/** Quotes a word for display so `gate -- rm -rf "my dir"` round-trips. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
