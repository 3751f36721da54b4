import { dice, workingMoment, type Dice } from './dice.js';
import { DEMO_PEOPLE, DEMO_SERVICES, type DemoPerson, type DemoService } from './organisation.js';
import { queueSignoffs } from './review-queue.js';

/** The AI tools of the example history, each leaving the evidence it really leaves. */
export type DemoTool = 'claude' | 'copilot' | 'cursor' | 'codex' | 'gemini';

/** Who a commit is by, as git records it. */
export interface CommitIdentity {
  name: string;
  email: string;
}

/** One edit of one file: lines removed at a position and lines added there. */
export interface FileEdit {
  path: string;
  add: number;
  remove: number;
  /** Where in the file, 0…1 of its length. */
  at: number;
}

/** A commit of a pull-request branch. */
export interface PlannedCommit {
  message: string;
  author: CommitIdentity;
  at: Date;
  edits: FileEdit[];
}

/** What becomes of a pull request. */
export type PrFate = 'merged' | 'waiting' | 'denied';

/** A pull request of the example history. */
export interface PlannedPr {
  number: number;
  title: string;
  branch: string;
  author: DemoPerson;
  tool?: DemoTool;
  service: DemoService;
  openedAt: Date;
  commits: PlannedCommit[];
  fate: PrFate;
  /** When it is merged (fate `merged`) or decided (fate `denied`). */
  closedAt?: Date;
}

/** How big a history to plan. */
export interface HistorySize {
  weeks: number;
  /** Pull requests opened in the first and in the last week (linear in between). */
  prsFirstWeek: number;
  prsLastWeek: number;
  /** How many recent pull requests are left waiting for sign-off. */
  waiting: number;
  /** How many are turned down by their reviewer. */
  denied: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const LEVEL_WEIGHT = { junior: 1.3, mid: 1.4, senior: 0.9, principal: 0.35 } as const;
const LEVEL_AI = { junior: 1.15, mid: 1.1, senior: 0.85, principal: 0.6 } as const;
const MODULES = [
  'handlers',
  'client',
  'retry',
  'validation',
  'metrics',
  'config',
  'model',
  'routes',
  'cache',
];

const TITLES: ReadonlyArray<(s: string, m: string) => string> = [
  (s, m) => `Add retries with backoff to the ${s} ${m}`,
  (s, m) => `Fix null handling in ${s} ${m}`,
  (s) => `Raise ${s} request timeouts`,
  (s, m) => `Split ${s} ${m} into smaller functions`,
  (s, m) => `Add latency metrics to ${s} ${m}`,
  (s) => `Validate input in ${s} handlers`,
  (s) => `Move ${s} to the shared config client`,
  (s, m) => `Cache ${s} ${m} lookups`,
  (s) => `Remove the dead feature flag from ${s}`,
  (s, m) => `Handle timeouts in ${s} ${m}`,
  (s) => `Paginate ${s} list endpoints`,
  (s) => `Log request ids in ${s}`,
];

function slug(text: string): string {
  const cut = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  // Long titles are cut at a word boundary, as branch names usually are.
  return cut.length <= 40 ? cut : cut.slice(0, cut.lastIndexOf('-', 40));
}

/** The share of AI-assisted pull requests `t` (0…1) of the way through the history: rising. */
function aiShareAt(t: number): number {
  return 0.08 + 0.67 * t;
}

function toolAt(roll: Dice, t: number): DemoTool {
  return roll.weighted<DemoTool>([
    ['copilot', 0.3 - 0.15 * t],
    ['cursor', 0.3 - 0.1 * t],
    ['claude', 0.25 + 0.12 * t],
    ['codex', 0.05 + 0.12 * t],
    ['gemini', 0.1 + 0.03 * t],
  ]);
}

/** The commit trailers and footers each tool writes, and who the commit is by. */
function signCommit(
  tool: DemoTool | undefined,
  subject: string,
  person: DemoPerson,
  roll: Dice,
): { message: string; author: CommitIdentity } {
  const human = { name: person.name, email: person.email };
  switch (tool) {
    case undefined:
      return { message: `${subject}\n`, author: human };
    case 'claude':
      return {
        message: `${subject}\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n`,
        author: human,
      };
    case 'copilot':
      return {
        message: `${subject}\n\nCo-authored-by: ${person.name} <${person.email}>\n`,
        author: { name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com' },
      };
    case 'cursor':
      return {
        message: `${subject}\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n`,
        author: human,
      };
    case 'codex': {
      const task = `task_e_${Math.floor(roll.next() * 1e12).toString(16)}`;
      return {
        message: `${subject}\n\nhttps://chatgpt.com/codex/tasks/${task}\n`,
        author: human,
      };
    }
    case 'gemini':
      return { message: `${subject}\n\nAssisted-by: Gemini CLI\n`, author: human };
  }
}

/** Plans the pull requests of the example history, oldest first; `end` is the present. */
export function planPullRequests(size: HistorySize, end: Date, seed = 20260105): PlannedPr[] {
  const roll = dice(seed);
  // Weeks start on a Monday (midnight UTC) so that working hours fall on weekdays; the last one holds `end`.
  const midnight = Math.floor(end.getTime() / DAY) * DAY;
  const lastMonday = midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY;
  const firstMonday = lastMonday - (size.weeks - 1) * 7 * DAY;
  const start = firstMonday;
  const authors = DEMO_PEOPLE.map((p) => [p, LEVEL_WEIGHT[p.level]] as const);
  const prs: PlannedPr[] = [];
  for (let week = 0; week < size.weeks; week++) {
    const t = size.weeks === 1 ? 1 : week / (size.weeks - 1);
    const count = Math.round(size.prsFirstWeek + (size.prsLastWeek - size.prsFirstWeek) * t);
    for (let i = 0; i < count; i++) {
      const openedAt = workingMoment(roll, firstMonday + week * 7 * DAY);
      if (openedAt.getTime() >= end.getTime() - HOUR || openedAt.getTime() < start) continue;
      const author = roll.weighted(authors);
      const tool = roll.chance(aiShareAt(t) * LEVEL_AI[author.level]) ? toolAt(roll, t) : undefined;
      const own = DEMO_SERVICES.filter((s) => s.owner === author.team);
      const service = roll.chance(0.8) ? roll.pick(own) : roll.pick(DEMO_SERVICES);
      prs.push(planOne(roll, { author, tool, service, openedAt }));
    }
  }
  prs.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  const branches = new Set<string>();
  prs.forEach((pr, index) => {
    pr.number = 101 + index;
    // Two pull requests never share a branch name, as on GitHub.
    if (branches.has(pr.branch)) pr.branch = `${pr.branch}-${pr.number}`;
    branches.add(pr.branch);
  });
  decideFates(roll, prs, size, end);
  return prs;
}

function planOne(
  roll: Dice,
  pr: { author: DemoPerson; tool: DemoTool | undefined; service: DemoService; openedAt: Date },
): PlannedPr {
  const module = roll.pick(MODULES);
  const title = roll.pick(TITLES)(pr.service.id, module);
  const dir = pr.service.id === 'docs' ? 'docs' : `services/${pr.service.id}`;
  const source = pr.service.id === 'docs' ? `docs/${module}.md` : `${dir}/src/${module}.ts`;
  const test = `${dir}/test/${module}.spec.ts`;
  const commitCount = roll.weighted([
    [1, 2],
    [2, 3.5],
    [3, 3],
    [4, pr.tool ? 1.5 : 0.5],
  ] as const);
  const commits: PlannedCommit[] = [];
  let at = pr.openedAt.getTime() - roll.between(0.5, 6) * HOUR;
  const subjects = [title, `Add tests for the ${module}`, 'Address review comments', 'Fix lint'];
  for (let c = 0; c < commitCount; c++) {
    const edits: FileEdit[] = [];
    const big = pr.tool ? 1.6 : 1;
    edits.push({
      path: c === 1 ? test : source,
      add: Math.round(roll.between(3, 70) * big),
      remove: Math.round(roll.between(0, 25)),
      at: roll.next(),
    });
    if (c === 0 && roll.chance(0.3) && pr.service.infra)
      edits.push({ path: `infra/${pr.service.id}/main.tf`, add: 4, remove: 2, at: roll.next() });
    if (c === 0 && roll.chance(0.12)) {
      const other = roll.pick(
        DEMO_SERVICES.filter((s) => s.dependsOn.includes(pr.service.id)).concat(pr.service),
      );
      if (other.id !== 'docs')
        edits.push({ path: `services/${other.id}/src/client.ts`, add: 6, remove: 3, at: roll.next() });
    }
    const signed = signCommit(pr.tool, subjects[c] ?? `Tidy the ${module}`, pr.author, roll);
    commits.push({ ...signed, at: new Date(at), edits });
    at += roll.between(0.1, 1.5) * HOUR;
  }
  const prefix = pr.tool === 'copilot' ? 'copilot' : pr.tool === 'codex' ? 'codex' : pr.author.id;
  return {
    number: 0,
    title,
    branch: `${prefix}/${slug(title)}`,
    author: pr.author,
    ...(pr.tool && { tool: pr.tool }),
    service: pr.service,
    openedAt: new Date(Math.max(at, pr.openedAt.getTime())),
    commits,
    fate: 'merged',
  };
}

/** Likely to need a sign-off: AI-assisted by a junior or mid-level engineer, or a tier-1 change. */
function likelyHeld(pr: PlannedPr): boolean {
  const juniorish = pr.author.level === 'junior' || pr.author.level === 'mid' || pr.tool === 'copilot';
  return (pr.tool !== undefined && juniorish) || pr.service.tier === 1;
}

function decideFates(roll: Dice, prs: PlannedPr[], size: HistorySize, end: Date): void {
  let waiting = 0;
  for (let i = prs.length - 1; i >= 0 && waiting < size.waiting; i--) {
    const pr = prs[i]!;
    if (!likelyHeld(pr) || end.getTime() - pr.openedAt.getTime() > 21 * DAY) continue;
    pr.fate = 'waiting';
    waiting++;
  }
  const candidates = prs.filter((pr) => pr.fate === 'merged' && pr.tool !== undefined && likelyHeld(pr));
  for (let d = 0; d < size.denied && candidates.length > 0; d++) {
    const index = Math.floor(((d + 0.5) / size.denied) * candidates.length);
    candidates[index]!.fate = 'denied';
  }
  // Changes that need a senior queue for the few seniors' review hours, so waits grow with the AI share.
  const held = prs.filter((pr) => pr.fate !== 'waiting' && likelyHeld(pr));
  const signedAt = queueSignoffs(
    held.map((pr) => ({ openedAt: pr.openedAt, lines: linesOf(pr) })),
    DEMO_PEOPLE.filter((p) => p.level === 'senior' || p.level === 'principal').length,
  );
  const signoffs = new Map(held.map((pr, i) => [pr, signedAt[i]!.getTime()]));
  for (const pr of prs) {
    if (pr.fate === 'waiting') continue;
    // The sign-off is recorded 12 minutes before the pull request closes.
    const signed = signoffs.get(pr) ?? pr.openedAt.getTime() + roll.between(0.3, 4) * HOUR;
    if (signed > end.getTime() - 30 * 60_000 && signoffs.has(pr)) {
      // Still in the seniors' queue when the history ends.
      pr.fate = 'waiting';
      continue;
    }
    const closed = Math.min(signed, end.getTime() - 30 * 60_000);
    pr.closedAt = new Date(Math.max(closed + 12 * 60_000, pr.openedAt.getTime() + 10 * 60_000));
  }
}

function linesOf(pr: PlannedPr): number {
  let lines = 0;
  for (const commit of pr.commits) for (const edit of commit.edits) lines += edit.add + edit.remove;
  return lines;
}
