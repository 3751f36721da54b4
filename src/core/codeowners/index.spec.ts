import { describe, expect, it } from 'vitest';
import { createOwnerMatcher, isValidOwner, parseCodeowners } from './index.js';

function ownersFor(file: string, path: string): string[] {
  const { rules, errors } = parseCodeowners(file, 'CODEOWNERS');
  expect(errors).toEqual([]);
  return createOwnerMatcher(rules).ownersOf(path);
}

// The example file from GitHub's "About code owners" documentation, trimmed to its rules.
const GITHUB_EXAMPLE = `
# These owners will be the default owners for everything in
# the repo. Unless a later match takes precedence,
*       @global-owner1 @global-owner2

*.js    @js-owner #This is an inline comment.

*.go docs@example.com

*.txt @octo-org/octocats

/build/logs/ @doctocat

docs/*  docs@example.com

apps/ @octocat

/docs/ @doctocat

/scripts/ @doctocat @octocat

**/logs @octocat

/apps/ @octocat
/apps/github
`;

describe('GitHub documentation example', () => {
  it.each([
    ['README.md', ['@global-owner1', '@global-owner2']],
    ['src/index.js', ['@js-owner']],
    ['main.go', ['docs@example.com']],
    ['notes/a.txt', ['@octo-org/octocats']],
    ['build/logs/today.log', ['@octocat']], // `**/logs` comes later and wins
    ['docs/getting-started.md', ['@doctocat']], // `/docs/` is later than `docs/*`
    ['docs/build-app/troubleshooting.md', ['@doctocat']],
    ['scripts/deploy.sh', ['@doctocat', '@octocat']],
    ['deep/nested/logs/x.txt', ['@octocat']],
    ['apps/web/main.ts', ['@octocat']],
    ['apps/github/main.ts', []], // a rule without owners clears ownership
    ['apps/github', []],
  ])('%s → %j', (path, owners) => {
    expect(ownersFor(GITHUB_EXAMPLE, path)).toEqual(owners);
  });
});

describe('pattern semantics', () => {
  it.each([
    // [pattern, path, matches]
    ['docs/*', 'docs/a.md', true],
    ['docs/*', 'docs/sub/b.md', false],
    ['/docs/*', 'docs/a.md', true],
    ['docs/*', 'x/docs/a.md', false], // an inner or leading slash anchors to the root
    ['/*', 'README.md', true],
    ['/*', 'src/a.ts', false],
    ['*', 'a/b/c.ts', true],
    ['**/logs', 'logs/a', true],
    ['**/logs', 'a/b/logs/c.log', true],
    ['**/logs', 'a/catalogs/c.log', false],
    ['/build/logs/', 'build/logs/a.log', true],
    ['/build/logs/', 'build/logs/deep/a.log', true],
    ['/build/logs/', 'x/build/logs/a.log', false],
    ['/build/logs/', 'build/logs', false], // a trailing slash matches directories only
    ['*.js', 'a.js', true],
    ['*.js', 'src/deep/a.js', true],
    ['*.js', 'src/a.jsx', false],
    ['*.js', 'src/a.ts', false],
    ['apps/', 'apps/a.ts', true],
    ['apps/', 'x/y/apps/a.ts', true],
    ['apps/', 'myapps/a.ts', false],
    ['apps/', 'apps', false],
    ['apps', 'apps', true],
    ['apps', 'x/apps/y/z.ts', true],
    ['src/app', 'src/app/a.ts', true],
    ['src/app', 'src/application.ts', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/sub/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/a/b/c.ts', true],
    ['src/**/*.ts', 'lib/a.ts', false],
    ['src/**', 'src/a/b', true],
    ['src/**', 'src', false],
    ['a/**/b', 'a/b/c', true],
    ['a/**/b', 'a/x/y/b/c', true],
    ['a/**/b', 'a/xb/c', false],
    ['*/config.yml', 'svc/config.yml', true],
    ['*/config.yml', 'a/svc/config.yml', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file/.txt', false],
    ['*_test.go', 'pkg/x_test.go', true],
    ['*_test.go', 'pkg/x.go', false],
    ['\\#notes.md', '#notes.md', true],
    ['my\\ file.txt', 'dir/my file.txt', true],
    ['a.b', 'axb', false], // a dot is literal, not a regex wildcard
    ['Docs/', 'docs/a.md', false], // paths are case-sensitive
  ])('%s vs %s → %s', (pattern, path, matches) => {
    const file = `${pattern} @owner`;
    expect(ownersFor(file, path)).toEqual(matches ? ['@owner'] : []);
  });
});

describe('precedence', () => {
  it('lets the last matching rule win, not the most specific one', () => {
    const file = 'src/payments/ @payments\n*.ts @typescript\n';
    expect(ownersFor(file, 'src/payments/a.ts')).toEqual(['@typescript']);
    expect(ownersFor(file, 'src/payments/a.go')).toEqual(['@payments']);
  });

  it('returns the deciding rule with its line', () => {
    const { rules } = parseCodeowners('* @all\n\n/api/ @api\n/api/public/\n', 'CODEOWNERS');
    const matcher = createOwnerMatcher(rules);
    expect(matcher.ruleFor('api/x.ts')).toEqual({ pattern: '/api/', owners: ['@api'], line: 3 });
    expect(matcher.ruleFor('api/public/x.ts')).toEqual({ pattern: '/api/public/', owners: [], line: 4 });
    expect(matcher.ownersOf('web/x.ts')).toEqual(['@all']);
  });

  it('accepts leading ./ and / on queried paths', () => {
    expect(ownersFor('/src/ @src', './src/a.ts')).toEqual(['@src']);
    expect(ownersFor('/src/ @src', '/src/a.ts')).toEqual(['@src']);
  });

  it('gives no owners when nothing matches or there are no rules', () => {
    expect(createOwnerMatcher([]).ownersOf('a.ts')).toEqual([]);
    expect(ownersFor('/docs/ @docs', 'src/a.ts')).toEqual([]);
  });
});

describe('parsing', () => {
  it('skips comments and blank lines and keeps line numbers', () => {
    const { rules } = parseCodeowners(
      '# comment\n\n  \n*.md @docs # trailing comment\r\n/a/ @a @b\n',
      'CODEOWNERS',
    );
    expect(rules).toEqual([
      { pattern: '*.md', owners: ['@docs'], line: 4 },
      { pattern: '/a/', owners: ['@a', '@b'], line: 5 },
    ]);
  });

  it.each([
    ['*.js @user-name', true],
    ['*.js @org/team-name', true],
    ['*.js @org/team.name_2', true],
    ['*.js someone@example.com', true],
    ['*.js user', false],
    ['*.js @', false],
    ['*.js @org/', false],
    ['*.js @-bad', false],
    ['*.js not-an@email', false],
  ])('owner syntax in %j valid=%s', (line, valid) => {
    const { rules, errors } = parseCodeowners(line, 'CODEOWNERS');
    expect(rules.length).toBe(valid ? 1 : 0);
    expect(errors.length).toBe(valid ? 0 : 1);
  });

  it('reports each invalid line with file, line and what is wrong, and skips it', () => {
    const { rules, errors } = parseCodeowners(
      '* @ok\n/a/ team-without-at\n!b.ts @x\n/ @root\n',
      '.github/CODEOWNERS',
    );
    expect(rules.map((rule) => rule.line)).toEqual([1]);
    expect(errors).toEqual([
      { file: '.github/CODEOWNERS', line: 2, message: expect.stringContaining('"team-without-at"') },
      { file: '.github/CODEOWNERS', line: 3, message: expect.stringContaining('negated') },
      { file: '.github/CODEOWNERS', line: 4, message: expect.stringContaining('matches no path') },
    ]);
  });

  it('does not let a skipped invalid line clear ownership', () => {
    const { rules } = parseCodeowners('/a/ @owner\n/a/ bad owner\n', 'CODEOWNERS');
    expect(createOwnerMatcher(rules).ownersOf('a/x')).toEqual(['@owner']);
  });

  it('validates owners on their own', () => {
    expect(isValidOwner('@octocat')).toBe(true);
    expect(isValidOwner('octocat')).toBe(false);
  });
});

describe('index agrees with a plain last-to-first scan', () => {
  it('on a mixed rule set', () => {
    const lines = [
      '*  @all',
      '*.md @docs',
      'docs/ @docs2',
      '/src/**/test/ @qa',
      '**/logs @ops',
      'src/*/index.ts @idx',
      '*/README.md @readme',
      '/src/api/v?/ @api',
      '*.min.js',
      'vendor @vendor',
      '/src/ui/*.tsx @ui',
    ];
    const { rules } = parseCodeowners(lines.join('\n'), 'CODEOWNERS');
    const fast = createOwnerMatcher(rules);
    const paths = [
      'README.md',
      'a/README.md',
      'docs/x.md',
      'src/a/test/t.ts',
      'src/a/index.ts',
      'src/api/v1/x.go',
      'x/logs/y',
      'dist/a.min.js',
      'vendor/lib/a.js',
      'src/ui/a.tsx',
      'src/ui/deep/a.tsx',
      'src/x/vendor/md.txt',
    ];
    for (const path of paths) {
      // Brute force: each rule alone, keep the last that matches.
      let expected: string[] = [];
      for (const rule of rules) {
        const single = createOwnerMatcher([rule]);
        if (single.ruleFor(path)) expected = rule.owners;
      }
      expect([path, fast.ownersOf(path)]).toEqual([path, expected]);
    }
  });
});
