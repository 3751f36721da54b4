import { z } from 'zod';
import { SEVERITIES } from '../../../core/delivery/types.js';

const isoTime = z.iso.datetime({ offset: true });
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** One CSV row of `blastwall incidents import` (header: id,severity,services,startedAt,resolvedAt,rootCauseDeployment,rootCauseCommit). */
export const IncidentRow = z.object({
  id: z.string().min(1),
  severity: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(SEVERITIES),
  ),
  // Several services are separated by `;` or `|` so the cell needs no quoting.
  services: z
    .string()
    .transform((value) =>
      value
        .split(/[;|]/)
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).min(1, 'at least one service')),
  startedAt: isoTime,
  resolvedAt: optional(isoTime),
  rootCauseDeployment: optional(z.string()),
  rootCauseCommit: optional(z.string()),
});

/** The columns that must be in the header. */
export const REQUIRED_COLUMNS = ['id', 'severity', 'services', 'startedAt'] as const;
