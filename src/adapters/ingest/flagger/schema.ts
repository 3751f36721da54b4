import { z } from 'zod';

/**
 * Flagger's webhook body: `{"name", "namespace", "phase", "checksum"?, "type"?, "metadata"?}`.
 * Event webhooks put `eventMessage`, `eventType` and `timestamp` (unix seconds) in metadata;
 * gate webhooks carry the Canary's own `metadata` map (where blastwall reads service, sha, …).
 */
export const FlaggerPayload = z.object({
  name: z.string().min(1),
  namespace: z.string().min(1),
  phase: z.string().min(1),
  checksum: z.string().optional(),
  type: z.string().optional(),
  metadata: z.record(z.string(), z.string()).default({}),
});
