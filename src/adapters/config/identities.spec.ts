import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { loadConfig } from './load-config.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function repoWith(config: string): string {
  dir = mkdtempSync(join(tmpdir(), 'bw-identities-'));
  writeFileSync(join(dir, 'blastwall.yaml'), config);
  return dir;
}

async function problem(config: string): Promise<ConfigError | undefined> {
  try {
    await loadConfig(repoWith(config));
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

describe('duplicate identities', () => {
  it('reports two people sharing an email with the line of the second', async () => {
    const error = await problem(
      [
        'people:',
        '  - { id: jo, level: junior, emails: [jo@example.com] }',
        '  - id: sam',
        '    level: senior',
        '    emails:',
        '      - sam@example.com',
        '      - Jo@Example.com',
      ].join('\n'),
    );
    expect(error?.line).toBe(7);
    expect(error?.message).toContain('email "Jo@Example.com" belongs to "jo" too');
  });

  it('reports two people sharing a GitHub login, the id counting as a login', async () => {
    const error = await problem(
      [
        'people:',
        '  - { id: jo, level: junior, github: jo-dev }',
        '  - id: sam',
        '    level: senior',
        '    github: [sam-s, JO-DEV]',
      ].join('\n'),
    );
    expect(error?.line).toBe(5);
    expect(error?.message).toContain('GitHub login "JO-DEV" belongs to "jo" too');
    const byId = await problem(
      ['people:', '  - { id: jo, level: junior }', '  - { id: sam, level: senior, github: jo }'].join('\n'),
    );
    expect(byId?.line).toBe(3);
  });

  it('accepts distinct people, and one person listing an email twice', async () => {
    const ok = await problem(
      [
        'people:',
        '  - { id: jo, level: junior, emails: [jo@example.com, jo@example.com], github: jo-dev }',
        '  - { id: sam, level: senior, emails: [sam@example.com], github: [sam-s] }',
      ].join('\n'),
    );
    expect(ok).toBeUndefined();
  });
});

describe('provenance.exclude', () => {
  it('loads identity patterns and rejects one that is not a regular expression', async () => {
    const { config } = await loadConfig(repoWith('provenance:\n  exclude: ["^Devin Smith <"]\n'));
    expect(config.provenance.exclude).toEqual(['^Devin Smith <']);
    const error = await problem('provenance:\n  exclude: ["(unclosed"]\n');
    expect(error?.message).toContain('provenance.exclude.0: invalid regular expression');
  });
});
