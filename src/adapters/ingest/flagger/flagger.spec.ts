import { describe, expect, it } from 'vitest';
import { testDeps } from '../../../test-support/ingest-test-deps.js';
import { source } from './index.js';

describe('Flagger webhooks', () => {
  it('an event webhook for a succeeded canary records a deployment', () => {
    // Flagger's documented event payload: name, namespace, phase, and metadata with eventMessage, eventType, timestamp.
    const body = {
      name: 'podinfo',
      namespace: 'test',
      phase: 'Succeeded',
      metadata: {
        eventMessage: 'Promotion completed! Scaling down podinfo.test',
        eventType: 'Normal',
        timestamp: '1769947200',
      },
    };

    const result = source.parse(JSON.stringify(body), testDeps());

    expect(result.records).toEqual([
      {
        kind: 'deployment',
        deployment: {
          id: 'flagger:test/podinfo@2026-02-01T12:00:00.000Z',
          service: 'podinfo',
          environment: 'test',
          commits: [],
          aiAssisted: false,
          tools: [],
          startedAt: '2026-02-01T12:00:00.000Z',
          finishedAt: '2026-02-01T12:00:00.000Z',
          status: 'succeeded',
        },
      },
    ]);
  });

  it('a failed canary is a rollback, with the sha from post-rollout metadata', () => {
    const body = {
      name: 'podinfo',
      namespace: 'test',
      phase: 'Failed',
      checksum: '85d557f47b',
      type: 'post-rollout',
      metadata: { sha: 'a1b2c3d4', service: 'checkout', environment: 'prod' },
    };

    const result = source.parse(JSON.stringify(body), testDeps());

    expect(result.records[0]).toMatchObject({
      deployment: {
        id: 'flagger:test/podinfo@85d557f47b',
        service: 'checkout',
        environment: 'prod',
        commits: ['a1b2c3d4'],
        aiAssisted: true,
        status: 'rolled-back',
      },
    });
  });

  it.each(['Progressing', 'Promoting', 'Initialized'])('ignores phase %s', (phase) => {
    expect(
      source.parse(JSON.stringify({ name: 'podinfo', namespace: 'test', phase }), testDeps()).ignored,
    ).toHaveLength(1);
  });

  it('reports a body without a namespace', () => {
    expect(
      source.parse(JSON.stringify({ name: 'podinfo', phase: 'Succeeded' }), testDeps()).issues[0]?.where,
    ).toBe('field namespace');
  });
});
