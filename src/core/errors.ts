/** Kinds of failure blastwall reports; each maps to an exit code and an HTTP status in one place. */
export type ErrorCode = 'config' | 'usage' | 'not-found' | 'external' | 'internal';

/** An expected failure with a message a person can act on. */
export class BlastwallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BlastwallError';
  }
}

/** One thing wrong in a configuration file, with the line when it is known. */
export interface ConfigProblem {
  file: string;
  line: number | undefined;
  problem: string;
}

/** The configuration is invalid: names the file, the line and what is wrong — every problem found, one per line. */
export class ConfigError extends BlastwallError {
  /** Every problem found; the first is also `file`/`line`. */
  readonly problems: readonly ConfigProblem[];
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    problem: string,
    more: readonly ConfigProblem[] = [],
  ) {
    const problems = [{ file, line, problem }, ...more];
    super('config', problems.map(describeProblem).join('\n'));
    this.problems = problems;
    this.name = 'ConfigError';
  }

  /** One error carrying all of `problems` (which must not be empty). */
  static of(problems: readonly ConfigProblem[]): ConfigError {
    const [first, ...more] = problems;
    if (!first) throw new Error('ConfigError.of needs at least one problem');
    return new ConfigError(first.file, first.line, first.problem, more);
  }
}

function describeProblem(problem: ConfigProblem): string {
  return `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.problem}`;
}
