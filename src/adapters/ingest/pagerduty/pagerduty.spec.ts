import { describe, expect, it } from 'vitest';
import { testDeps } from '../../../test-support/ingest-test-deps.js';
import { source } from './index.js';

// The V3 webhook shape: {"event": {"id", "event_type", "resource_type", "occurred_at", "agent", "client", "data": <incident>}}.
function webhook(eventType: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event: {
      id: '01DEN3YO4FMUXI8KY8W7QLKYDR',
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: '2026-02-01T12:30:00.000Z',
      agent: { id: 'PLH1HKV', type: 'user_reference' },
      client: null,
      data: {
        id: 'PGR0VU2',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/PGR0VU2',
        number: 2,
        status: 'triggered',
        created_at: '2026-02-01T12:00:00Z',
        title: 'checkout 5xx',
        service: { id: 'PF9KMXH', summary: 'Checkout API', type: 'service_reference' },
        urgency: 'high',
        priority: { id: 'PSO75BM', summary: 'P1', type: 'priority_reference' },
        ...extra,
      },
    },
  });
}

describe('PagerDuty V3 webhooks', () => {
  it.each([
    ['incident.triggered', undefined],
    ['incident.acknowledged', undefined],
    ['incident.resolved', '2026-02-01T12:30:00.000Z'],
  ])('%s becomes an incident record', (eventType, resolvedAt) => {
    const result = source.parse(webhook(eventType), testDeps());

    expect(result.records).toEqual([
      {
        kind: 'incident',
        incident: {
          id: 'pagerduty:PGR0VU2',
          severity: 'sev1',
          services: ['checkout-api'],
          startedAt: '2026-02-01T12:00:00Z',
          ...(resolvedAt && { resolvedAt }),
        },
      },
    ]);
  });

  it.each([
    [{ priority: null, urgency: 'high' }, 'sev2'],
    [{ priority: null, urgency: 'low' }, 'sev3'],
    [{ priority: { summary: 'P4' } }, 'sev4'],
  ])('severity from %o is %s', (extra, severity) => {
    const result = source.parse(webhook('incident.triggered', extra), testDeps());

    expect(result.records[0]).toMatchObject({ incident: { severity } });
  });

  it('ignores events it does not record', () => {
    expect(source.parse(webhook('incident.annotated'), testDeps())).toMatchObject({
      records: [],
      issues: [],
      ignored: [expect.stringContaining('incident.annotated')],
    });
  });

  it.each([
    ['malformed JSON', '{"event":', 'body'],
    ['a missing service', webhook('incident.triggered', { service: undefined }), 'field event.data.service'],
  ])('reports %s', (_name, body, where) => {
    expect(source.parse(body, testDeps()).issues[0]?.where).toBe(where);
  });
});
