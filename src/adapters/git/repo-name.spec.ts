import { describe, expect, it } from 'vitest';
import { createScratchRepo } from './scratch-repo.js';
import { readRepoName, repoNameFromUrl } from './repo-name.js';

describe('repository names', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'acme/shop'],
    ['git@github.com:acme/shop.git', 'acme/shop'],
    ['https://gitlab.example.com/group/sub/shop', 'sub/shop'],
    ['ssh://git@host:2222/acme/shop.git/', 'acme/shop'],
    ['', undefined],
  ])('%s is %s', (url, name) => {
    expect(repoNameFromUrl(url)).toBe(name);
  });

  it('reads the origin remote, and falls back to the folder name without one', async () => {
    const repo = createScratchRepo('bw-repo-name-');
    try {
      const folder = repo.dir.split('/').at(-1);
      expect(await readRepoName(repo.dir)).toBe(folder);
      repo.git('remote', 'add', 'origin', 'https://github.com/acme/shop.git');
      expect(await readRepoName(repo.dir)).toBe('acme/shop');
    } finally {
      repo.remove();
    }
  });
});
