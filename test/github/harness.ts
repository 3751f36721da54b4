import { afterEach, beforeEach } from 'vitest';
import { createGithubClient } from '../../src/adapters/github/index.js';
import { createGithubWebhookRoutes, type GithubWebhookDeps } from '../../src/interfaces/http/github/index.js';
import type { Workspace } from '../../src/app/workspace.js';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import { juniorClaudePull, makeWorkspace, OWNER, REPO, SECRET } from './fixtures.js';

/** The token the fake GitHub insists on. */
export const TOKEN = 'ghs_test-installation-token';
/** The fake's key for PR #7. */
export const PR_KEY = `${OWNER}/${REPO}#7`;

/** A fake GitHub serving Jo's PR #7 and a compiled workspace, fresh for every test. */
export interface GithubEnv {
  fake: FakeGithub;
  workspace: Workspace;
  /** The webhook routes talking to the fake. */
  routes(extra?: Partial<GithubWebhookDeps>): ReturnType<typeof createGithubWebhookRoutes>;
  /** Posts to /webhooks/github and reads the JSON answer. */
  send(
    app: ReturnType<typeof createGithubWebhookRoutes>,
    init: RequestInit,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The body of the last check run created. */
  lastCheckRun(): Record<string, unknown>;
}

/** Registers per-test setup and teardown; read the fields inside tests only. */
export function useGithubEnv(): GithubEnv {
  let removeWorkspace = (): void => undefined;
  const env = {
    routes(extra: Partial<GithubWebhookDeps> = {}) {
      const github = createGithubClient({ token: TOKEN, baseUrl: env.fake.baseUrl });
      return createGithubWebhookRoutes({ secret: SECRET, workspace: env.workspace, github, ...extra });
    },
    async send(app: ReturnType<typeof createGithubWebhookRoutes>, init: RequestInit) {
      const res = await app.request('/webhooks/github', init);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    lastCheckRun() {
      return env.fake.checkRuns.at(-1)?.body ?? {};
    },
  } as GithubEnv;
  beforeEach(async () => {
    env.fake = await startFakeGithub({ token: TOKEN });
    const made = await makeWorkspace();
    env.workspace = made.workspace;
    removeWorkspace = made.remove;
    env.fake.pulls.set(PR_KEY, juniorClaudePull());
  });
  afterEach(async () => {
    await env.fake.close();
    removeWorkspace();
  });
  return env;
}
