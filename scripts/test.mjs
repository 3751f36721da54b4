// Runs the whole test suite; prints which suites were skipped for a missing service and why.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
