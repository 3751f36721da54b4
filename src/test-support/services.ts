import { execFileSync } from 'node:child_process';
import pg from 'pg';

/** True in CI, where no suite may be skipped for a missing service. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** The PostgreSQL URL used by the storage suites. */
export const POSTGRES_URL = process.env.BLASTWALL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers; in CI a missing server is an error, never a skip. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (IN_CI)
      throw new Error(`PostgreSQL is required in CI but is not reachable at ${POSTGRES_URL}`, {
        cause: error,
      });
    process.stderr.write(
      `SKIPPED: PostgreSQL suites — no server at ${POSTGRES_URL} (set BLASTWALL_TEST_PG)\n`,
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Path of a Chromium binary, or undefined (an error in CI). */
export function chromiumPath(): string | undefined {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  if (IN_CI) throw new Error('chromium is required in CI for the browser suite but was not found');
  process.stderr.write(
    'SKIPPED: browser suite — chromium not found (apt-get install chromium, or set CHROMIUM_PATH)\n',
  );
  return undefined;
}
