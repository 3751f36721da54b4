import type { Severity } from '../../../core/delivery/types.js';
import { failed, parseJson, zodIssue } from '../issues.js';
import type { IngestSource } from '../types.js';
import { PagerDutyEventType, PagerDutyWebhook } from './schema.js';

const HANDLED = new Set([
  'incident.triggered',
  'incident.acknowledged',
  'incident.resolved',
  'incident.reopened',
  'incident.priority_updated',
]);

/** P1…P4 priorities name the severity; without one, high urgency is Sev2 and low urgency Sev3. */
export function severityOf(priority: string | undefined, urgency: 'high' | 'low' | undefined): Severity {
  const match = /^(?:P|SEV-?)([1-4])\b/i.exec(priority?.trim() ?? '');
  if (match) return `sev${match[1]}` as Severity;
  return urgency === 'low' ? 'sev3' : 'sev2';
}

/** PagerDuty's service names are free text; blastwall ids are the kebab-case form (`Payments API` → `payments-api`). */
export function serviceIdOf(summary: string): string {
  return summary
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** PagerDuty V3 webhooks: incident triggered, acknowledged and resolved become one incident record. */
export const source: IngestSource = {
  id: 'pagerduty',
  produces: 'incident',
  parse(text) {
    const json = parseJson(text);
    if (!json.ok) return failed(json.issue);
    // Events blastwall does not use (pagey.ping, incident.annotated …) have other data shapes: answer them as
    // ignored before the incident schema, since a 4xx makes PagerDuty disable the whole subscription.
    const type = PagerDutyEventType.safeParse(json.value);
    if (type.success && !HANDLED.has(type.data.event.event_type))
      return {
        records: [],
        issues: [],
        ignored: [`PagerDuty event ${type.data.event.event_type} carries nothing blastwall records`],
      };
    const parsed = PagerDutyWebhook.safeParse(json.value);
    if (!parsed.success) return failed(zodIssue(parsed.error));
    const { event } = parsed.data;
    if (!HANDLED.has(event.event_type))
      return {
        records: [],
        issues: [],
        ignored: [`PagerDuty event ${event.event_type} carries nothing blastwall records`],
      };
    const incident = event.data;
    return {
      records: [
        {
          kind: 'incident',
          incident: {
            id: `pagerduty:${incident.id}`,
            severity: severityOf(incident.priority?.summary, incident.urgency),
            services: [serviceIdOf(incident.service.summary)],
            startedAt: incident.created_at ?? event.occurred_at,
            ...(event.event_type === 'incident.resolved' && { resolvedAt: event.occurred_at }),
          },
        },
      ],
      issues: [],
      ignored: [],
    };
  },
};
