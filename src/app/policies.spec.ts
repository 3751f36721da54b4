import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { compilePolicies } from '../core/policy/engine.js';
import { defaultPolicySources, schemaText } from './policies.js';

const CHANGE_CONTEXT = {
  aiAssisted: true,
  tools: ['claude'],
  authorLevel: 1,
  authorKnown: true,
  authors: ['jo'],
  directServices: ['payments'],
  impactedServices: ['payments'],
  impactedCount: 1,
  directMostCriticalTier: 3,
  mostCriticalTier: 3,
  dependentMostCriticalTier: 5,
  wideBlastRadiusThreshold: 10,
  risk: 10,
  freezeActive: false,
  freezeMaxRisk: 30,
  filesChanged: 1,
  linesChanged: 2,
  labels: [],
};

function merge(engine: ReturnType<typeof compilePolicies>, context: Partial<typeof CHANGE_CONTEXT>) {
  return engine.evaluate({
    principal: { type: 'Person', id: 'jo' },
    action: 'merge',
    resource: { type: 'Change', id: 'x' },
    context: { ...CHANGE_CONTEXT, ...context },
    entities: [],
  });
}

describe('the shipped policies', () => {
  const engine = compilePolicies(defaultPolicySources(), schemaText());

  it('validate against the shipped schema and carry ids, reasons and satisfiers', () => {
    const ids = engine.policies.map((p) => p.id);
    for (const id of [
      'ai-change-senior-signoff',
      'critical-two-reviewers',
      'wide-blast-radius',
      'agent-no-irreversible-prod',
      'agent-destructive-needs-human',
      'agent-no-delete-recreate',
      'agent-within-delegation',
      'freeze-window',
    ]) {
      expect(ids).toContain(id);
    }
    expect(engine.policies.find((p) => p.id === 'critical-two-reviewers')?.satisfier).toEqual({
      approvals: 2,
      notAuthor: true,
    });
    expect(engine.policies.find((p) => p.id === 'agent-no-irreversible-prod')?.satisfier).toBeUndefined();
  });

  it.each([
    [{}, ['ai-change-senior-signoff']],
    [{ aiAssisted: false }, []],
    [{ authorLevel: 3 }, []],
    [{ aiAssisted: false, directMostCriticalTier: 1, mostCriticalTier: 1 }, ['critical-two-reviewers']],
    [{ aiAssisted: false, dependentMostCriticalTier: 1 }, ['wide-blast-radius']],
    [{ aiAssisted: false, impactedCount: 11 }, ['wide-blast-radius']],
    [{ aiAssisted: false, freezeActive: true, risk: 30 }, ['freeze-window']],
    [{ aiAssisted: false, freezeActive: true, risk: 29 }, []],
  ])('for a change with %j, Cedar matches %j', (context, expected) => {
    expect(
      merge(engine, context)
        .matched.map((p) => p.id)
        .sort(),
    ).toEqual(expected);
  });
});

describe('decision reuse', () => {
  it('tells apart requests that differ only in an attribute a repository policy reads', () => {
    const engine = compilePolicies(
      [
        ...defaultPolicySources(),
        {
          file: 'policies/local.cedar',
          text: '@id("no-yolo")\n@reason("no")\nforbid (principal, action == Action::"merge", resource) when { context.labels.contains("yolo") };\n',
        },
      ],
      schemaText(),
    );

    const plain = merge(engine, { aiAssisted: false });
    const yolo = merge(engine, { aiAssisted: false, labels: ['yolo'] } as never);
    const plainAgain = merge(engine, { aiAssisted: false });

    expect(plain.matched).toEqual([]);
    expect(yolo.matched.map((p) => p.id)).toEqual(['no-yolo']);
    expect(plainAgain.matched).toEqual([]);
  });
});

describe('decisions kept between processes', () => {
  it('records each new decision and answers a later engine from the record', () => {
    const stored = new Map<string, { matched: string[] }>();
    const decisions = {
      get: (key: string) => stored.get(key),
      set: (key: string, value: { matched: string[] }) => void stored.set(key, value),
    };
    const first = compilePolicies(defaultPolicySources(), schemaText(), {
      get: () => undefined,
      set: () => undefined,
      decisions,
    });

    expect(merge(first, {}).matched.map((p) => p.id)).toEqual(['ai-change-senior-signoff']);
    expect([...stored.values()]).toEqual([{ matched: ['ai-change-senior-signoff'] }]);

    // A record naming a policy is trusted for its key; one naming an unknown policy is ignored.
    const key = [...stored.keys()][0] as string;
    stored.set(key, { matched: ['critical-two-reviewers'] });
    const second = compilePolicies(defaultPolicySources(), schemaText(), {
      get: () => undefined,
      set: () => undefined,
      decisions,
    });
    expect(merge(second, {}).matched.map((p) => p.id)).toEqual(['critical-two-reviewers']);
    stored.set(key, { matched: ['no-such-policy'] });
    const third = compilePolicies(defaultPolicySources(), schemaText(), {
      get: () => undefined,
      set: () => undefined,
      decisions,
    });
    expect(merge(third, {}).matched.map((p) => p.id)).toEqual(['ai-change-senior-signoff']);
  });
});

describe('repository policies', () => {
  it('add restrictions but a permit cannot lift a shipped forbid', () => {
    const engine = compilePolicies(
      [
        ...defaultPolicySources(),
        {
          file: 'policies/local.cedar',
          text: '@id("let-me")\n@reason("try to loosen")\npermit (principal, action, resource);\n',
        },
      ],
      schemaText(),
    );

    expect(merge(engine, {}).matched.map((p) => p.id)).toEqual(['ai-change-senior-signoff']);
  });

  it.each([
    ['a syntax error', 'forbid (principal, action, resource) when { context. };', /policies\/bad\.cedar:1/],
    ['a missing @id', '@reason("x")\nforbid (principal, action, resource);', /needs an @id/],
    ['a missing @reason', '@id("x")\nforbid (principal, action, resource);', /needs a @reason/],
    [
      'an attribute the schema lacks',
      '@id("x")\n@reason("y")\nforbid (principal, action == Action::"merge", resource) when { context.nope };',
      /does not fit the schema/,
    ],
    [
      'a bad @approvals',
      '@id("x")\n@reason("y")\n@approvals("two")\nforbid (principal, action, resource);',
      /@approvals must be a whole number/,
    ],
    [
      'a duplicate id',
      '@id("freeze-window")\n@reason("y")\nforbid (principal, action, resource);',
      /defined twice/,
    ],
  ])('are rejected for %s with the file named', (_name, text, message) => {
    const compile = () =>
      compilePolicies([...defaultPolicySources(), { file: 'policies/bad.cedar', text }], schemaText());

    expect(compile).toThrow(ConfigError);
    expect(compile).toThrow(message);
  });
});
