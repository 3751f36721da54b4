import { spawn } from 'node:child_process';
import { BlastwallError } from '../../core/errors.js';
import { MetricsCalculator, type MetricsCommit, type MetricsFile } from '../../core/risk/metrics.js';
import type { ChangeMetrics } from '../../core/risk/types.js';

/** One commit of the history with its metrics. */
export interface CommitMetrics {
  commit: MetricsCommit;
  metrics: ChangeMetrics;
}

/** Where and what to read. */
export interface HistoryOptions {
  /** Repository directory. */
  repo: string;
  /** The revision whose history is read (default HEAD). */
  tip?: string;
  /** Called after every commit with the number read so far. */
  onProgress?: (commits: number) => void;
}

const RECORD = '\x1e';
const FIELD = '\x1f';
const END = '\x1d';

/** The git arguments of the one streaming pass (also used by the benchmark as its baseline). */
export function historyGitArgs(tip = 'HEAD'): string[] {
  return [
    'log',
    '--reverse',
    '--no-merges',
    '-M',
    '--numstat',
    `--format=${RECORD}%H${FIELD}%ae${FIELD}%an${FIELD}%at${FIELD}%B${END}`,
    tip,
    '--',
  ];
}

/** Streams the history oldest first in one `git log --numstat` pass, parsing stdout as it arrives. */
export async function* readHistory(options: HistoryOptions): AsyncGenerator<MetricsCommit> {
  const child = spawn('git', historyGitArgs(options.tip), {
    cwd: options.repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  let buffer = '';
  let current: MetricsCommit | undefined;
  let count = 0;
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout as AsyncIterable<string>) {
    buffer += chunk;
    let start = 0;
    for (;;) {
      if (buffer.startsWith(RECORD, start)) {
        // Inside a header: the message may span lines, so wait for its end marker.
        const end = buffer.indexOf(END, start);
        if (end < 0) break;
        if (current) {
          yield current;
          options.onProgress?.(++count);
        }
        current = parseHeader(buffer.slice(start + 1, end));
        start = end + 1;
        continue;
      }
      const newline = buffer.indexOf('\n', start);
      if (newline < 0) break;
      const line = buffer.slice(start, newline);
      start = newline + 1;
      if (line !== '' && current) current.files.push(parseNumstat(line));
    }
    buffer = buffer.slice(start);
  }
  const code = await exited;
  if (code !== 0) {
    if (/does not have any commits|unknown revision|bad revision/.test(stderr)) return;
    throw new BlastwallError(
      'external',
      `git log failed in ${options.repo}: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`,
    );
  }
  if (current) {
    yield current;
    options.onProgress?.(++count);
  }
}

function parseHeader(text: string): MetricsCommit {
  const [sha = '', email = '', name = '', at = '0', ...message] = text.split(FIELD);
  return {
    sha,
    author: email.toLowerCase() || name,
    time: Number(at),
    message: message.join(FIELD),
    files: [],
  };
}

/** Parses "added<TAB>deleted<TAB>path"; binary files show "-" counts; renames show "a => b" or "dir/{a => b}/f". */
export function parseNumstat(line: string): MetricsFile {
  const firstTab = line.indexOf('\t');
  const secondTab = line.indexOf('\t', firstTab + 1);
  const added = line.slice(0, firstTab);
  const deleted = line.slice(firstTab + 1, secondTab);
  const paths = splitRename(unquote(line.slice(secondTab + 1)));
  const file: MetricsFile = {
    path: paths.path,
    added: added === '-' ? 0 : Number(added),
    deleted: deleted === '-' ? 0 : Number(deleted),
  };
  if (paths.oldPath !== undefined && paths.oldPath !== paths.path) file.oldPath = paths.oldPath;
  return file;
}

/** Expands git's compact rename notation into the old and new paths. */
export function splitRename(text: string): { path: string; oldPath?: string } {
  const braced = /^(.*)\{(.*) => (.*)\}(.*)$/.exec(text);
  if (braced) {
    const [, prefix = '', from = '', to = '', suffix = ''] = braced;
    const join = (middle: string): string => `${prefix}${middle}${suffix}`.replace(/\/\//g, '/');
    return { path: join(to), oldPath: join(from) };
  }
  const arrow = text.indexOf(' => ');
  if (arrow >= 0) return { path: text.slice(arrow + 4), oldPath: text.slice(0, arrow) };
  return { path: text };
}

/** Undoes git's C-style quoting of unusual paths ("a\tb" → a<TAB>b); octal escapes are UTF-8 bytes. */
function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
  const body = text.slice(1, text.endsWith('"') ? -1 : undefined);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Metrics of every commit up to `tip`, oldest first, computed in one pass. */
export async function historyMetrics(options: HistoryOptions): Promise<CommitMetrics[]> {
  const calculator = new MetricsCalculator();
  const out: CommitMetrics[] = [];
  for await (const commit of readHistory(options)) out.push({ commit, metrics: calculator.next(commit) });
  return out;
}

/** Metrics of the commits in a range ("A..B", a single revision means that one commit), computed against their full history. */
export async function rangeMetrics(repo: string, range: string): Promise<CommitMetrics[]> {
  const listed = await runGit(repo, [
    'rev-list',
    '--no-merges',
    range.includes('..') ? range : `${range}^!`,
    '--',
  ]).catch((error: unknown) => {
    throw new BlastwallError('usage', `no such commit or range "${range}" in ${repo}`, { cause: error });
  });
  const wanted = new Set(listed.split('\n').filter(Boolean));
  const tip = range.includes('..')
    ? range.slice(range.lastIndexOf('..') + 2).replace(/^\./, '') || 'HEAD'
    : range;
  const calculator = new MetricsCalculator();
  const out: CommitMetrics[] = [];
  for await (const commit of readHistory({ repo, tip })) {
    const metrics = calculator.next(commit);
    if (wanted.has(commit.sha)) out.push({ commit, metrics });
  }
  return out;
}

/** Runs git and resolves to its stdout; a failure names git and its first error line. */
export function runGit(repo: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', (error) =>
      reject(new BlastwallError('external', `git could not run: ${error.message}`, { cause: error })),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new BlastwallError(
            'usage',
            `git ${args[0] ?? ''} failed: ${err.trim().split('\n')[0] ?? `exit ${code}`}`,
          ),
        );
    });
  });
}
