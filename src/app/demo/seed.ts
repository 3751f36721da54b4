import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SQLITE_PATH } from '../../adapters/storage/open-store.js';
import { BlastwallError } from '../../core/errors.js';
import type { ServerWiring } from '../server-types.js';
import { DEMO_AGENTS, planAgentActions } from './agent-actions.js';
import { planDeliveries } from './deliveries.js';
import { demoClient, issueToken } from './demo-client.js';
import {
  actionEvents,
  deliveryEvents,
  pullRequestEvents,
  type DemoTokens,
  type HistoryEvent,
  type SeedCounts,
} from './history-events.js';
import { founder, initialTree } from './initial-tree.js';
import { DEMO_PEOPLE, DEMO_REVIEWER, DEMO_SERVICES } from './organisation.js';
import { planPullRequests, type HistorySize } from './pull-requests.js';
import { writeRepository } from './repo-writer.js';

/** `full` is the demo; `small` is a quick history with the same shape, for tests. */
export type DemoSize = 'full' | 'small';

/** The sizes of history `seedDemo` plans. */
export const DEMO_SIZES: Record<
  DemoSize,
  { prs: HistorySize; sessionsFirstWeek: number; sessionsLastWeek: number; pending: number }
> = {
  full: {
    prs: { weeks: 26, prsFirstWeek: 3, prsLastWeek: 7, waiting: 12, denied: 4 },
    sessionsFirstWeek: 2,
    sessionsLastWeek: 7,
    pending: 6,
  },
  small: {
    prs: { weeks: 6, prsFirstWeek: 3, prsLastWeek: 6, waiting: 4, denied: 1 },
    sessionsFirstWeek: 1,
    sessionsLastWeek: 3,
    pending: 3,
  },
};

/** How to seed. */
export interface SeedOptions {
  /** An empty or missing folder: the repository goes here, the database into `.blastwall/`. */
  dir: string;
  size?: DemoSize;
  /** The present of the history (default: now); the same value gives the same history. */
  now?: Date;
  log?: (line: string) => void;
  /** The environment of the server's check and gate (default: only HOME and cache settings of this process). */
  env?: Record<string, string | undefined>;
  /** The server's composition root (src/serve.ts), whose routes the history is replayed through. */
  server: Pick<ServerWiring, 'createServerApp'>;
}

/** What was seeded, and the token to sign in with. */
export interface SeedSummary {
  dir: string;
  db: string;
  people: number;
  teams: number;
  services: number;
  commits: number;
  pullRequests: number;
  aiAssistedPullRequests: number;
  counts: SeedCounts;
  reviewer: { id: string; level: string; token: string };
  seconds: number;
}

/** The process environment the demo's server sees: nothing that would point it elsewhere (GitHub, another database). */
export function demoEnv(
  env: Record<string, string | undefined> = process.env,
): Record<string, string | undefined> {
  const keep = ['HOME', 'XDG_CACHE_HOME', 'BLASTWALL_CACHE', 'BLASTWALL_CACHE_DIR', 'PATH'];
  return Object.fromEntries(keep.filter((key) => env[key] !== undefined).map((key) => [key, env[key]]));
}

/**
 * Seeds the example organisation: writes its git history, then replays six months of it through the
 * server's own routes with real tokens, on a clock that walks through the history, so decisions,
 * sign-offs and audit records carry the times they would have had.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const dir = resolve(options.dir);
  assertEmptyFolder(dir);
  const size = DEMO_SIZES[options.size ?? 'full'];
  const end = options.now ?? new Date();

  log(
    `planning ${size.prs.weeks} weeks of history for ${DEMO_PEOPLE.length} people and ${DEMO_SERVICES.length} services`,
  );
  const prs = planPullRequests(size.prs, end);
  const firstAt = Math.min(...prs.map((pr) => pr.commits[0]!.at.getTime()));
  const repo = writeRepository(
    dir,
    { files: initialTree(), author: founder(), at: new Date(firstAt - 86_400_000) },
    prs,
  );
  log(`wrote the repository: ${repo.commits} commits on ${prs.length} pull requests`);
  const actions = planAgentActions(
    {
      weeks: size.prs.weeks,
      sessionsFirstWeek: size.sessionsFirstWeek,
      sessionsLastWeek: size.sessionsLastWeek,
      pending: size.pending,
    },
    end,
  );
  const deliveries = planDeliveries(prs, repo.prs, end, firstAt);

  let clock = firstAt - 3_600_000;
  const db = join(dir, DEFAULT_SQLITE_PATH);
  const app = await options.server.createServerApp({
    repo: dir,
    db,
    env: options.env ?? demoEnv(),
    log,
    now: () => new Date(clock),
  });
  try {
    const tokens: DemoTokens = {
      ingest: await issueToken(app.store, { role: 'ingest' }),
      person: new Map(),
      agent: new Map(),
    };
    for (const person of DEMO_PEOPLE)
      tokens.person.set(person.id, await issueToken(app.store, { role: 'reviewer', personId: person.id }));
    for (const agent of DEMO_AGENTS)
      tokens.agent.set(agent, await issueToken(app.store, { role: 'agent', agentId: agent }));
    const counts: SeedCounts = {
      changes: {},
      actions: {},
      signOffs: 0,
      deniedChanges: 0,
      heldPending: 0,
      deployments: 0,
      incidents: 0,
      verdicts: 0,
    };
    const ctx = {
      call: demoClient(app.fetch),
      tokens,
      people: app.workspace.config.people,
      services: app.workspace.config.services,
      counts,
      end: end.getTime(),
      cwd: dir,
    };
    const events: HistoryEvent[] = [
      ...pullRequestEvents(ctx, prs, repo.prs),
      ...actionEvents(ctx, actions),
      ...deliveryEvents(ctx, deliveries.deployments, deliveries.incidents),
    ];
    // A stable sort keeps same-time events in the order they were planned.
    events.sort((a, b) => a.at - b.at);
    let month = '';
    for (const [index, event] of events.entries()) {
      clock = Math.max(clock, event.at);
      const current = new Date(clock).toISOString().slice(0, 7);
      if (current !== month) {
        month = current;
        log(`replaying ${current}: event ${index + 1} of ${events.length} (${elapsed(started)})`);
      }
      await event.run();
    }
    clock = end.getTime();
    const token = await issueToken(app.store, { role: 'reviewer', personId: DEMO_REVIEWER });
    const reviewer = DEMO_PEOPLE.find((p) => p.id === DEMO_REVIEWER)!;
    const summary: SeedSummary = {
      dir,
      db,
      people: DEMO_PEOPLE.length,
      teams: new Set(DEMO_PEOPLE.map((p) => p.team)).size,
      services: DEMO_SERVICES.length,
      commits: repo.commits,
      pullRequests: prs.length,
      aiAssistedPullRequests: prs.filter((pr) => pr.tool !== undefined).length,
      counts,
      reviewer: { id: reviewer.id, level: reviewer.level, token },
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    writeFileSync(
      join(dir, '.blastwall', 'demo.json'),
      `${JSON.stringify({ ...summary, reviewer: { id: reviewer.id } }, null, 2)}\n`,
    );
    log(`seeded in ${elapsed(started)}`);
    return summary;
  } finally {
    await app.close();
  }
}

/** The demo writes a repository and a database: into a new or empty folder only, never over someone's files. */
function assertEmptyFolder(dir: string): void {
  if (!existsSync(dir)) return;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    throw new BlastwallError('usage', `${dir} is not a folder`);
  }
  if (entries.length > 0)
    throw new BlastwallError(
      'usage',
      `${dir} is not empty (or holds a demo whose seeding was interrupted); give a new or empty folder`,
    );
}

function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
