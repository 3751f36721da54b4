import type { AuthorInfo } from '../core/change/authors.js';
import { blastRadiusOf, buildServiceGraph, directMostCriticalTier } from '../core/catalog/graph.js';
import { levelRank, type Level, type Person, type Satisfier, type Service } from '../core/model.js';
import type { PolicyMeta } from '../core/policy/engine.js';
import { resolveRequirements } from '../core/policy/requirements.js';
import { seededRandom } from '../core/risk/random.js';
import type { StreamChange } from '../core/reviewers/assign.js';
import type { FileTouch } from '../core/reviewers/types.js';

/** A seeded organisation and a month of changes to route, for the load-spreading test and the docs. */
export interface SimulatedMonth {
  people: Person[];
  services: Service[];
  changes: StreamChange[];
}

/** The shape of the simulated month. */
export interface MonthShape {
  changes?: number;
  days?: number;
  /** Impacted services above this count make a wide blast radius (the config default is 5). */
  wideBlastRadiusServices?: number;
}

const DAY = 86_400;
const START = Date.UTC(2026, 2, 2) / 1000;
const TEAMS = ['payments', 'shop', 'platform', 'data', 'growth'] as const;
const FILES_PER_SERVICE = 6;

const SERVICES: Service[] = [
  { id: 'payments', tier: 1, owner: 'payments', paths: ['services/payments/**'], dependsOn: [] },
  { id: 'ledger', tier: 2, owner: 'payments', paths: ['services/ledger/**'], dependsOn: [] },
  { id: 'cart', tier: 2, owner: 'shop', paths: ['services/cart/**'], dependsOn: [] },
  {
    id: 'checkout',
    tier: 1,
    owner: 'shop',
    paths: ['services/checkout/**'],
    dependsOn: ['payments', 'cart'],
  },
  { id: 'auth', tier: 1, owner: 'platform', paths: ['services/auth/**'], dependsOn: [] },
  { id: 'gateway', tier: 2, owner: 'platform', paths: ['services/gateway/**'], dependsOn: ['auth'] },
  { id: 'docs', tier: 4, owner: 'platform', paths: ['docs/**'], dependsOn: [] },
  { id: 'search', tier: 2, owner: 'data', paths: ['services/search/**'], dependsOn: [] },
  { id: 'reports', tier: 3, owner: 'data', paths: ['services/reports/**'], dependsOn: ['ledger'] },
  { id: 'catalog', tier: 2, owner: 'growth', paths: ['services/catalog/**'], dependsOn: [] },
  {
    id: 'storefront',
    tier: 1,
    owner: 'growth',
    paths: ['services/storefront/**'],
    dependsOn: ['catalog', 'search', 'auth'],
  },
  { id: 'notifications', tier: 3, owner: 'growth', paths: ['services/notifications/**'], dependsOn: [] },
];

const SIGNOFF: Satisfier = { approvals: 1, minLevel: 'senior', notAuthor: true };
const POLICIES = {
  ai: meta('ai-change-senior-signoff', SIGNOFF),
  critical: meta('critical-two-reviewers', { approvals: 2, notAuthor: true }),
  wide: meta('wide-blast-radius', { ...SIGNOFF, ownerScope: 'impacted' }),
};

function meta(id: string, satisfier: Satisfier): PolicyMeta {
  return { id, effect: 'forbid', reason: id, file: 'changes.cedar', satisfier };
}

/**
 * Forty people in five teams (two seniors, three mids, three juniors each; one senior per team is the
 * long-standing expert with three times the history), twelve services with tier-1 dependents, and a
 * month of changes: juniors and mids write most of them, half are AI-assisted. Requirements come from the
 * shipped change policies' rules through `resolveRequirements`, so owner scopes resolve as in a real check.
 */
export function simulateMonth(seed = 7, shape: MonthShape = {}): SimulatedMonth {
  const random = seededRandom(seed);
  const count = shape.changes ?? 400;
  const days = shape.days ?? 30;
  const people = organisation();
  const graph = buildServiceGraph(SERVICES);
  const history = priorHistory(people, random);
  const byId = new Map(people.map((p) => [p.id, p]));
  const times = Array.from({ length: count }, () => START + Math.floor(random() * days * DAY)).sort(
    (a, b) => a - b,
  );
  const changes: StreamChange[] = [];
  times.forEach((at, index) => {
    const author = pick(people, random, (p) => (p.level === 'junior' ? 3 : p.level === 'mid' ? 3 : 1.5));
    const team = author.teams[0] ?? 'payments';
    const own = SERVICES.filter((s) => s.owner === team);
    const service = random() < 0.85 ? pick(own, random, () => 1) : pick(SERVICES, random, () => 1);
    const files = distinct(
      Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        fileOf(service.id, Math.floor(random() * FILES_PER_SERVICE)),
      ),
    );
    const aiShare = author.level === 'junior' ? 0.6 : author.level === 'mid' ? 0.5 : 0.4;
    const aiAssisted = random() < aiShare;
    const radius = blastRadiusOf(graph, [service.id]);
    const matched: PolicyMeta[] = [];
    if (aiAssisted && levelRank(author.level) < levelRank('senior')) matched.push(POLICIES.ai);
    if (directMostCriticalTier(radius) === 1) matched.push(POLICIES.critical);
    if (
      radius.dependentMostCriticalTier === 1 ||
      radius.services.length > (shape.wideBlastRadiusServices ?? 5)
    )
      matched.push(POLICIES.wide);
    const { requirements } = resolveRequirements(matched, [], byId, graph.services, {
      authors: [author.id],
      blastRadius: radius,
    });
    const authors: AuthorInfo[] = [
      {
        id: author.id,
        name: author.id,
        email: author.emails[0] ?? '',
        level: author.level,
        known: true,
        commits: 1,
      },
    ];
    const byPerson = new Map<string, Map<string, FileTouch[]>>();
    for (const file of files) {
      for (const [personId, touches] of history.get(file) ?? []) {
        const before = touches.filter((t) => t.at < at);
        if (before.length === 0) continue;
        const files = byPerson.get(personId) ?? new Map<string, FileTouch[]>();
        files.set(file, before);
        byPerson.set(personId, files);
      }
    }
    changes.push({
      id: `change-${index + 1}`,
      at,
      report: { requirements, authors },
      expertise: { asOf: at, byPerson },
      reviewSeconds: Math.round((0.25 + random() * 1.75) * DAY),
    });
    // The author now knows these files better: later changes see the new history.
    for (const file of files)
      addTouch(history, file, author.id, {
        sha: `c${index}`,
        at,
        added: 5 + Math.floor(random() * 80),
        deleted: Math.floor(random() * 30),
      });
  });
  return { people, services: SERVICES, changes };
}

function organisation(): Person[] {
  const people: Person[] = [];
  const levels: Level[] = ['senior', 'senior', 'mid', 'mid', 'mid', 'junior', 'junior', 'junior'];
  TEAMS.forEach((team, t) => {
    levels.forEach((level, i) => {
      const id = `${team}-${i + 1}`;
      const promoted: Level = level === 'senior' && i === 0 && t % 2 === 0 ? 'principal' : level;
      people.push({ id, level: promoted, emails: [`${id}@example.com`], teams: [team], logins: [id] });
    });
  });
  return people;
}

/** Ninety days before the month: the owning team edits its files; the first senior of each team three times as often. */
function priorHistory(people: Person[], random: () => number): Map<string, Map<string, FileTouch[]>> {
  const history = new Map<string, Map<string, FileTouch[]>>();
  let sha = 0;
  for (const service of SERVICES) {
    for (let f = 0; f < FILES_PER_SERVICE; f++) {
      const file = fileOf(service.id, f);
      for (const person of people) {
        const own = person.teams.includes(service.owner ?? '');
        const expert = person.id.endsWith('-1');
        const rate = own ? (expert ? 6 : isSeniorLevel(person.level) ? 2 : 1.2) : expert ? 0.4 : 0.05;
        const commits = Math.floor(rate * random() * 2);
        for (let c = 0; c < commits; c++) {
          const at = START - Math.floor(random() * 90 * DAY);
          addTouch(history, file, person.id, {
            sha: `h${sha++}`,
            at,
            added: 1 + Math.floor(random() * 120),
            deleted: Math.floor(random() * 40),
          });
        }
      }
    }
  }
  return history;
}

function isSeniorLevel(level: Level): boolean {
  return levelRank(level) >= levelRank('senior');
}

function addTouch(
  history: Map<string, Map<string, FileTouch[]>>,
  file: string,
  personId: string,
  touch: FileTouch,
): void {
  const byPerson = history.get(file) ?? new Map<string, FileTouch[]>();
  byPerson.set(personId, [...(byPerson.get(personId) ?? []), touch]);
  history.set(file, byPerson);
}

function fileOf(serviceId: string, index: number): string {
  const root = serviceId === 'docs' ? 'docs' : `services/${serviceId}`;
  return `${root}/file-${index + 1}.ts`;
}

function pick<T>(items: readonly T[], random: () => number, weight: (item: T) => number): T {
  let total = 0;
  for (const item of items) total += weight(item);
  let roll = random() * total;
  for (const item of items) {
    roll -= weight(item);
    if (roll <= 0) return item;
  }
  return items[items.length - 1] as T;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
