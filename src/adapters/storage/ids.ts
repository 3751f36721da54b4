import { randomBytes } from 'node:crypto';

const ID_BYTES = 12;
// Random bytes are drawn in blocks: one randomBytes call per id was a measurable share of a recorded
// decision's cost on the serve hot path. Each byte of a block is used for one id only.
const BLOCK_BYTES = ID_BYTES * 256;
let block = Buffer.alloc(0);
let offset = 0;

/** A new random id with a readable prefix, e.g. `apr_Xk3…` (96 random bits, URL-safe). */
export function newId(prefix: string): string {
  if (offset + ID_BYTES > block.length) {
    block = randomBytes(BLOCK_BYTES);
    offset = 0;
  }
  const id = block.toString('base64url', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return `${prefix}_${id}`;
}
