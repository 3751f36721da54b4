import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigFile } from '../adapters/config/load-config.js';

/**
 * The team's attestation keys: `attestation.trustedKeys` of the repository's blastwall.yaml, plus
 * `$BLASTWALL_ATTEST_TRUSTED_KEYS` (comma-separated, for CI). Read only when a change has attestation notes.
 */
export function trustedAttestKeys(repo: string, env: Record<string, string | undefined>): string[] {
  const fromEnv = (env.BLASTWALL_ATTEST_TRUSTED_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  const file = join(repo, 'blastwall.yaml');
  const configured = existsSync(file) ? (readConfigFile(file).attestation?.trustedKeys ?? []) : [];
  return [...configured, ...fromEnv];
}
