import { describe, expect, it } from 'vitest';
import { testDeps } from '../../../test-support/ingest-test-deps.js';
import { parseDeployments, parseIncidents } from './index.js';

const DEPLOYMENT = {
  id: 'd1',
  service: 'checkout',
  environment: 'prod',
  commits: ['a1b2c3d4'],
  startedAt: '2026-02-01T10:00:00Z',
  finishedAt: '2026-02-01T10:05:00Z',
  status: 'succeeded',
};
const INCIDENT = {
  id: 'i1',
  severity: 'sev2',
  services: ['checkout'],
  startedAt: '2026-02-01T11:00:00Z',
  rootCause: { deployment: 'd1' },
};

describe('generic deployments', () => {
  it.each([
    ['derives aiAssisted from stored provenance', DEPLOYMENT, true, ['claude-code']],
    ['keeps an explicit aiAssisted', { ...DEPLOYMENT, aiAssisted: false }, false, ['claude-code']],
    ['treats unknown commits as human', { ...DEPLOYMENT, commits: ['cccccccc'] }, false, []],
  ])('%s', (_name, body, aiAssisted, tools) => {
    const result = parseDeployments(JSON.stringify(body), testDeps());

    expect(result.issues).toEqual([]);
    expect(result.records).toEqual([
      { kind: 'deployment', deployment: expect.objectContaining({ id: 'd1', aiAssisted, tools }) },
    ]);
  });

  it.each([
    ['a bad status', { ...DEPLOYMENT, status: 'done' }, 'field status'],
    ['a time that is not ISO-8601', { ...DEPLOYMENT, startedAt: 'yesterday' }, 'field startedAt'],
    ['no commits', { ...DEPLOYMENT, commits: [] }, 'field commits'],
    ['a missing service', { ...DEPLOYMENT, service: undefined }, 'field service'],
  ])('reports %s with its field', (_name, body, where) => {
    const result = parseDeployments(JSON.stringify(body), testDeps());

    expect(result.records).toEqual([]);
    expect(result.issues[0]?.where).toBe(where);
  });

  it('keeps the good lines of JSON lines and names the bad ones', () => {
    const text = [
      JSON.stringify(DEPLOYMENT),
      '{not json',
      JSON.stringify({ ...DEPLOYMENT, id: 'd2', status: 'nope' }),
      JSON.stringify({ ...DEPLOYMENT, id: 'd3' }),
    ].join('\n');

    const result = parseDeployments(text, testDeps());

    expect(result.records.map((record) => record.kind === 'deployment' && record.deployment.id)).toEqual([
      'd1',
      'd3',
    ]);
    expect(result.issues.map((issue) => issue.where)).toEqual(['line 2', 'line 3, field status']);
  });

  it('names the record of a bad array element', () => {
    const result = parseDeployments(
      JSON.stringify([DEPLOYMENT, { ...DEPLOYMENT, environment: '' }]),
      testDeps(),
    );

    expect(result.records).toHaveLength(1);
    expect(result.issues[0]?.where).toBe('record 2, field environment');
  });
});

describe('generic incidents', () => {
  it('parses an incident with a root cause', () => {
    expect(parseIncidents(JSON.stringify(INCIDENT)).records).toEqual([
      { kind: 'incident', incident: INCIDENT },
    ]);
  });

  it.each([
    ['severity', { ...INCIDENT, severity: 'sev5' }],
    ['services', { ...INCIDENT, services: [] }],
    ['resolvedAt', { ...INCIDENT, resolvedAt: '2026-13-01' }],
  ])('rejects a bad %s', (field, body) => {
    expect(parseIncidents(JSON.stringify(body)).issues[0]?.where).toBe(`field ${field}`);
  });
});
