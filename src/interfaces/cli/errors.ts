import { BlastwallError } from '../../core/errors.js';
import { EXIT } from './deps.js';

/** Maps any thrown value to a one-line message and an exit code; config and usage problems are 2, the rest 4. */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof BlastwallError) {
    return {
      message: error.message,
      exitCode: error.code === 'config' || error.code === 'usage' ? EXIT.usage : EXIT.internal,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `internal error: ${message}`, exitCode: EXIT.internal };
}
