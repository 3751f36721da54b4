import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { loadConfig } from './load-config.js';

const MINIMAL = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: docs,     tier: 4, owner: docs, paths: ["docs/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"], awsProfile: ["prod*"], terraformWorkspace: ["prod"], host: ["*.prod.*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*", "dev-*"], awsProfile: ["dev*"] } }
`;

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function repoWith(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'bw-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function errorOf(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads the minimal form of DESIGN.md exactly as written', async () => {
    const { config } = await loadConfig(repoWith({ 'blastwall.yaml': MINIMAL }));

    expect(config.people.map((p) => [p.id, p.level])).toEqual([
      ['jo', 'junior'],
      ['sam', 'senior'],
    ]);
    expect(config.services.find((s) => s.id === 'checkout')).toMatchObject({
      tier: 1,
      owner: 'shop',
      dependsOn: ['payments'],
    });
    expect(config.environments).toEqual([
      {
        id: 'prod',
        protected: true,
        match: {
          kubeContext: ['prod-*'],
          awsProfile: ['prod*'],
          terraformWorkspace: ['prod'],
          host: ['*.prod.*'],
        },
      },
      { id: 'dev', protected: false, match: { kubeContext: ['kind-*', 'dev-*'], awsProfile: ['dev*'] } },
    ]);
  });

  it.each([
    ['a wrong level', MINIMAL.replace('level: junior', 'level: intern'), 2, /people\.0\.level/],
    ['an unknown key', MINIMAL.replace('tier: 4,', 'tier: 4, teir: 2,'), 7, /unknown key "teir"/],
    ['a tier out of range', MINIMAL.replace('tier: 4', 'tier: 9'), 7, /services\.2\.tier/],
    ['broken YAML', 'people:\n  - { id: jo, level: junior\n', 3, /./],
  ])('rejects %s with the file and line', async (_name, text, line, message) => {
    const error = await errorOf(loadConfig(repoWith({ 'blastwall.yaml': text })));

    expect(error.file).toMatch(/blastwall\.yaml$/);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it('rejects a dependency on an unknown service', async () => {
    const error = await errorOf(
      loadConfig(
        repoWith({ 'blastwall.yaml': MINIMAL.replace('dependsOn: [payments]', 'dependsOn: [billing]') }),
      ),
    );

    expect(error.message).toMatch(/depends on "billing", which is not a known service/);
  });

  it('adds Backstage catalog components and reads CODEOWNERS', async () => {
    const root = repoWith({
      'blastwall.yaml': MINIMAL,
      'services/orders/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
  annotations: { blastwall.dev/tier: "2" }
spec: { type: service, owner: group:default/orders-team, dependsOn: ["component:payments"] }
`,
      '.github/CODEOWNERS': '* @acme/platform\n/docs/ @acme/docs\n',
    });
    const { execFileSync } = await import('node:child_process');
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });

    const { config } = await loadConfig(root);

    expect(config.services.find((s) => s.id === 'orders')).toMatchObject({
      tier: 2,
      owner: 'orders-team',
      dependsOn: ['payments'],
    });
    expect(config.codeowners.map((r) => r.pattern)).toEqual(['*', '/docs/']);
  });

  it('caches the catalog file list per git index and sees a catalog file staged later', async () => {
    const root = repoWith({ 'blastwall.yaml': MINIMAL });
    const { execFileSync } = await import('node:child_process');
    const { fileCache } = await import('../cache/file-cache.js');
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
    const cache = fileCache(join(root, '.cache'));

    expect((await loadConfig(root, undefined, cache)).config.services.map((s) => s.id)).not.toContain(
      'orders',
    );
    mkdirSync(join(root, 'services', 'orders'), { recursive: true });
    writeFileSync(
      join(root, 'services', 'orders', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: orders }\nspec: { type: service, owner: shop }\n',
    );
    // Not yet in the index: git ls-files would not list it either.
    expect((await loadConfig(root, undefined, cache)).config.services.map((s) => s.id)).not.toContain(
      'orders',
    );
    execFileSync('git', ['add', '-A'], { cwd: root });
    expect((await loadConfig(root, undefined, cache)).config.services.map((s) => s.id)).toContain('orders');
  });

  // The reference check's clean verdict is cached by the texts it read: a catalog edit that closes a cycle
  // through blastwall.yaml's services is found although blastwall.yaml itself did not change.
  it('checks references again when a catalog file changes under a cached clean verdict', async () => {
    const catalog = (dependsOn: string): string =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: orders }\nspec: { type: service, owner: shop, dependsOn: [${dependsOn}] }\n`;
    const root = repoWith({
      'blastwall.yaml': MINIMAL.replace(
        'paths: ["services/payments/**"] }',
        'paths: ["services/payments/**"], dependsOn: [orders] }',
      ),
      'services/orders/catalog-info.yaml': catalog(''),
    });
    const { execFileSync } = await import('node:child_process');
    const { fileCache } = await import('../cache/file-cache.js');
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
    const cache = fileCache(join(root, '.cache'));
    await loadConfig(root, undefined, cache);
    await loadConfig(root, undefined, cache);

    writeFileSync(join(root, 'services', 'orders', 'catalog-info.yaml'), catalog('"component:payments"'));
    const error = await loadConfig(root, undefined, cache).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /cycle: (payments → orders → payments|orders → payments → orders)/,
    );
  });

  // The parsed configuration is cached under a hash of the file's bytes: any edit is a new key, even one that
  // keeps the file's size (and, written within the same clock tick, its time).
  it('reads an edited blastwall.yaml afresh, not from the cache of the text before', async () => {
    const root = repoWith({ 'blastwall.yaml': MINIMAL });
    const { fileCache } = await import('../cache/file-cache.js');
    const cache = fileCache(join(root, '.cache'));
    const tierOf = async (): Promise<number | undefined> =>
      (await loadConfig(root, undefined, cache)).config.services.find((s) => s.id === 'docs')?.tier;

    expect(await tierOf()).toBe(4);
    expect(await tierOf()).toBe(4); // from the cache
    const edited = MINIMAL.replace('{ id: docs,     tier: 4', '{ id: docs,     tier: 2');
    expect(edited.length).toBe(MINIMAL.length);
    writeFileSync(join(root, 'blastwall.yaml'), edited);

    expect(await tierOf()).toBe(2);
    writeFileSync(join(root, 'blastwall.yaml'), MINIMAL);
    expect(await tierOf()).toBe(4);
  });

  // A git worktree's `.git` is a file pointing at its own git directory (and index): reading the index's time
  // there threw ENOTDIR, and every check in a worktree failed with an internal error.
  it('loads in a git worktree and sees a catalog file staged there', async () => {
    const root = repoWith({ 'blastwall.yaml': MINIMAL });
    const { execFileSync } = await import('node:child_process');
    const { fileCache } = await import('../cache/file-cache.js');
    const git = (cwd: string, ...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], {
        cwd,
        encoding: 'utf8',
      });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'config');
    const worktree = join(root, 'wt');
    git(root, 'worktree', 'add', '-q', '-b', 'feature', worktree);
    const cache = fileCache(join(root, '.cache'));
    const ids = async (): Promise<string[]> =>
      (await loadConfig(worktree, undefined, cache)).config.services.map((s) => s.id);

    expect(await ids()).toEqual(['payments', 'checkout', 'docs']);
    mkdirSync(join(worktree, 'services', 'orders'), { recursive: true });
    writeFileSync(
      join(worktree, 'services', 'orders', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: orders }\nspec: { type: service, owner: shop }\n',
    );
    expect(await ids()).not.toContain('orders');
    git(worktree, 'add', '-A');
    expect(await ids()).toContain('orders');
  });

  it('works without any config file (no people, no services)', async () => {
    const { config } = await loadConfig(repoWith({ 'README.md': 'hi' }));

    expect(config.people).toEqual([]);
    expect(config.services).toEqual([]);
  });
});
