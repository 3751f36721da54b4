import { z } from 'zod';
import { DEPLOYMENT_STATUSES, SEVERITIES } from '../../../core/delivery/types.js';

const isoTime = z.iso.datetime({ offset: true });

/** The generic deployment record (`POST /v1/deployments`, `blastwall deploy record`). */
export const GenericDeployment = z.object({
  id: z.string().min(1),
  service: z.string().min(1),
  environment: z.string().min(1),
  commits: z.array(z.string().regex(/^[0-9a-f]{4,64}$/i, 'expected a commit sha')).min(1),
  aiAssisted: z.boolean().optional(),
  startedAt: isoTime,
  finishedAt: isoTime.optional(),
  status: z.enum(DEPLOYMENT_STATUSES),
  wave: z.string().min(1).optional(),
  // Optional extras that make lead time, review wait, risk and rework measurable.
  firstCommitAt: isoTime.optional(),
  reviewWaitHours: z.number().min(0).optional(),
  risk: z.number().min(0).max(1).optional(),
  team: z.string().min(1).optional(),
  rework: z.boolean().optional(),
  reverts: z.array(z.string()).optional(),
});

/** The generic incident record (`POST /v1/incidents`). */
export const GenericIncident = z.object({
  id: z.string().min(1),
  severity: z.enum(SEVERITIES),
  services: z.array(z.string().min(1)).min(1),
  startedAt: isoTime,
  resolvedAt: isoTime.optional(),
  rootCause: z
    .object({ deployment: z.string().min(1).optional(), commit: z.string().min(1).optional() })
    .optional(),
});
