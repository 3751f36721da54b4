import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { createGate, type LoadedGate } from '../../src/app/gate.js';

// The example configuration of DESIGN.md: prod contexts/profiles/hosts protected, kind/dev ones not.
const CONFIG = `people:
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"], awsProfile: ["prod*"], terraformWorkspace: ["prod"], host: ["*.prod.*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*", "dev-*"], awsProfile: ["dev*"], terraformWorkspace: ["dev"] } }
`;

/** A real gate over a temporary git repository, with a home of its own; files can be written into the repo. */
export interface GateFixture {
  repo: string;
  home: string;
  /** Writes a file below the repository (parents created). */
  write(path: string, text: string): void;
  /** The gate's decision for a command run in the repository (or `cwd` below it). */
  decide(command: string, cwd?: string): ReturnType<LoadedGate['evaluateCommand']>;
  stopped(command: string, cwd?: string): boolean;
  /** Asserts that `everyday` is allowed and its twin `destructive`, through the same door, is not. */
  allowedAndHeld(everyday: string, destructive: string, cwd?: string): void;
  close(): void;
}

/** Builds the fixture; call `close()` in afterAll. */
export async function gateFixture(): Promise<GateFixture> {
  const root = mkdtempSync(join(tmpdir(), 'bw-families-'));
  const home = join(root, 'home');
  const repo = join(home, 'project');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'blastwall.yaml'), CONFIG);
  // a real repository with one commit: a loss inside it runs behind a real restore point, as in the hook
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1' },
      stdio: 'ignore',
    });
  git('init', '-q', '-b', 'main');
  git('add', 'blastwall.yaml');
  git('commit', '-q', '-m', 'initial');
  const gate = await createGate({
    cwd: repo,
    env: { HOME: home, PATH: '/usr/bin:/bin', KUBECONFIG: join(root, 'no-kubeconfig') },
    restorePointsIn: join(root, 'blastwall-data'),
  });
  const decide = (command: string, cwd?: string) =>
    gate.evaluateCommand({ command, cwd: cwd ?? repo, agent: 'claude-code', onBehalfOf: 'sam' });
  function allowedAndHeld(everyday: string, destructive: string, cwd?: string): void {
    const allowed = decide(everyday, cwd);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
    const held = decide(destructive, cwd);
    expect(held.decision, `${destructive} was allowed`).not.toBe('allow');
  }
  return {
    repo,
    home,
    write(path, text) {
      const file = join(repo, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    },
    decide,
    stopped: (command, cwd) => decide(command, cwd).decision !== 'allow',
    allowedAndHeld,
    close: () => rmSync(root, { recursive: true, force: true }),
  };
}
