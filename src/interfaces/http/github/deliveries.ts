import type { DeliveryInput } from '../../../adapters/storage/types.js';

/** The part of the Store that de-duplicates webhook deliveries. */
export interface DeliveryStore {
  recordDelivery(input: DeliveryInput): Promise<boolean>;
  setDeliveryStatus?(deliveryId: string, status: string): Promise<boolean>;
  /** When present, a delivery that failed before may be processed again (GitHub redelivers with the same id). */
  getDeliveryStatus?(deliveryId: string): Promise<string | undefined>;
  /** Runs a task holding a lock named `key` across every server on the database. */
  exclusive?<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Claims deliveries once and records what became of them. */
export interface DeliveryLog {
  /** True when this delivery should be processed now; false for a repeat of one already taken. */
  claim(deliveryId: string, event: string): Promise<boolean>;
  settle(deliveryId: string, status: 'processed' | 'failed'): Promise<void>;
}

/**
 * A delivery log over the durable store, shared by every server on the same database. GitHub redelivers
 * with the same id, so a delivery that failed may be taken again: known from the store when it can say,
 * else from this process's own memory of what failed here.
 */
export function storeDeliveryLog(store: DeliveryStore, capacity = 10_000): DeliveryLog {
  const failedHere = new Set<string>();
  async function failedBefore(deliveryId: string): Promise<boolean> {
    if (store.getDeliveryStatus) return (await store.getDeliveryStatus(deliveryId)) === 'failed';
    return failedHere.has(deliveryId);
  }
  return {
    async claim(deliveryId, event) {
      if (await store.recordDelivery({ deliveryId, event, status: 'received' })) return true;
      if (!(await failedBefore(deliveryId))) return false;
      failedHere.delete(deliveryId);
      await store.setDeliveryStatus?.(deliveryId, 'retrying');
      return true;
    },
    async settle(deliveryId, status) {
      if (status === 'failed') {
        failedHere.add(deliveryId);
        if (failedHere.size > capacity) failedHere.delete(failedHere.values().next().value ?? '');
      }
      await store.setDeliveryStatus?.(deliveryId, status);
    },
  };
}

/** An in-process delivery log for a server without storage; forgets the oldest ids past `capacity`. */
export function memoryDeliveryLog(capacity = 10_000): DeliveryLog {
  const seen = new Map<string, string>();
  return {
    async claim(deliveryId) {
      const status = seen.get(deliveryId);
      if (status !== undefined && status !== 'failed') return false;
      seen.delete(deliveryId);
      seen.set(deliveryId, 'received');
      if (seen.size > capacity) {
        const oldest = seen.keys().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return true;
    },
    async settle(deliveryId, status) {
      if (seen.has(deliveryId)) seen.set(deliveryId, status);
    },
  };
}

/** Runs tasks with the same key one after another, so two events on one PR never race to create its comment. */
export function keyedQueue(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return async function runInQueue<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
