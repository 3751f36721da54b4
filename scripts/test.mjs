// Runs the whole test suite, then prints one closing line "N passed, N failed, N skipped" and which
// suites were skipped for a missing service (on a laptop; in CI=true a missing service fails instead).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'blastwall-test-'));
const report = join(dir, 'vitest.json');
const seen = [];
const child = spawn(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  seen.push(chunk.toString());
});
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  seen.push(chunk.toString());
});
const status = await new Promise((done) => child.on('close', (code) => done(code ?? 1)));
const output = seen.join('');
let summary = 'no test report was written';
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  summary = `${json.numPassedTests} passed, ${json.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
} catch {
  // the runner crashed before writing its report; the exit code says so
}
const skippedSuites = [
  ...new Set(
    output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('SKIPPED:')),
  ),
];
if (skippedSuites.length > 0) {
  process.stdout.write(
    `\nSuites skipped because a service is missing here:\n${skippedSuites.map((l) => `  ${l}`).join('\n')}\n`,
  );
}
process.stdout.write(`\n${summary}\n`);
rmSync(dir, { recursive: true, force: true });
process.exit(status);
