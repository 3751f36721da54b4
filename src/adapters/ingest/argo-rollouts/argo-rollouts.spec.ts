import { describe, expect, it } from 'vitest';
import { testDeps } from '../../../test-support/ingest-test-deps.js';
import { source } from './index.js';

function event(trigger: string, annotations: Record<string, string> = {}): string {
  return JSON.stringify({
    trigger,
    rollout: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: {
        name: 'checkout',
        namespace: 'prod',
        annotations: {
          'rollout.argoproj.io/revision': '7',
          'blastwall.dev/commits': 'a1b2c3d4,b0c0ffee',
          ...annotations,
        },
      },
      status: { phase: 'Healthy', currentPodHash: '6b9f7c' },
    },
  });
}

describe('Argo Rollouts notification webhooks', () => {
  it.each([
    ['on-rollout-completed', 'succeeded'],
    ['on-rollout-aborted', 'rolled-back'],
    ['on-analysis-run-failed', 'failed'],
  ])('%s records a %s deployment', (trigger, status) => {
    const result = source.parse(event(trigger), testDeps());

    expect(result.records).toEqual([
      {
        kind: 'deployment',
        deployment: {
          id: 'argo:prod/checkout@7',
          service: 'checkout',
          environment: 'prod',
          commits: ['a1b2c3d4', 'b0c0ffee'],
          aiAssisted: true,
          tools: ['claude-code'],
          startedAt: '2026-02-01T12:00:00.000Z',
          finishedAt: '2026-02-01T12:00:00.000Z',
          status,
        },
      },
    ]);
  });

  it('reads service, environment and wave from annotations', () => {
    const result = source.parse(
      event('on-rollout-completed', {
        'blastwall.dev/service': 'payments',
        'blastwall.dev/environment': 'production',
        'blastwall.dev/wave': 'zone',
      }),
      testDeps(),
    );

    expect(result.records[0]).toMatchObject({
      deployment: { service: 'payments', environment: 'production', wave: 'zone' },
    });
  });

  it('ignores triggers that do not end a rollout', () => {
    expect(source.parse(event('on-rollout-step-completed'), testDeps()).ignored).toHaveLength(1);
  });

  it('reports a body without a rollout', () => {
    expect(source.parse('{"trigger":"on-rollout-completed"}', testDeps()).issues[0]?.where).toBe(
      'field rollout',
    );
  });
});
