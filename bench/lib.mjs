// Small helpers shared by the benchmarks: timing, percentiles and a progress line.
/* global process */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Median and p99 of a list of numbers. */
export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), n: sorted.length };
}

/** Wall-clock milliseconds of a whole process, repeated; returns the runs' times. */
export function timeProcess(command, args, { runs = 10, cwd, input, env } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, {
      cwd,
      input,
      env: env ?? process.env,
      stdio: ['pipe', 'ignore', 'pipe'],
      maxBuffer: 1 << 28,
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.error) throw result.error;
    times.push(elapsed);
  }
  return times;
}

/** A progress line on stderr that rewrites itself. */
export function progress(label, done, total) {
  if (!process.stderr.isTTY && done !== total && done % Math.max(1, Math.floor(total / 10)) !== 0) return;
  const pct = Math.round((done / total) * 100);
  process.stderr.write(
    `${process.stderr.isTTY ? '\r' : ''}${label}: ${done}/${total} (${pct}%)${process.stderr.isTTY ? '' : '\n'}`,
  );
  if (done === total && process.stderr.isTTY) process.stderr.write('\n');
}

/** Formats milliseconds. */
export function ms(value) {
  return value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(1)} ms`;
}

const GNU_TIME = '/usr/bin/time';

/**
 * One run of a process: wall-clock milliseconds, exit status and stdout; with `cpu`, also the child's user+system CPU
 * milliseconds through GNU time when it is installed (10 ms resolution; CPU time does not grow while the process waits
 * for a core, so it survives a busy machine better than wall time).
 */
export function runTimed(command, args, { cwd, input, env, cpu = false } = {}) {
  const measureCpu = cpu && existsSync(GNU_TIME);
  const out = measureCpu ? join(mkdtempSync(join(tmpdir(), 'bench-time-')), 'cpu') : undefined;
  const [file, argv] = measureCpu
    ? [GNU_TIME, ['-f', '%U %S', '-o', out, command, ...args]]
    : [command, args];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, argv, {
    cwd,
    input,
    env: env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  let cpuMs;
  if (out) {
    const [user, system] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpuMs = (user + system) * 1000;
    rmSync(dirname(out), { recursive: true, force: true });
  }
  return { ms: elapsed, cpuMs, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A Markdown table from a header row and data rows. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Percentage with one decimal, and the counts it comes from. */
export function share(part, whole) {
  return whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)}% (${part}/${whole})`;
}
