import type { Command } from 'commander';
import { attestPaths, signingKey } from '../../../adapters/attest/key.js';
import { ATTEST_NOTES_REF, publicKeyText } from '../../../adapters/attest/notes.js';
import { pushAttestations } from '../../../app/attest-push.js';
import { sendQueuedAttestations, type SendResult } from '../../../app/attest-send.js';
import { findRepoRoot } from '../../../app/workspace.js';
import { BlastwallError } from '../../../core/errors.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';

/** Registers `blastwall attest push`: the hooks' attestations exported as git notes for CI. */
export function register(program: Command, deps: CliDeps): void {
  const attest = program.command('attest').description("The hooks' signed attestations of agent writes");
  attest
    .command('push')
    .description(
      'Write, for each commit of the range, a git note with the signed attestations its added lines match, so a clone that fetches the notes ref (CI, the GitHub Action) sees them; push the ref with git push origin <ref>',
    )
    .argument(
      '[range]',
      'BASE..HEAD or one revision (default: the current branch against the default branch)',
    )
    .option('--ref <ref>', 'notes ref to write', ATTEST_NOTES_REF)
    .action(async (range: string | undefined, options: { ref: string }) => {
      try {
        if (!options.ref.startsWith('refs/notes/'))
          throw new BlastwallError('usage', `--ref must be under refs/notes/ (got "${options.ref}")`);
        const result = await pushAttestations(findRepoRoot(deps.cwd), range, options.ref, deps.env);
        deps.stdout(
          `blastwall: ${result.notes} of ${result.commits} commit(s) noted on ${result.ref} (${result.records} attestation record(s)); share them with: git push origin ${result.ref}\n`,
        );
        // Records the hooks queued for a server go out now too, so CI and the server agree.
        reportSent(await sendQueuedAttestations(deps.env), deps, false);
        return deps.exit(EXIT.ok);
      } catch (error) {
        const { message, exitCode } = describeError(error);
        deps.stderr(`blastwall attest push: ${message}\n`);
        return deps.exit(exitCode);
      }
    });
  attest
    .command('key')
    .description(
      "Print this machine's attestation public key (base64 SPKI), to list under attestation.trustedKeys in blastwall.yaml",
    )
    .action(() => {
      try {
        deps.stdout(`${publicKeyText(signingKey(attestPaths(deps.env).key))}\n`);
        return deps.exit(EXIT.ok);
      } catch (error) {
        const { message, exitCode } = describeError(error);
        deps.stderr(`blastwall attest key: ${message}\n`);
        return deps.exit(exitCode);
      }
    });
  attest
    .command('flush')
    .description(
      'Send the attestations the hooks queued to the blastwall server of their workspace (the hooks start this on their own, at most every 30 s)',
    )
    .option('--quiet', 'print nothing (how the hooks run it)')
    .action(async (options: { quiet?: boolean }) => {
      try {
        const result = await sendQueuedAttestations(deps.env);
        if (!options.quiet) reportSent(result, deps, true);
        return deps.exit(result.failed.length > 0 ? EXIT.notAllowed : EXIT.ok);
      } catch (error) {
        const { message, exitCode } = describeError(error);
        if (!options.quiet) deps.stderr(`blastwall attest flush: ${message}\n`);
        return deps.exit(exitCode);
      }
    });
}

function reportSent(result: SendResult, deps: CliDeps, always: boolean): void {
  if (always || result.delivered > 0 || result.requeued > 0)
    deps.stdout(
      `blastwall: ${result.delivered} queued attestation record(s) sent or settled, ${result.requeued} queued again\n`,
    );
  for (const why of result.refused) deps.stderr(`blastwall: the server refused a record: ${why}\n`);
  for (const why of result.failed) deps.stderr(`blastwall: ${why}; the records stay queued\n`);
}
