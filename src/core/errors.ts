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

/** The configuration is invalid: names the file, the line and what is wrong. */
export class ConfigError extends BlastwallError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    problem: string,
  ) {
    super('config', `${file}${line !== undefined ? `:${line}` : ''}: ${problem}`);
    this.name = 'ConfigError';
  }
}
