import { isFixCommit } from './fix-commit.js';
import type { ChangeMetrics } from './types.js';

/** One file of a commit as the metrics need it; binary files have 0 added and 0 deleted. */
export interface MetricsFile {
  path: string;
  /** The path before a rename, if renamed. */
  oldPath?: string;
  added: number;
  deleted: number;
}

/** One commit as the metrics need it. */
export interface MetricsCommit {
  sha: string;
  /** Author identity (email, lower-cased, or name). */
  author: string;
  /** Unix seconds. */
  time: number;
  message: string;
  files: MetricsFile[];
}

interface FileState {
  lines: number;
  lastChange: number;
  /** One developer as the bare id, a set from the second on: history of 50,000 files made 50,000 sets. */
  developers: string | Set<string>;
  changes: number;
}

interface AuthorState {
  /** Times of the author's earlier commits, ascending. */
  times: number[];
  subsystems: Map<string, number>;
}

const DAY = 86_400;
const YEAR = 365 * DAY;

/** Subsystem of a path: its first component ("" at the root). */
export function subsystemOf(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Directory of a path ("" at the root). */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * Incremental Kamei metrics: feed commits oldest first; each call returns the commit's metrics from the history
 * seen so far, then adds the commit to that history. Definitions follow the data README; where Kamei leaves a
 * choice, nuc and sexp are sums over the touched files / subsystems (as Commit Guru computes them) and rexp
 * weights each earlier commit by 1 / (1 + whole years before this one).
 */
export class MetricsCalculator {
  private readonly files = new Map<string, FileState>();
  private readonly authors = new Map<string, AuthorState>();

  /**
   * Adds `commit` to the history without measuring it, for history whose own metrics nobody reads: measuring the
   * commit that added a 50,000-file repository was a third of a risk-scored check.
   */
  remember(commit: MetricsCommit): void {
    this.record(commit);
  }

  /** Metrics of `commit` against the history fed before it; then records the commit. */
  next(commit: MetricsCommit): ChangeMetrics {
    const metrics = this.measure(commit);
    this.record(commit);
    return metrics;
  }

  private measure(commit: MetricsCommit): ChangeMetrics {
    const subsystems = new Set<string>();
    const directories = new Set<string>();
    const developers = new Set<string>();
    let la = 0;
    let ld = 0;
    let lt = 0;
    let nuc = 0;
    let ageSum = 0;
    let aged = 0;
    for (const file of commit.files) {
      subsystems.add(subsystemOf(file.path));
      directories.add(directoryOf(file.path));
      la += file.added;
      ld += file.deleted;
      const state = this.files.get(file.oldPath ?? file.path);
      if (!state) continue;
      lt += state.lines;
      nuc += state.changes;
      if (typeof state.developers === 'string') developers.add(state.developers);
      else for (const dev of state.developers) developers.add(dev);
      ageSum += Math.max(0, commit.time - state.lastChange) / DAY;
      aged++;
    }
    const author = this.authors.get(commit.author);
    let sexp = 0;
    for (const subsystem of subsystems) sexp += author?.subsystems.get(subsystem) ?? 0;
    return {
      ns: subsystems.size,
      nd: directories.size,
      nf: commit.files.length,
      entropy: entropyOf(commit.files),
      la,
      ld,
      lt,
      fix: isFixCommit(commit.message) ? 1 : 0,
      ndev: developers.size,
      age: aged ? ageSum / aged : 0,
      nuc,
      exp: author?.times.length ?? 0,
      rexp: author ? recentExperience(author.times, commit.time) : 0,
      sexp,
    };
  }

  private record(commit: MetricsCommit): void {
    const subsystems = new Set<string>();
    for (const file of commit.files) {
      subsystems.add(subsystemOf(file.path));
      let state = this.files.get(file.oldPath ?? file.path);
      if (file.oldPath !== undefined && state) this.files.delete(file.oldPath);
      if (!state) state = { lines: 0, lastChange: commit.time, developers: commit.author, changes: 0 };
      state.lines = Math.max(0, state.lines + file.added - file.deleted);
      state.lastChange = commit.time;
      if (typeof state.developers !== 'string') state.developers.add(commit.author);
      else if (state.developers !== commit.author)
        state.developers = new Set([state.developers, commit.author]);
      state.changes++;
      this.files.set(file.path, state);
    }
    let author = this.authors.get(commit.author);
    if (!author) {
      author = { times: [], subsystems: new Map() };
      this.authors.set(commit.author, author);
    }
    insertSorted(author.times, commit.time);
    for (const subsystem of subsystems)
      author.subsystems.set(subsystem, (author.subsystems.get(subsystem) ?? 0) + 1);
  }
}

/** Shannon entropy (bits) of the modified lines across files; 0 for one file or no modified lines. */
function entropyOf(files: readonly MetricsFile[]): number {
  const total = files.reduce((sum, f) => sum + f.added + f.deleted, 0);
  if (total === 0) return 0;
  let h = 0;
  for (const f of files) {
    const p = (f.added + f.deleted) / total;
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

/** Σ over earlier commits of 1 / (1 + whole years between them and now), counted per year band by binary search. */
function recentExperience(times: readonly number[], now: number): number {
  let total = 0;
  let upper = upperBound(times, now);
  for (let years = 0; upper > 0; years++) {
    const lower = upperBound(times, now - (years + 1) * YEAR);
    total += (upper - lower) / (years + 1);
    upper = lower;
  }
  return total;
}

/** Index of the first element greater than `value` in an ascending array. */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts into an ascending array; commits arrive nearly in time order, so this is almost always a push. */
function insertSorted(values: number[], value: number): void {
  let i = values.length;
  while (i > 0 && (values[i - 1] ?? 0) > value) i--;
  values.splice(i, 0, value);
}
