import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IN_CI } from './services.js';

const PROJECT = join(import.meta.dirname, '..', '..');

/**
 * The folder of the labelled JIT data (qt.csv, openstack.csv, jdt.csv, platform.csv), which lives outside
 * the repository: BLASTWALL_JIT_DATA, else the nearest `shared/data/jit` beside the project or one of its
 * parents (`../shared/data/jit` for a checkout next to `shared/`). Undefined, with a `SKIPPED:` line, when it
 * is absent; an error in CI, or when BLASTWALL_JIT_DATA names a folder that is not there.
 */
export function jitDataDir(suite: string): string | undefined {
  const named = process.env.BLASTWALL_JIT_DATA;
  if (named) {
    if (!existsSync(join(named, 'jdt.csv')))
      throw new Error(`BLASTWALL_JIT_DATA=${named} holds no jdt.csv: the JIT data is not there`);
    return named;
  }
  for (let dir = dirname(PROJECT); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', 'jit');
    if (existsSync(join(candidate, 'jdt.csv'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  if (IN_CI) throw new Error('the JIT data is required in CI but was not found (set BLASTWALL_JIT_DATA)');
  process.stderr.write(
    `SKIPPED: ${suite} — JIT data not found beside the project (set BLASTWALL_JIT_DATA)\n`,
  );
  return undefined;
}
