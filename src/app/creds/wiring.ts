import type { ConfigFile } from '../../adapters/config/schema.js';
import { openGrantStore, type GrantStore } from '../../adapters/storage/grant-store.js';
import type { Store } from '../../adapters/storage/types.js';
import { createBroker, type Broker, type BrokerOptions } from './broker.js';
import { buildIssuers } from './issuers.js';

/** The broker of a running server, its grants and the sweeper that removes what expired. */
export interface CredentialService {
  broker: Broker;
  grants: GrantStore;
  /** Stops the sweeper and closes the issuers' connections and the grant store. */
  close(): Promise<void>;
}

/** How often `serve` removes expired grants without waiting for a request (a request sweeps too). */
const SWEEP_EVERY_MS = 15_000;

/** Opens the broker for `serve` from `credentials:` of blastwall.yaml; secrets from the server's env or files. */
export async function openCredentialService(options: {
  spec: string;
  store: Store;
  /** How elevated requests are judged (the server's gate, see creds-routes.ts). */
  elevation: BrokerOptions['elevation'];
  file: ConfigFile | undefined;
  env: Record<string, string | undefined>;
  repo: string;
  approvalTtlMinutes?: number;
  now?: () => Date;
  log: (message: string, fields: Record<string, unknown>) => void;
}): Promise<CredentialService> {
  const grants = await openGrantStore(options.spec, options.now ? { now: options.now } : {});
  const issuers = buildIssuers(options.file?.credentials ?? {}, { env: options.env, repo: options.repo });
  const broker = createBroker({
    store: options.store,
    grants,
    issuers,
    elevation: options.elevation,
    log: options.log,
    ...(options.approvalTtlMinutes !== undefined && { approvalTtlMs: options.approvalTtlMinutes * 60_000 }),
    ...(options.now && { now: options.now }),
  });
  const sweepNow = () =>
    void broker
      .sweep()
      .catch((error: unknown) => options.log('credential sweep failed', { error: String(error) }));
  // At start: a grant that expired while no server ran is removed before anything is served.
  sweepNow();
  const timer = issuers.all().length > 0 ? setInterval(sweepNow, SWEEP_EVERY_MS) : undefined;
  timer?.unref();
  return {
    broker,
    grants,
    async close() {
      if (timer) clearInterval(timer);
      await issuers.close();
      await grants.close();
    },
  };
}
