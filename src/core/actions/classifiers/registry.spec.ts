import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ToolFamily } from './family.js';
import { buildRegistry, FAMILIES } from './registry.js';
import type { SqlAnalyzer } from './sql-analyzer.js';

const deps = { sql: { analyze: () => ({ statements: [], errors: [] }) } satisfies SqlAnalyzer };

describe('classifier registry', () => {
  it('lists one family for every folder under classifiers/, under the folder name', () => {
    const folders = readdirSync(import.meta.dirname, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(FAMILIES.map((family) => family.id).sort()).toEqual(folders);
  });

  it('refuses a tool claimed by two families, so a new family cannot silently replace a classifier', () => {
    const twice: ToolFamily = { id: 'twice', tools: () => ({ rm: () => [] }) };
    expect(() => buildRegistry(deps, [...FAMILIES, twice])).toThrow(/"rm" is claimed twice/);
  });

  it('marks partial only tools its family classifies', () => {
    const { tools, partial } = buildRegistry(deps);
    for (const name of partial) expect(tools.has(name)).toBe(true);
  });
});
