import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGate } from '../../app/gate.js';
import type { Gate } from '../../app/gate-types.js';
import { createScratchRepo } from '../../adapters/git/scratch-repo.js';
import type { HookContext } from './types.js';

/** A real gate (shipped policies, real Cedar) over a scratch repository, with a home folder of its own. */
export interface RealGateFixture {
  repo: string;
  home: string;
  context: HookContext;
  gateFor: () => Promise<Gate>;
  remove(): void;
}

/** Builds the fixture: a git repository with a minimal blastwall.yaml, and an empty home folder. */
export function realGateFixture(): RealGateFixture {
  const scratch = createScratchRepo('bw-hook-real-');
  scratch.commit('config', {
    'blastwall.yaml': 'people:\n  - { id: sam, level: senior, emails: [sam@example.com] }\n',
  });
  const home = mkdtempSync(join(tmpdir(), 'bw-hook-home-'));
  mkdirSync(join(home, '.ssh'));
  const env = { HOME: home };
  let gate: Promise<Gate> | undefined;
  return {
    repo: scratch.dir,
    home,
    context: { cwd: scratch.dir, home, env, workspaceOf: () => scratch.dir },
    gateFor: () => (gate ??= createGate({ cwd: scratch.dir, env })),
    remove() {
      scratch.remove();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
