import type { Command } from 'commander';

/** What a verb's `--help` ends with, beyond what its own module writes: how to use it, what its exit code means. */
interface VerbHelp {
  examples?: string[];
  exitCodes?: string;
}

const STORE = '0 ok, 2 usage error or no such database, 4 internal error';
const SERVER =
  '0 ok, 1 refused by the server, 2 usage error or bad token, 4 internal error (server unreachable)';

/** Examples and exit codes per verb; check, gate and plan write both in their own help. */
export const VERB_HELP: Record<string, VerbHelp> = {
  reviewers: {
    examples: [
      'blastwall reviewers                     # who can give each missing sign-off on this branch',
      'blastwall reviewers main..feature --json',
    ],
  },
  'mcp-proxy': { exitCodes: '0 the server ended, 2 usage or config error, 4 internal error' },
  capacity: {
    exitCodes: '0 ok, 2 usage or config error (or an empty store with --from-store), 4 internal error',
  },
  demo: {
    exitCodes: '0 ok (also after Ctrl-C), 2 usage error (port in use, folder not empty), 4 internal error',
  },
  init: {
    examples: [
      'blastwall init                 # blastwall.yaml, policies/ and .blastwall/ in .gitignore',
      'blastwall init --repo ../shop --force',
    ],
    exitCodes: '0 written, 2 a file exists (use --force) or usage error, 4 internal error',
  },
  hook: {
    examples: [
      'blastwall hook claude-code < payload.json   # what Claude Code runs before each tool call',
      'blastwall hook codex                        # settings for each agent: docs/hooks.md',
    ],
    exitCodes:
      "the agent's own protocol: 0 with its answer on stdout, 2 blocked (also on any error — it fails closed)",
  },
  risk: {
    examples: [
      'blastwall risk score main..HEAD              # metrics and risk of each commit',
      'blastwall risk train --repo . --out model.json',
      'blastwall risk eval --data qt.csv           # CSV columns: see docs/risk.md',
    ],
    exitCodes: '0 ok, 2 usage error or unreadable data, 4 internal error',
  },
  migrate: {
    examples: [
      'blastwall migrate                       # .blastwall/blastwall.db',
      'blastwall migrate --db postgres://user@host/blastwall',
    ],
    exitCodes: STORE,
  },
  audit: {
    examples: [
      'blastwall audit verify                  # exit 1 names the first altered record',
      'blastwall audit export > audit.jsonl',
    ],
    exitCodes:
      '0 ok (chain verified), 1 the chain does not verify, 2 usage error or no such database, 4 internal error',
  },
  token: {
    examples: [
      'blastwall token create --role reviewer --person sam',
      'blastwall token create --role agent --agent claude-code',
      'blastwall token list',
      'blastwall token revoke tok_…',
    ],
    exitCodes: STORE,
  },
  deploy: {
    examples: [
      'blastwall deploy record deploys.json',
      'cat rollout-event.json | blastwall deploy record --source argo-rollouts',
      'blastwall deploy plan --service checkout',
    ],
    exitCodes:
      '0 ok, 1 some records were refused (named by line), 2 usage error or no such database, 4 internal error',
  },
  incidents: {
    examples: ['blastwall incidents import incidents.csv', 'blastwall incidents import pagerduty.jsonl'],
    exitCodes:
      '0 ok, 1 some rows were skipped (named by line), 2 usage error or no such database, 4 internal error',
  },
  report: {
    examples: [
      'blastwall report                        # the last 28 days against the 28 before',
      'blastwall report --since 2026-10-01 --format markdown',
    ],
    exitCodes: STORE,
  },
  serve: {
    examples: [
      'blastwall serve                         # API and dashboard on http://127.0.0.1:8080',
      'blastwall serve --db postgres://user@host/blastwall --host 0.0.0.0',
    ],
    exitCodes: '0 stopped cleanly, 2 usage or config error (port in use), 4 internal error',
  },
  undo: {
    examples: [
      'blastwall undo --list                 # restore points the gate took in this repository',
      'blastwall undo                        # bring back the newest one',
      'blastwall undo 20261207-211558-282bf3 --dry-run',
    ],
    exitCodes:
      '0 brought back (or listed), 1 conflicts: nothing written (see --force), 2 no such restore point, 4 internal error',
  },
  approve: {
    examples: [
      'blastwall approve apr_… --reason "checked with the owners"',
      'blastwall approve apr_… --deny --reason "split it first"',
    ],
    exitCodes: SERVER,
  },
  approvals: {
    examples: ['blastwall approvals --status pending', 'blastwall approvals --status expired'],
    exitCodes: SERVER,
  },
  attest: {
    examples: [
      "blastwall attest push                          # note the current branch's commits on refs/notes/blastwall-attest",
      'git push origin refs/notes/blastwall-attest    # then CI fetches the ref and check sees the attested lines',
    ],
    exitCodes: '0 notes written, 2 usage error, 4 internal error',
  },
  creds: {
    examples: [
      'blastwall creds postgres prod                 # a read-only connection URL for this agent session',
      'blastwall creds postgres prod --write         # ask for write access: held until a person approves',
      'blastwall creds exec prod -- ./scripts/rotate.sh',
      'blastwall creds setup prod                    # point the agent at brokered AWS, kubeconfig and PostgreSQL profiles',
    ],
    exitCodes:
      '0 credentials issued, 1 refused by the server, 2 usage or config error, 3 held for approval (the approval id is printed), 4 internal error (no credentials)',
  },
};

/** Adds a verb's examples and exit codes (those its module does not write) to the end of its `--help`. */
export function addVerbHelp(program: Command, verb: string): void {
  const help = VERB_HELP[verb];
  const command = program.commands.find((c) => c.name() === verb);
  if (!help || !command) return;
  const parts: string[] = [];
  if (help.examples) parts.push(`Examples:\n${help.examples.map((e) => `  ${e}`).join('\n')}`);
  if (help.exitCodes) parts.push(`Exit codes: ${help.exitCodes}.`);
  if (parts.length > 0) command.addHelpText('after', `\n${parts.join('\n\n')}`);
}
