import { BlastwallError } from '../../core/errors.js';

/** A plan file that cannot be read: names the file and what is wrong (a usage error, exit 2). */
export class PlanReadError extends BlastwallError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super('usage', `${file}: ${problem}`);
    this.name = 'PlanReadError';
  }
}
