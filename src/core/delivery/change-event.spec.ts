import { describe, expect, it } from 'vitest';
import { changeEventOf } from './change-event.js';

describe('changeEventOf', () => {
  it('builds a PagerDuty change event with routing key, payload and links', () => {
    const event = changeEventOf(
      {
        id: 'd1',
        service: 'checkout',
        environment: 'prod',
        commits: ['a1b2c3d4'],
        aiAssisted: true,
        tools: ['claude-code'],
        startedAt: '2026-02-01T10:00:00Z',
        status: 'succeeded',
        wave: 'box',
      },
      'R0UT1NGKEY',
      'https://blastwall.example/d/d1',
    );

    expect(event).toEqual({
      routing_key: 'R0UT1NGKEY',
      payload: {
        summary: 'Deploy checkout to prod (wave box): 1 commit(s), AI-assisted (claude-code)',
        timestamp: '2026-02-01T10:00:00Z',
        source: 'blastwall',
        custom_details: {
          deployment: 'd1',
          service: 'checkout',
          environment: 'prod',
          commits: ['a1b2c3d4'],
          aiAssisted: true,
          tools: ['claude-code'],
          wave: 'box',
        },
      },
      links: [{ href: 'https://blastwall.example/d/d1', text: 'blastwall: deployment d1' }],
    });
  });
});
