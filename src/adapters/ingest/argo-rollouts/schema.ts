import { z } from 'zod';

/**
 * The body blastwall's Argo Rollouts notification template sends (docs/delivery.md):
 * `{"trigger": "on-rollout-completed", "rollout": {"metadata": …, "status": …}}` — the rollout
 * object as the notifications engine renders it with `toJson`; only these fields are read.
 */
export const ArgoRolloutEvent = z.object({
  trigger: z.string().min(1),
  at: z.iso.datetime({ offset: true }).optional(),
  rollout: z.object({
    metadata: z.object({
      name: z.string().min(1),
      namespace: z.string().min(1).default('default'),
      annotations: z.record(z.string(), z.string()).default({}),
      labels: z.record(z.string(), z.string()).default({}),
    }),
    status: z.object({ phase: z.string().optional(), currentPodHash: z.string().optional() }).default({}),
  }),
});
