import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INGEST_SOURCES } from './index.js';

describe('ingest registry', () => {
  it('lists every source folder, under its folder name', () => {
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);

    expect(Object.keys(INGEST_SOURCES).sort()).toEqual(folders.sort());
    for (const [id, source] of Object.entries(INGEST_SOURCES)) expect(source.id).toBe(id);
  });
});
