import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EvidenceProbes } from '../app/evidence.js';
import { reviewPush } from '../app/push-review.js';

// Test support: the home both corpora (test/corpus/, test/corpus-blind/) are written for — /home/dev with the
// agent's repository /home/dev/project — made real in a temporary folder. The repository is a real git
// repository on `main`, up to date with origin/main, so a line is judged against the checkout it names (not
// against whatever repository the temporary folder happens to sit in) and a push can be checked.

/** Where the corpora say the home is; their paths under it are moved into the temporary one. */
export const CORPUS_HOME = '/home/dev';

/** The example configuration of DESIGN.md: prod contexts/profiles/hosts protected, kind/dev ones not. */
export const CORPUS_CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: docs,     tier: 4, owner: docs, paths: ["docs/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"], awsProfile: ["prod*"], terraformWorkspace: ["prod"], host: ["*.prod.*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*", "dev-*"], awsProfile: ["dev*"], terraformWorkspace: ["dev"] } }
`;

export interface CorpusHome {
  root: string;
  home: string;
  repo: string;
  /** A corpus text with /home/dev moved into the temporary home. */
  moveHome(text: string): string;
  /** Also /tmp/ moved into the temporary root (for files two-step lines write). */
  move(text: string): string;
  /** Writes a file a two-step line writes; `restore()` puts back what was there before. */
  write(path: string, content: string): void;
  restore(): void;
  close(): void;
}

function git(repo: string, home: string, args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1' },
    stdio: 'ignore',
  });
}

/**
 * Builds the home below `parent` (not below /tmp: the corpora treat /tmp as disposable, and the home must not
 * be): home/dev/project is a git repository on main with one commit, origin/main at that commit.
 */
export function createCorpusHome(parent: string, prefix: string): CorpusHome {
  const root = mkdtempSync(join(parent, prefix));
  const home = join(root, 'home', 'dev');
  const repo = join(home, 'project');
  for (const dir of [repo, join(repo, 'src'), join(repo, 'frontend'), join(home, '.kube'), join(root, 'tmp')])
    mkdirSync(dir, { recursive: true });
  writeFileSync(join(repo, 'blastwall.yaml'), CORPUS_CONFIG);
  writeFileSync(join(home, '.kube', 'prod.yaml'), 'current-context: prod-eu\n');
  git(repo, home, ['init', '-q', '-b', 'main']);
  git(repo, home, ['add', 'blastwall.yaml']);
  git(repo, home, ['commit', '-q', '-m', 'initial']);
  git(repo, home, ['update-ref', 'refs/remotes/origin/main', 'HEAD']);
  git(repo, home, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);
  const moveHome = (text: string): string => text.split(CORPUS_HOME).join(home);
  const written = new Map<string, string | undefined>();
  return {
    root,
    home,
    repo,
    moveHome,
    move: (text) => moveHome(text).split('/tmp/').join(`${root}/tmp/`),
    write(path, content) {
      if (!written.has(path)) written.set(path, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    },
    restore() {
      for (const [path, before] of written) {
        if (before === undefined) rmSync(path, { force: true });
        else writeFileSync(path, before);
      }
      written.clear();
    },
    close: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * The facts a corpus line may need that take I/O: the change check of a push runs for real; a deploy's dry-run
 * is never run from a corpus (so a deploy into a protected environment is held, as when its dry-run cannot
 * answer); names resolve to nothing (as when no kubeconfig or AWS config is readable).
 */
export const CORPUS_PROBES: EvidenceProbes = {
  effect: () => Promise.resolve({ known: false, why: 'no dry-run is run from the corpus' }),
  review: (intent, workspace) => reviewPush(intent, undefined, workspace),
  identities: () => Promise.resolve({ kubeContexts: {}, awsProfiles: {} }),
};
