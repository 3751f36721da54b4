import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: `bw_` followed by 32 random bytes in base64url. Shown once, never stored. */
export function generateToken(): string {
  return `bw_${randomBytes(32).toString('base64url')}`;
}

/** The sha256 (hex) under which a token is stored and looked up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
