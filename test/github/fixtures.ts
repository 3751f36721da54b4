import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideChange } from '../../src/core/change/decide-change.js';
import { openWorkspace, type Workspace } from '../../src/app/workspace.js';
import { signBody } from '../../src/interfaces/http/github/signature.js';
import type { FakePull } from './fake-github.js';

/** A junior, two seniors with GitHub logins that differ from their ids, and a tier-1 service. */
export const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com], github: jo-writes }
  - { id: sam, level: senior, emails: [sam@example.com], github: sam-reviews }
  - { id: kim, level: senior, emails: [kim@example.com], github: [kim-gh, kimk] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 2, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: docs,     tier: 4, owner: docs, paths: ["docs/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"] } }
`;

export const SECRET = 'It’s a Secret to Everybody';
export const OWNER = 'acme';
export const REPO = 'shop';
export const BASE_SHA = 'b'.repeat(40);
export const HEAD_SHA = 'c'.repeat(40);
export const OLD_SHA = 'a'.repeat(40);
const CLAUDE = '\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>\n';

/** A workspace compiled from CONFIG in a temporary folder (no cache), and how to remove it. */
export async function makeWorkspace(config = CONFIG): Promise<{ workspace: Workspace; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-gh-'));
  writeFileSync(join(dir, 'blastwall.yaml'), config);
  const workspace = await openWorkspace(dir, undefined, { BLASTWALL_CACHE: 'off' });
  // The first policy evaluation in a process is slow (WebAssembly warm-up); pay it here, not inside a race.
  decideChange(
    {
      config: workspace.config,
      engine: workspace.engine,
      graph: workspace.graph,
      ownersOf: workspace.ownersOf,
    },
    { base: '', head: '', commits: [], files: [], labels: [] },
    [],
  );
  return { workspace, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A GitHub commit item. */
export function commit(
  sha: string,
  message: string,
  author = { name: 'Jo Junior', email: 'jo@example.com' },
  login: string | null = 'jo-writes',
): unknown {
  return {
    sha,
    parents: [{ sha: BASE_SHA }],
    author: login ? { login } : null,
    commit: {
      message,
      author: { ...author, date: '2026-01-05T10:00:00Z' },
      committer: { ...author, date: '2026-01-05T10:00:00Z' },
    },
  };
}

/** A GitHub PR file item. */
export function file(filename: string, extra: Record<string, unknown> = {}): unknown {
  return {
    filename,
    status: 'modified',
    additions: 3,
    deletions: 1,
    changes: 4,
    patch: '@@ -1 +1 @@',
    ...extra,
  };
}

/** A GitHub review item. */
export function review(
  id: number,
  login: string,
  state: string,
  commitId = HEAD_SHA,
  submittedAt = `2026-01-05T12:${String(id % 60).padStart(2, '0')}:00Z`,
): unknown {
  return { id, user: { login }, state, commit_id: commitId, submitted_at: submittedAt };
}

/** Jo's Claude-co-authored change to the tier-1 payments service, as PR #7. */
export function juniorClaudePull(): FakePull {
  return {
    pull: {
      number: 7,
      state: 'open',
      title: 'Speed up payment retries',
      html_url: `https://github.example/${OWNER}/${REPO}/pull/7`,
      user: { login: 'jo-writes' },
      base: { sha: BASE_SHA },
      head: { sha: HEAD_SHA },
      labels: [],
    },
    commits: [commit(HEAD_SHA, `Speed up payment retries${CLAUDE}`)],
    files: [file('services/payments/retry.ts')],
    reviews: [],
  };
}

/** A webhook request: the JSON body, its signature and GitHub's headers. */
export function webhook(
  event: string,
  payload: unknown,
  options: { delivery?: string; secret?: string; signature?: string | null } = {},
): RequestInit {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': options.delivery ?? crypto.randomUUID(),
  };
  const signature =
    options.signature === undefined ? signBody(options.secret ?? SECRET, body) : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return { method: 'POST', headers, body };
}

/** The payload of a pull_request or pull_request_review event for PR #n. */
export function prPayload(action: string, number = 7): unknown {
  return {
    action,
    number,
    pull_request: { number, head: { sha: HEAD_SHA } },
    repository: { name: REPO, owner: { login: OWNER }, full_name: `${OWNER}/${REPO}` },
    sender: { login: 'someone' },
  };
}
