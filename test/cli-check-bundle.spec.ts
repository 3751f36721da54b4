import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../src/adapters/git/scratch-repo.js';

// `blastwall check … --no-risk` runs from its own bundle (dist/hook/check.cjs); it must answer exactly as the
// full CLI does: same stdout, stderr and exit code, for every output format, an allowed and a held change, and
// the usage errors.
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'blastwall.js');
const FULL_CLI = join(ROOT, 'dist', 'main.js');

let repo: ScratchRepo;
let data: string;

function run(command: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, command, {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', BLASTWALL_DATA_DIR: data, NODE_DEBUG: '', ...extraEnv },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const bundled = (args: string[], env?: Record<string, string>) => run([BIN, 'check', ...args], env);
// The full CLI, entered past bin/blastwall.js's dispatch.
const full = (args: string[]) =>
  run([
    '--input-type=module',
    '-e',
    'const { main } = await import(process.argv[1]); process.exitCode = await main(process.argv.slice(2));',
    FULL_CLI,
    'check',
    ...args,
  ]);

beforeAll(() => {
  data = mkdtempSync(join(tmpdir(), 'bw-check-bundle-data-'));
  repo = createScratchRepo('bw-check-bundle-');
  repo.commit('initial', {
    'blastwall.yaml': [
      'people:',
      '  - { id: jo, level: junior, emails: [jo@example.com] }',
      '  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }',
      '  - { id: lee, level: senior, emails: [lee@example.com] }',
      'services:',
      '  - { id: pay, tier: 1, owner: payments, paths: ["pay/**"] }',
      '  - { id: web, tier: 3, paths: ["web/**"], dependsOn: [pay] }',
      '',
    ].join('\n'),
    'pay/a.ts': 'export const a = 1;\n',
    'web/b.ts': 'export const b = 1;\n',
  });
  repo.git('checkout', '-q', '-b', 'feature');
  repo.commit(
    'change pay\n\nCo-authored-by: Claude <noreply@anthropic.com>',
    { 'pay/a.ts': 'export const a = 2;\n', 'web/b.ts': 'export const b = 2;\n' },
    { name: 'Jo', email: 'jo@example.com' },
  );
});

afterAll(() => {
  repo?.remove();
  rmSync(data, { recursive: true, force: true });
});

describe('the bundled check', () => {
  it('is the one that answers `check … --no-risk`', () => {
    const result = bundled(['main..feature', '--no-risk', '--json'], { NODE_DEBUG: 'blastwall' });
    expect(result.stderr).toMatch(/check bundle, code cache/);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ decision: expect.any(String) });
  });

  it.each([
    ['held, JSON', ['main..feature', '--no-risk', '--json']],
    ['held, text', ['main..feature', '--no-risk']],
    ['held, markdown, no reviewers', ['main..feature', '--no-risk', '--format=markdown', '--no-reviewers']],
    ['approved', ['main..feature', '--no-risk', '--json', '--approval', 'sam', '--approval=lee']],
    ['with a label and --repo', ['main..feature', '--no-risk', '--label', 'hotfix', '--repo', '.']],
    ['an unknown approver', ['main..feature', '--no-risk', '--approval', 'ghost']],
    ['an unknown revision', ['nope..feature', '--no-risk']],
    ['an empty range', ['HEAD..HEAD', '--no-risk']],
    ['a missing configuration file', ['main..feature', '--no-risk', '--config', 'missing.yaml']],
  ])('answers exactly as the full CLI: %s', (_what, args) => {
    const fromBundle = bundled(args);
    const fromCli = full(args);
    expect(fromBundle).toEqual(fromCli);
    expect(fromBundle.stdout.length + fromBundle.stderr.length).toBeGreaterThan(0);
  });

  it('sets the exit codes the full CLI sets (held 1, allowed 0, usage error)', () => {
    expect(bundled(['main..feature', '--no-risk', '--json']).code).toBe(1);
    expect(
      bundled(['main..feature', '--no-risk', '--json', '--approval', 'sam', '--approval=lee']).code,
    ).toBe(0);
    expect(bundled(['main..feature', '--no-risk', '--approval', 'ghost']).code).not.toBe(0);
  });
});
