import { randomBytes } from 'node:crypto';

/** A new random id with a readable prefix, e.g. `apr_Xk3…` (96 random bits, URL-safe). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
