import { z } from 'zod';

/** The fields used of a PagerDuty V3 webhook: `{"event": {"event_type", "occurred_at", "data": <incident>}}`. */
export const PagerDutyWebhook = z.object({
  event: z.object({
    id: z.string().optional(),
    event_type: z.string().min(1),
    resource_type: z.string().optional(),
    occurred_at: z.iso.datetime({ offset: true }),
    data: z.object({
      id: z.string().min(1),
      type: z.string().optional(),
      created_at: z.iso.datetime({ offset: true }).optional(),
      status: z.string().optional(),
      urgency: z.enum(['high', 'low']).optional(),
      service: z.object({ id: z.string().optional(), summary: z.string().min(1) }),
      priority: z.object({ summary: z.string() }).nullable().optional(),
    }),
  }),
});

/** Only the event type, read before the incident schema so that other events can be ignored whatever their data. */
export const PagerDutyEventType = z.object({ event: z.object({ event_type: z.string().min(1) }) });
