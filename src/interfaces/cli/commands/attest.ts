import type { Command } from 'commander';
import { ATTEST_NOTES_REF } from '../../../adapters/attest/notes.js';
import { pushAttestations } from '../../../app/attest-push.js';
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
        return deps.exit(EXIT.ok);
      } catch (error) {
        const { message, exitCode } = describeError(error);
        deps.stderr(`blastwall attest push: ${message}\n`);
        return deps.exit(exitCode);
      }
    });
}
