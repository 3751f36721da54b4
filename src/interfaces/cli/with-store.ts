import { existsSync } from 'node:fs';
import { isPostgresSpec, openStore, resolveDbSpec, type Store } from '../../adapters/storage/index.js';
import { BlastwallError } from '../../core/errors.js';
import type { CliDeps } from './deps.js';
import { describeError } from './errors.js';

/** Opens the store named by `--db` / BLASTWALL_DB / the default, runs a verb on it, reports errors, always closes. */
export async function withStore(
  deps: CliDeps,
  verb: string,
  db: string | undefined,
  run: (store: Store) => Promise<number>,
  mustExist = true,
): Promise<void> {
  let store: Store | undefined;
  try {
    const spec = resolveDbSpec(db, deps.env, deps.cwd);
    // Reading a mistyped path must not quietly create an empty database that then "verifies".
    if (mustExist && !isPostgresSpec(spec) && !existsSync(spec))
      throw new BlastwallError('usage', `no database at ${spec} (run blastwall migrate, or pass --db)`);
    store = await openStore(spec);
    deps.exit(await run(store));
  } catch (error) {
    const described = describeError(error);
    deps.stderr(`blastwall ${verb}: ${described.message}\n`);
    deps.exit(described.exitCode);
  } finally {
    await store?.close().catch(() => undefined);
  }
}
