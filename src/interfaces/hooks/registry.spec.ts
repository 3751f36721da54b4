import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HOOK_ADAPTERS } from './registry.js';
import { HOOK_AGENTS } from './types.js';

describe('hook adapter registry', () => {
  it('registers every adapter folder, and only those', () => {
    const folders = readdirSync(fileURLToPath(new URL('.', import.meta.url)), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(Object.keys(HOOK_ADAPTERS).sort()).toEqual(folders);
    expect([...HOOK_AGENTS].sort()).toEqual(folders);
  });

  it.each(HOOK_AGENTS)('loads the %s adapter under its own id', async (id) => {
    const adapter = await HOOK_ADAPTERS[id]();
    expect(adapter.id).toBe(id);
  });
});
