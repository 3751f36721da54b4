import type { CheckpointSigner, Store } from '../adapters/storage/types.js';

/** How often a server signs the chain's head when it holds the audit key (seconds, default 60). */
export function checkpointIntervalMs(env: Record<string, string | undefined>): number {
  const seconds = Number(env.BLASTWALL_AUDIT_CHECKPOINT_SECONDS ?? 60);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000;
}

/**
 * Signs a checkpoint of the audit chain every `everyMs` (when the head moved) and once more on `stop()`.
 * A failed signing is logged and tried again next time: the records are safe, only their seal is late.
 */
export function startCheckpoints(
  store: Store,
  signer: CheckpointSigner,
  everyMs: number,
  log: (message: string, fields: Record<string, unknown>) => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const sign = () => {
    running = running
      .then(() => store.signCheckpoint(signer))
      .catch((error: unknown) =>
        log('audit checkpoint not signed', { error: error instanceof Error ? error.message : String(error) }),
      );
    return running;
  };
  const timer = setInterval(() => void sign(), everyMs);
  // A timer alone never keeps the process alive.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sign();
    },
  };
}
