import type { DeliveryStore } from '../adapters/storage/delivery-store.js';
import type { Store } from '../adapters/storage/types.js';
import type { Workspace } from './workspace.js';

/** How to start a server. */
export interface ServerOptions {
  port: number;
  host: string;
  /** `--db`: SQLite path or postgres:// URL (default `$BLASTWALL_DB`, else `.blastwall/blastwall.db` of the repo). */
  db?: string;
  /** The repository whose configuration and policies apply, and which `/v1/changes/check` reads. */
  repo: string;
  configPath?: string;
  env: Record<string, string | undefined>;
  metricsAuth?: boolean;
  maxBodyBytes?: number;
  /** Receives operational log lines. */
  log: (line: string) => void;
}

/** A running server. */
export interface RunningServer {
  url: string;
  store: Store;
  /** Stops accepting, lets in-flight requests finish (at most `graceMs`), then closes the store. */
  close(graceMs?: number): Promise<void>;
}

/** How to build the server's app without listening (`blastwall demo`, tests). */
export interface ServerAppOptions extends Omit<ServerOptions, 'port' | 'host'> {
  /** The clock of the stores and routes (default: the real one); the demo passes a simulated one. */
  now?: () => Date;
}

/** The whole server as a fetch handler, with the stores behind it; `close()` closes the stores. */
export interface ServerApp {
  fetch(request: Request): Response | Promise<Response>;
  /** Every mounted route (method and path as mounted), for the role × route table test. */
  routes: ReadonlyArray<{ method: string; path: string }>;
  store: Store;
  deliveries: DeliveryStore;
  workspace: Workspace;
  /** The database the stores opened, as a spec (SQLite path or postgres:// URL). */
  spec: string;
  repo: string;
  close(): Promise<void>;
}

/** The server's composition root (src/serve.ts), handed to what starts a server (the demo) rather than imported. */
export interface ServerWiring {
  createServerApp(options: ServerAppOptions): Promise<ServerApp>;
  startServer(options: ServerOptions): Promise<RunningServer>;
}
