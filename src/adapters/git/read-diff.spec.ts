import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readChange } from './read-change.js';
import { createScratchRepo, type ScratchRepo } from './scratch-repo.js';

let repo: ScratchRepo;
afterEach(() => repo.remove());

/** Deletes a loose object, as a snapshot without its large blobs lacks it. */
function dropObject(sha: string): void {
  rmSync(join(repo.dir, '.git', 'objects', sha.slice(0, 2), sha.slice(2)));
}

describe('reading a change whose snapshot lacks some blobs', () => {
  it('names the missing object and still reads the commits and the other files', async () => {
    repo = createScratchRepo('bw-missing-');
    const base = repo.commit('base', { 'README.md': 'hello\n' });
    const head = repo.commit('Add data\n\nCo-authored-by: Claude <noreply@anthropic.com>\n', {
      'data/large.json': '{"a":1}\n'.repeat(50),
      'src/a.ts': 'export const a = 1;\nexport const b = 2;\n',
    });
    const blob = repo.git('rev-parse', `${head}:data/large.json`).trim();
    dropObject(blob);

    const change = await readChange(repo.dir, { base, head });

    expect(change.commits.map((c) => c.sha)).toEqual([head]);
    expect(change.files.find((f) => f.path === 'src/a.ts')).toMatchObject({ added: 2, deleted: 0 });
    expect(change.files.find((f) => f.path === 'data/large.json')).toMatchObject({
      status: 'added',
      added: 0,
    });
    expect(change.notes?.join('\n')).toContain(`git object ${blob} is missing`);
    expect(change.notes?.join('\n')).toContain('line counts unknown for data/large.json');
  });

  it('reads a complete repository with no notes', async () => {
    repo = createScratchRepo('bw-complete-');
    const base = repo.commit('base', { 'README.md': 'hello\n' });
    const head = repo.commit('more', { 'README.md': 'hello\nworld\n' });
    const change = await readChange(repo.dir, { base, head });
    expect(change.notes).toBeUndefined();
    expect(change.files).toEqual([
      { path: 'README.md', added: 1, deleted: 0, binary: false, status: 'modified' },
    ]);
  });
});
