import type { Command } from 'commander';
import {
  describeApprovalRequirement,
  type DescribedRequirement,
} from '../../../core/policy/describe-requirement.js';
import { EXIT, type CliDeps } from '../deps.js';
import { clientFor, reportClientError, type ServerFlags } from '../server-client.js';

interface ListFlags extends ServerFlags {
  status?: string;
  json?: boolean;
}

interface ShownApproval {
  id: string;
  status: string;
  subjectKind: string;
  subjectId: string;
  requirement: Partial<DescribedRequirement> & { approvals: number; policies: string[] };
  createdAt: string;
  expiresAt?: string;
}

/** Registers `blastwall approvals`: the approvals queue of the blastwall server. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('approvals')
    .description('List approvals on the blastwall server, newest first')
    .option('--status <status>', 'pending, approved, denied or expired')
    .option(
      '--server <url>',
      'server URL (default: $BLASTWALL_SERVER_URL, else server.url in blastwall.yaml)',
    )
    .option('--token <token>', 'a reviewer token (default: $BLASTWALL_TOKEN, else server.token)')
    .option('--config <file>', 'configuration file (default: blastwall.yaml of the repository here)')
    .option('--json', 'print the approvals as JSON')
    .action(async (flags: ListFlags) => {
      const client = await clientFor(flags, deps, 'approvals');
      if (!client) return;
      try {
        const approvals = (await client.listApprovals(flags.status)) as ShownApproval[];
        if (flags.json) deps.stdout(`${JSON.stringify(approvals)}\n`);
        else if (approvals.length === 0) deps.stdout('no approvals\n');
        for (const a of flags.json ? [] : approvals) {
          const { requirement } = a;
          const described = describeApprovalRequirement({
            ...requirement,
            notAuthor: requirement.notAuthor ?? false,
            authors: requirement.authors ?? [],
          });
          // Several policies' parts name themselves in the description; a single one is named after it.
          const needs =
            (requirement.parts?.length ?? 0) > 1
              ? described
              : `${described} (${requirement.policies.join(', ') || 'no policy'})`;
          deps.stdout(
            `${a.id}  ${a.status.padEnd(8)}  ${a.subjectKind} ${a.subjectId}  needs ${needs}  created ${a.createdAt}${a.expiresAt ? `  expires ${a.expiresAt}` : ''}\n`,
          );
        }
        deps.exit(EXIT.ok);
      } catch (error) {
        reportClientError(error, deps, 'approvals');
      }
    });
}
