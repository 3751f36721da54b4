import type { Command } from 'commander';
import { EXIT, type CliDeps } from '../deps.js';
import { clientFor, reportClientError, type ServerFlags } from '../server-client.js';

interface ApproveFlags extends ServerFlags {
  reason?: string;
  deny?: boolean;
  json?: boolean;
}

/** Registers `blastwall approve ID`: a person signs off (or denies) a held action or a change on the server. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('approve')
    .description(
      'Approve (or with --deny, deny) a pending approval on the blastwall server, as the person of your token',
    )
    .argument('<id>', 'approval id (from the held message or blastwall approvals)')
    .option('--reason <text>', 'why, for the audit log')
    .option('--deny', 'deny instead of approve')
    .option(
      '--server <url>',
      'server URL (default: $BLASTWALL_SERVER_URL, else server.url in blastwall.yaml)',
    )
    .option('--token <token>', 'a reviewer token (default: $BLASTWALL_TOKEN, else server.token)')
    .option('--config <file>', 'configuration file (default: blastwall.yaml of the repository here)')
    .option('--json', 'print the approval as JSON')
    .action(async (id: string, flags: ApproveFlags) => {
      const client = await clientFor(flags, deps, 'approve');
      if (!client) return;
      const decision = flags.deny ? 'deny' : 'approve';
      try {
        const approval = (await client.decide(id, decision, flags.reason)) as {
          id: string;
          status: string;
          approvedBy: string[];
        };
        deps.stdout(
          flags.json
            ? `${JSON.stringify(approval)}\n`
            : `${approval.id}: ${approval.status}${approval.approvedBy.length > 0 ? ` (approved by ${approval.approvedBy.join(', ')})` : ''}\n`,
        );
        deps.exit(EXIT.ok);
      } catch (error) {
        reportClientError(error, deps, 'approve');
      }
    });
}
