// Test support: builds store-child.ts into plain JavaScript once, so a real node process can run it.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** Bundles the store child and returns the path of the .mjs to run with node. */
export async function buildStoreChild(): Promise<string> {
  // Inside node_modules so the bundle resolves kysely, pg and better-sqlite3 from the project.
  const outDir = resolve(here, '../../node_modules/.cache/blastwall-storage');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `store-child-${randomBytes(4).toString('hex')}.mjs`);
  await build({
    entryPoints: [join(here, 'store-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pg', 'kysely'],
    outfile: file,
    logLevel: 'silent',
  });
  return file;
}
