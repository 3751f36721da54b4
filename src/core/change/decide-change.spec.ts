// Table-driven unit specs of decideChange with the shipped policies: no git, no disk beyond the policy files,
// so each case is a few lines of facts and its decision. The end-to-end path (real repositories) is in
// src/app/check.spec.ts.
import { describe, expect, it } from 'vitest';
import { buildServiceGraph } from '../catalog/graph.js';
import type { Approval, Change, Commit, Config, Level, Outcome, Person, Service } from '../model.js';
import { shippedPolicyEngine } from '../../test-support/shipped-policies.js';
import { decideChange, type ChangeRisk, type CheckModel } from './decide-change.js';

function person(id: string, level: Level, team: string): Person {
  return { id, level, emails: [`${id}@example.com`], teams: [team], logins: [id] };
}

const PEOPLE = [
  person('jo', 'junior', 'shop'),
  person('max', 'mid', 'shop'),
  person('sam', 'senior', 'shop'),
  person('ria', 'senior', 'payments'),
  person('pat', 'principal', 'payments'),
  person('kim', 'senior', 'platform'),
];

const SERVICES: Service[] = [
  { id: 'payments', tier: 1, owner: 'payments', paths: ['services/payments/**'], dependsOn: ['ledger'] },
  { id: 'ledger', tier: 2, owner: 'payments', paths: ['services/ledger/**'], dependsOn: [] },
  { id: 'catalog', tier: 3, owner: 'shop', paths: ['services/catalog/**'], dependsOn: [] },
];

function model(overrides: Partial<Config> = {}): CheckModel {
  const config: Config = {
    people: PEOPLE,
    services: SERVICES,
    environments: [],
    provenance: { patterns: [] },
    codeowners: [],
    wideBlastRadiusServices: 5,
    freeze: { active: false, maxRisk: 50 },
    sources: ['decide-change.spec.ts'],
    ...overrides,
  };
  return { config, engine: ENGINE, graph: buildServiceGraph(config.services), ownersOf: () => [] };
}

const ENGINE = shippedPolicyEngine();
const CLAUDE = 'Co-authored-by: Claude <noreply@anthropic.com>';
const PUSHED_AT = 1_767_600_000;

/** One commit by `author` touching `path`, authored at PUSHED_AT. */
function commit(author: string, path: string, trailer = ''): Commit {
  return {
    sha: `${author}-${path}`.padEnd(40, '0'),
    parents: [],
    authorName: author,
    authorEmail: `${author}@example.com`,
    committerName: author,
    committerEmail: `${author}@example.com`,
    authoredAt: PUSHED_AT,
    message: `change ${path}${trailer ? `\n\n${trailer}` : ''}\n`,
    files: [{ path, added: 10, deleted: 2, binary: false, status: 'modified' }],
  };
}

function change(...commits: Commit[]): Change {
  return { base: 'base', head: 'head', commits, files: commits.flatMap((c) => c.files), labels: [] };
}

function signed(...people: string[]): Approval[] {
  return people.map((personId) => ({ personId, at: PUSHED_AT + 60 }));
}

interface Case {
  change: Change;
  approvals?: Approval[];
  config?: Partial<Config>;
  risk?: ChangeRisk;
  decision: Outcome;
  /** The policies still unmet, in any order. */
  unmet: string[];
}

const CATALOG = 'services/catalog/search.ts';
const PAYMENTS = 'services/payments/charge.ts';
const LEDGER = 'services/ledger/book.ts';

const CASES: [string, Case][] = [
  [
    'a human junior change to a tier-3 service',
    { change: change(commit('jo', CATALOG)), decision: 'allow', unmet: [] },
  ],
  [
    'an AI-assisted change by a junior',
    {
      change: change(commit('jo', CATALOG, CLAUDE)),
      decision: 'needs-approval',
      unmet: ['ai-change-senior-signoff'],
    },
  ],
  [
    'an AI-assisted change by a junior, signed off by a senior',
    { change: change(commit('jo', CATALOG, CLAUDE)), approvals: signed('sam'), decision: 'allow', unmet: [] },
  ],
  [
    'an AI-assisted change by a junior, signed off by a mid',
    {
      change: change(commit('jo', CATALOG, CLAUDE)),
      approvals: signed('max'),
      decision: 'needs-approval',
      unmet: ['ai-change-senior-signoff'],
    },
  ],
  [
    'an AI-assisted change by a senior with a commit by a mid (the least senior author counts)',
    {
      change: change(commit('sam', CATALOG, CLAUDE), commit('max', 'services/catalog/index.ts')),
      decision: 'needs-approval',
      unmet: ['ai-change-senior-signoff'],
    },
  ],
  [
    'an AI-assisted change by a senior',
    { change: change(commit('sam', CATALOG, CLAUDE)), decision: 'allow', unmet: [] },
  ],
  [
    'an AI-assisted change by someone not in the config (treated as a junior)',
    {
      change: change(commit('stranger', CATALOG, CLAUDE)),
      decision: 'needs-approval',
      unmet: ['ai-change-senior-signoff'],
    },
  ],
  [
    'a change to a tier-1 service with one reviewer',
    {
      change: change(commit('ria', PAYMENTS)),
      approvals: signed('pat'),
      decision: 'needs-approval',
      unmet: ['critical-two-reviewers'],
    },
  ],
  [
    'a change to a tier-1 service with two reviewers',
    {
      change: change(commit('ria', PAYMENTS)),
      approvals: signed('pat', 'kim'),
      decision: 'allow',
      unmet: [],
    },
  ],
  [
    "a change to a tier-1 service where one of the two sign-offs is the author's own",
    {
      change: change(commit('ria', PAYMENTS)),
      approvals: signed('ria', 'pat'),
      decision: 'needs-approval',
      unmet: ['critical-two-reviewers'],
    },
  ],
  [
    'a change to a service a tier-1 service depends on',
    { change: change(commit('kim', LEDGER)), decision: 'needs-approval', unmet: ['wide-blast-radius'] },
  ],
  [
    'a change to a service a tier-1 service depends on, signed off by a senior of the owning team',
    { change: change(commit('kim', LEDGER)), approvals: signed('ria'), decision: 'allow', unmet: [] },
  ],
  [
    'a change to a service a tier-1 service depends on, signed off by a senior of another team',
    {
      change: change(commit('kim', LEDGER)),
      approvals: signed('sam'),
      decision: 'needs-approval',
      unmet: ['wide-blast-radius'],
    },
  ],
  [
    'a risky change during a freeze',
    {
      change: change(commit('sam', CATALOG)),
      config: { freeze: { active: true, maxRisk: 50 } },
      risk: { score: 72, reasons: ['big change'] },
      decision: 'deny',
      unmet: ['freeze-window'],
    },
  ],
  [
    'a low-risk change during a freeze',
    {
      change: change(commit('sam', CATALOG)),
      config: { freeze: { active: true, maxRisk: 50 } },
      risk: { score: 12, reasons: [] },
      decision: 'allow',
      unmet: [],
    },
  ],
  [
    'a sign-off given before the last push',
    {
      change: change(commit('jo', CATALOG, CLAUDE)),
      approvals: [{ personId: 'sam', at: PUSHED_AT - 60 }],
      decision: 'needs-approval',
      unmet: ['ai-change-senior-signoff'],
    },
  ],
];

describe('decideChange', () => {
  it.each(CASES)('%s', (_name, c) => {
    const report = decideChange(model(c.config), c.change, c.approvals ?? [], c.risk);

    expect(report.decision).toBe(c.decision);
    expect(
      report.requirements
        .filter((r) => !r.satisfied)
        .map((r) => r.policy)
        .sort(),
    ).toEqual([...c.unmet].sort());
    expect(report.reasons).toHaveLength(c.unmet.length);
  });

  it('says why an earlier sign-off no longer counts and who is unknown', () => {
    const report = decideChange(model(), change(commit('stranger', CATALOG, CLAUDE)), [
      { personId: 'sam', at: PUSHED_AT - 60 },
    ]);

    expect(report.notes).toEqual([
      'author stranger <stranger@example.com> is not in the config; treated as the lowest level (junior)',
      'the approval by sam was given before the last push and no longer counts',
    ]);
    expect(report.provenance).toMatchObject({ aiAssisted: true, tools: ['claude'] });
  });

  it('reports the blast radius through dependents and the line counts', () => {
    const report = decideChange(model(), change(commit('kim', LEDGER)), []);

    expect(report.blastRadius.services.map((s) => [s.id, s.direct]).sort()).toEqual([
      ['ledger', true],
      ['payments', false],
    ]);
    expect(report.blastRadius.dependentMostCriticalTier).toBe(1);
    expect([report.linesAdded, report.linesDeleted, report.files, report.commits]).toEqual([10, 2, 1, 1]);
  });

  it('has nothing to review in an empty range, and says so', () => {
    const report = decideChange(model(), change(), []);

    expect(report.decision).toBe('allow');
    expect(report.notes).toContain('the range holds no commits: nothing to review');
  });
});
