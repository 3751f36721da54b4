import { createHmac, timingSafeEqual } from 'node:crypto';

/** Computes GitHub's `X-Hub-Signature-256` value for a body: `sha256=` and the hex HMAC-SHA256. */
export function signBody(secret: string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when the header is a valid signature of exactly these bytes; compared in constant time. */
export function verifySignature(secret: string, body: Uint8Array, header: string | undefined): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(signBody(secret, body), 'utf8');
  const given = Buffer.from(header, 'utf8');
  // timingSafeEqual throws on different lengths; a wrong length is simply a wrong signature.
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
