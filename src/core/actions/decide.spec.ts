// Table-driven unit specs of decideAction with the shipped policies, on operations as the classifiers
// produce them: no shell parser, no surroundings, so each case is the facts and the decision. Classification
// of real command lines is covered by the classifier specs and test/corpus.spec.ts.
import { describe, expect, it } from 'vitest';
import { buildServiceGraph } from '../catalog/graph.js';
import type { Approval, Config, Level, Outcome, Person } from '../model.js';
import { shippedPolicyEngine } from '../../test-support/shipped-policies.js';
import { decideAction, type ActionInput, type GateModel } from './decide.js';
import { createEnvironmentResolver } from './environment.js';
import type { EnvironmentHints, Operation } from './types.js';

function person(id: string, level: Level): Person {
  return { id, level, emails: [`${id}@example.com`], teams: ['platform'], logins: [id] };
}

const CONFIG: Config = {
  people: [person('jo', 'junior'), person('max', 'mid'), person('sam', 'senior'), person('pat', 'principal')],
  services: [
    { id: 'payments', tier: 1, owner: 'payments', paths: ['services/payments/**'], dependsOn: [] },
    { id: 'catalog', tier: 3, owner: 'shop', paths: ['services/catalog/**'], dependsOn: [] },
  ],
  environments: [
    { id: 'prod', protected: true, match: { kubeContext: ['prod-*'], terraformWorkspace: ['prod'] } },
    { id: 'dev', protected: false, match: { kubeContext: ['dev-*'], terraformWorkspace: ['dev'] } },
  ],
  provenance: { patterns: [] },
  codeowners: [],
  wideBlastRadiusServices: 5,
  freeze: { active: false, maxRisk: 50 },
  sources: ['decide.spec.ts'],
};

const MODEL: GateModel = {
  config: CONFIG,
  engine: shippedPolicyEngine(),
  graph: buildServiceGraph(CONFIG.services),
  environments: createEnvironmentResolver(CONFIG.environments),
  people: new Map(CONFIG.people.map((p) => [p.id, p])),
  requiredLevel: 3,
};

const PROD: EnvironmentHints = { kubeContext: 'prod-eu' };
const DEV: EnvironmentHints = { kubeContext: 'dev-eu' };

function op(kind: Operation['kind'], hints: EnvironmentHints, facts: Partial<Operation> = {}): Operation {
  return {
    kind,
    category: 'kubernetes',
    destructive: kind !== 'read',
    reversible: false,
    target: 'namespace/catalog',
    summary: `kubectl ${kind} namespace catalog`,
    hints,
    source: `kubectl ${kind} namespace catalog`,
    ...facts,
  };
}

interface Case {
  operations?: Operation[];
  onBehalfOf?: string;
  approvals?: Approval[];
  parseErrors?: string[];
  unknowable?: string[];
  decision: Outcome;
  /** The policies still unmet, in any order. */
  unmet: string[];
}

const signed = (...people: string[]): Approval[] => people.map((personId) => ({ personId }));

const CASES: [string, Case][] = [
  ['a command with no operation (ls)', { operations: [], decision: 'allow', unmet: [] }],
  ['a read in prod', { operations: [op('read', PROD)], decision: 'allow', unmet: [] }],
  ['an irreversible delete in dev', { operations: [op('delete', DEV)], decision: 'allow', unmet: [] }],
  [
    'an irreversible delete in prod',
    {
      operations: [op('delete', PROD)],
      decision: 'deny',
      unmet: ['agent-destructive-needs-human', 'agent-no-irreversible-prod'],
    },
  ],
  [
    'an irreversible delete in prod, even with a senior sign-off',
    {
      operations: [op('delete', PROD)],
      approvals: signed('sam'),
      decision: 'deny',
      unmet: ['agent-no-irreversible-prod'],
    },
  ],
  [
    'a reversible destructive operation in prod',
    {
      operations: [op('stop', PROD, { reversible: true })],
      decision: 'needs-approval',
      unmet: ['agent-destructive-needs-human'],
    },
  ],
  [
    'a reversible destructive operation in prod, signed off by a senior',
    {
      operations: [op('stop', PROD, { reversible: true })],
      approvals: signed('sam'),
      decision: 'allow',
      unmet: [],
    },
  ],
  [
    'a reversible destructive operation in prod, signed off by a mid',
    {
      operations: [op('stop', PROD, { reversible: true })],
      approvals: signed('max'),
      decision: 'needs-approval',
      unmet: ['agent-destructive-needs-human'],
    },
  ],
  [
    'a reversible destructive operation in prod for a junior (beyond their own authority)',
    {
      operations: [op('stop', PROD, { reversible: true })],
      onBehalfOf: 'jo',
      decision: 'deny',
      unmet: ['agent-destructive-needs-human', 'agent-within-delegation'],
    },
  ],
  [
    'a reversible destructive operation in prod for a senior',
    {
      operations: [op('stop', PROD, { reversible: true })],
      onBehalfOf: 'sam',
      decision: 'needs-approval',
      unmet: ['agent-destructive-needs-human'],
    },
  ],
  [
    'a delete-and-recreate in dev',
    {
      operations: [
        op('replace', { terraformWorkspace: 'dev' }, { category: 'infrastructure', reversible: true }),
      ],
      decision: 'needs-approval',
      unmet: ['agent-no-delete-recreate'],
    },
  ],
  [
    'a destructive operation whose environment cannot be told (held as protected)',
    {
      operations: [op('stop', { kubeContext: 'staging-7' }, { reversible: true })],
      decision: 'needs-approval',
      unmet: ['agent-destructive-needs-human'],
    },
  ],
  [
    'a command that does not parse',
    {
      parseErrors: ['unterminated quote'],
      decision: 'needs-approval',
      // What it would do is unknown, so it counts as destructive in an unknown (protected) environment too.
      unmet: ['agent-destructive-needs-human', 'agent-unknown-command-held'],
    },
  ],
  [
    'a command whose program is only known when it runs',
    {
      unknowable: ['$TOOL runs a program named by a variable'],
      decision: 'needs-approval',
      unmet: ['agent-destructive-needs-human', 'agent-unknown-command-held'],
    },
  ],
  [
    "a write to blastwall's own policies",
    {
      operations: [
        op(
          'write',
          { local: true },
          {
            category: 'filesystem',
            destructive: false,
            reversible: true,
            target: 'policies/agents.cedar',
            selfProtection: true,
          },
        ),
      ],
      decision: 'needs-approval',
      unmet: ['agent-self-protection'],
    },
  ],
];

function input(c: Case): ActionInput {
  return {
    agent: 'claude-code',
    ...(c.onBehalfOf ? { onBehalfOf: c.onBehalfOf } : {}),
    command: 'the command',
    operations: c.operations ?? [],
    parseErrors: c.parseErrors ?? [],
    unknowable: c.unknowable ?? [],
    ...(c.approvals ? { approvals: c.approvals } : {}),
  };
}

describe('decideAction', () => {
  it.each(CASES)('%s', (_name, c) => {
    const decision = decideAction(MODEL, input(c));

    expect(decision.decision).toBe(c.decision);
    expect(
      decision.requirements
        .filter((r) => !r.satisfied)
        .map((r) => r.policy)
        .sort(),
    ).toEqual([...c.unmet].sort());
    expect(decision.reasons).toHaveLength(c.unmet.length);
  });

  it('names the operation and the environment in its reason', () => {
    const decision = decideAction(
      MODEL,
      input({ operations: [op('delete', PROD)], decision: 'deny', unmet: [] }),
    );

    expect(decision.reasons).toContainEqual(
      expect.stringMatching(/^\[agent-no-irreversible-prod\] kubectl delete namespace catalog in prod: /),
    );
    expect(decision.operations[0]?.environment).toMatchObject({ id: 'prod', protected: true, known: true });
  });

  it('reaches the services a target names', () => {
    const decision = decideAction(
      MODEL,
      input({
        operations: [op('stop', DEV, { target: 'deployment/payments' })],
        decision: 'allow',
        unmet: [],
      }),
    );

    expect(decision.blastRadius.services.map((s) => s.id)).toEqual(['payments']);
    expect(decision.blastRadius.mostCriticalTier).toBe(1);
  });

  it('fails closed, never throws, when deciding breaks', () => {
    const broken: GateModel = {
      ...MODEL,
      environments: {
        resolve() {
          throw new Error('resolver broke');
        },
      },
    };

    const decision = decideAction(
      broken,
      input({ operations: [op('read', DEV)], decision: 'deny', unmet: [] }),
    );

    expect(decision.decision).toBe('deny');
    expect(decision.requirements.map((r) => r.policy)).toEqual(['fail-closed']);
    expect(decision.reasons[0]).toContain('resolver broke');
  });

  it('measures its time on the clock it is given', () => {
    const ticks = [10, 10.25];
    const decision = decideAction(MODEL, input({ decision: 'allow', unmet: [] }), () => ticks.shift() ?? 0);

    expect(decision.elapsedMs).toBe(0.25);
  });
});
