import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('gives 96-bit URL-safe ids that never repeat, across refills of its random block', () => {
    const ids = Array.from({ length: 5000 }, () => newId('act'));

    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^act_[A-Za-z0-9_-]{16}$/);
  });
});
