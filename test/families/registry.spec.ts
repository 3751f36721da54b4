import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ToolFamily } from '../../src/core/actions/classifiers/family.js';
import { buildRegistry, FAMILIES } from '../../src/core/actions/classifiers/registry.js';
import type { SqlAnalyzer } from '../../src/core/actions/classifiers/sql-analyzer.js';

const CLASSIFIERS = join(import.meta.dirname, '../../src/core/actions/classifiers');
const deps = { sql: { analyze: () => ({ statements: [], errors: [] }) } satisfies SqlAnalyzer };

describe('classifier registry', () => {
  it('lists one family for every folder under classifiers/, under the folder name', () => {
    const folders = readdirSync(CLASSIFIERS, { withFileTypes: true })
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
