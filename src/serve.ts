import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { cacheDir } from './adapters/cache/file-cache.js';
import { loadAuditKey } from './adapters/audit-key/audit-key.js';
import { changeRisk, loadRiskModel } from './adapters/git/change-risk.js';
import { readRepoName, readRepositoryIdentity } from './adapters/git/repo-name.js';
import { githubAppClients } from './adapters/github/app-auth.js';
import { githubSettingsFromEnv } from './adapters/github/env.js';
import { createGithubClient } from './adapters/github/octokit-client.js';
import { changeEventSenderFromEnv } from './adapters/pagerduty/index.js';
import { openDashboardReader, type DashboardReader } from './adapters/storage/dashboard-reader.js';
import { openDeliveryStore, type DeliveryStore } from './adapters/storage/delivery-store.js';
import { describeSpec, openStore, resolveDbSpec } from './adapters/storage/index.js';
import type { Store } from './adapters/storage/types.js';
import { serverSettings } from './app/approval-client.js';
import { checkpointIntervalMs, startCheckpoints } from './app/audit-checkpoints.js';
import { changeStatusOf } from './app/change-status.js';
import { gateElevation } from './app/creds/elevation.js';
import { openCredentialService, type CredentialService } from './app/creds/wiring.js';
import { runCheck } from './app/check.js';
import { createGate } from './app/gate.js';
import type { RunningServer, ServerApp, ServerAppOptions, ServerOptions } from './app/server-types.js';

export type { RunningServer, ServerApp, ServerAppOptions, ServerOptions } from './app/server-types.js';
import { eligibleApprovers, openReviewLoad } from './core/policy/eligibility.js';
import { createHttpApp } from './interfaces/http/app.js';
import { openAttestationStore, type AttestationStore } from './adapters/storage/attestation-store.js';
import { storedAttestationFor } from './app/attest-server.js';
import type { RunCheck } from './interfaces/http/changes-routes.js';
import { createMetrics } from './interfaces/http/metrics.js';

/*
 * The composition root of `blastwall serve` (and of the demo's server): stores, configuration, gate, check
 * and every route, wired once. It sits beside main.ts, outside the layers, so that app/ never imports the
 * HTTP interface; `createHttpApp` mounts every route.
 */

/** The one wiring of `blastwall serve`: store + configuration + gate + routes, not yet listening. */
export async function createServerApp(options: ServerAppOptions): Promise<ServerApp> {
  const repo = resolve(options.repo);
  const now = options.now;
  const clock = now !== undefined ? { now } : {};
  const gate = await createGate({
    cwd: repo,
    env: remoteGateEnv(options.env, repo),
    ...(options.configPath !== undefined && { configPath: options.configPath }),
  });
  const spec = resolveDbSpec(options.db, options.env, repo);
  const store = await openStore(spec, { ...clock, checkpointInBackground: true, log: options.log });
  let deliveries: DeliveryStore | undefined;
  let reader: DashboardReader | undefined;
  let creds: CredentialService | undefined;
  let attestations: AttestationStore | undefined;
  try {
    deliveries = await openDeliveryStore(spec, clock);
    reader = await openDashboardReader(spec);
    // Eligibility of approvers is judged from the store, so it must hold the configured people and services.
    await store.upsertPeople(gate.workspace.config.people, 'serve');
    await store.upsertServices(gate.workspace.config.services, 'serve');
    const settings = serverSettings(gate.workspace.loaded.file, {});
    // Closures below need the opened stores as constants (the `let`s exist for the cleanup on failure).
    const opened = deliveries;
    const openedReader = reader;
    const log = (message: string, fields: Record<string, unknown>) =>
      options.log(`${message} ${JSON.stringify(fields)}`);
    // With the audit key (kept off the database), the chain's head is signed now and then (docs/serve.md).
    const auditKey = loadAuditKey(options.env, repo);
    const auditSigner = auditKey?.signer;
    // Attestations hooks send are signed on receipt with the same key, and verified with it when a PR is checked.
    attestations = await openAttestationStore(spec, clock);
    const openedAttestations = attestations;
    const attestKey = auditKey && {
      keyId: auditKey.keyId,
      publicKey: auditKey.publicKey,
      ...(auditKey.sign && { sign: auditKey.sign }),
    };
    const checkpoints =
      auditSigner && startCheckpoints(store, auditSigner, checkpointIntervalMs(options.env), log);
    // The risk model — `risk.model` of the configuration (runCheck resolves it), else the shipped one — is read
    // once per file; a change whose risk cannot be computed counts as the riskiest (runCheck). A model that
    // failed to load is logged and read again at the next check, not remembered as failed.
    const models = new Map<string, ReturnType<typeof loadRiskModel>>();
    const riskModel = (path?: string) => {
      const key = path ?? '';
      let model = models.get(key);
      if (!model) {
        model = loadRiskModel(path).catch((error: unknown) => {
          models.delete(key);
          options.log(`risk model not loaded: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        });
        models.set(key, model);
      }
      return model;
    };
    const runChangeCheck: RunCheck = (request) =>
      runCheck({
        ...request,
        reviewers: true,
        risk: async (dir, base, head, modelPath) => changeRisk(dir, base, head, await riskModel(modelPath)),
        // Suggested reviewers are ranked by their open load: the pending sign-offs each could give now.
        load: () => pendingChangeLoad(store, openedReader, clock.now?.() ?? new Date()),
        ...(options.configPath !== undefined && { configPath: options.configPath }),
      });
    const { config } = gate.workspace;
    // The identity the server's changes are recorded under and gate questions without `repo` are about.
    const configuredRepository = gate.workspace.loaded.file?.repository;
    const repository = await readRepositoryIdentity(repo, configuredRepository);
    creds = await openCredentialService({
      spec,
      store,
      elevation: gateElevation(gate),
      file: gate.workspace.loaded.file,
      env: options.env,
      repo,
      log,
      ...clock,
      ...(settings?.approvalTtlMinutes !== undefined && { approvalTtlMinutes: settings.approvalTtlMinutes }),
    });
    const openedCreds = creds;
    // PagerDuty change events for new deployments, when a routing key is configured (docs/delivery.md).
    const changeEvents = changeEventSenderFromEnv(options.env, { log });
    const github = githubSettingsFromEnv(options.env);
    const app = createHttpApp({
      creds: openedCreds,
      attestations: { store: openedAttestations, ...(attestKey && { key: attestKey }) },
      store,
      gate,
      repo,
      repository,
      runCheck: runChangeCheck,
      metrics: createMetrics(),
      dashboard: {
        deliveries: opened,
        reader: openedReader,
        repoName: configuredRepository ?? (await readRepoName(repo)),
      },
      // Deployments, incidents and deploy gates (docs/delivery.md), behind the API's bearer tokens.
      delivery: {
        ...(changeEvents && { changeEvents }),
        store: opened,
        services: () => config.services,
        changeStatus: (asked, sha) => changeStatusOf(store, asked, sha),
        repository,
        // A deployment record may carry its commits' provenance; otherwise the commits blastwall checked are
        // looked up in the store (indexed by sha, filled with each change decision); unknown ones stay unknown.
        provenanceOf: () => undefined,
        lookupProvenance: (shas) => openedReader.commitProvenance(shas),
        freeze: () => config.freeze,
        ...clock,
        ...(options.env.BLASTWALL_PAGERDUTY_SECRET && {
          pagerDutySecret: options.env.BLASTWALL_PAGERDUTY_SECRET,
        }),
      },
      ...(github && {
        github: {
          secret: github.webhookSecret,
          workspace: gate.workspace,
          ...(github.client.token !== undefined && { github: createGithubClient(github.client) }),
          ...(github.app && {
            githubFor: githubAppClients({
              ...github.app,
              ...(github.client.baseUrl !== undefined && { baseUrl: github.client.baseUrl }),
            }),
          }),
          store,
          log,
          attestations: (_change, files) => storedAttestationFor(openedAttestations, files, attestKey),
        },
      }),
      dashboardStatic: true,
      ...clock,
      ...(settings?.approvalTtlMinutes !== undefined && { approvalTtlMinutes: settings.approvalTtlMinutes }),
      ...(options.metricsAuth !== undefined && { metricsAuth: options.metricsAuth }),
      ...(options.maxBodyBytes !== undefined && { maxBodyBytes: options.maxBodyBytes }),
    });
    let closed: Promise<void> | undefined;
    return {
      fetch: app.fetch,
      routes: app.routes
        .filter((route) => route.method !== 'ALL')
        .map((route) => ({ method: route.method, path: route.path })),
      store,
      deliveries: opened,
      workspace: gate.workspace,
      spec,
      repo,
      close: () =>
        (closed ??= closeAll([
          { close: async () => void (await changeEvents?.flush(5000)) },
          { close: async () => await checkpoints?.stop() },
          openedCreds,
          openedAttestations,
          openedReader,
          store,
          opened,
        ])),
    };
  } catch (error) {
    await creds?.close().catch(() => undefined);
    await attestations?.close().catch(() => undefined);
    await reader?.close().catch(() => undefined);
    await deliveries?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** `blastwall serve`: the server's app listening on a port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = await createServerApp(options);
  try {
    const server = await listen(app.fetch, options.port, options.host);
    const address = server.address() as AddressInfo;
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    options.log(`blastwall serve listening on ${url} (store: ${describeSpec(app.spec)}, repo: ${app.repo})`);
    return { url, store: app.store, close: (graceMs) => shutdown(server, app, graceMs ?? 10_000) };
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

async function closeAll(stores: { close(): Promise<void> }[]): Promise<void> {
  for (const store of stores) await store.close();
}

/**
 * The environment the server's gate judges remote actions in: none of the server's own. Its
 * AWS_PROFILE, KUBECONFIG or kube context say nothing about the agent's machine, and an environment
 * that cannot be told is treated as protected — so a remote action names its environment or is held.
 */
function remoteGateEnv(
  env: Record<string, string | undefined>,
  repo: string,
): Record<string, string | undefined> {
  return {
    HOME: join(repo, '.blastwall', 'remote-home'),
    BLASTWALL_CACHE_DIR: cacheDir(env),
    ...(env.BLASTWALL_CACHE !== undefined && { BLASTWALL_CACHE: env.BLASTWALL_CACHE }),
    ...(env.BLASTWALL_ORG_DIR !== undefined && { BLASTWALL_ORG_DIR: env.BLASTWALL_ORG_DIR }),
  };
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<ServerType> {
  return new Promise((resolveListen, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolveListen(server));
    server.once('error', reject);
  });
}

async function shutdown(server: ServerType, app: { close(): Promise<void> }, graceMs: number): Promise<void> {
  // close() stops accepting and resolves when in-flight requests are answered (idle keep-alive sockets are closed).
  const closed = new Promise<void>((done) => server.close(() => done()));
  const timer = setTimeout(
    () => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(),
    graceMs,
  );
  await closed;
  clearTimeout(timer);
  await app.close();
}

/** For each person, the pending change approvals they could sign off now (eligible, not yet signed). */
async function pendingChangeLoad(
  store: Store,
  reader: DashboardReader,
  now: Date,
): Promise<Map<string, number>> {
  const [pending, people, services] = await Promise.all([
    reader.approvals({ subjectKind: 'change', status: 'pending', limit: 1000 }),
    store.listPeople(),
    store.listServices(),
  ]);
  return openReviewLoad(pending, now, (approval) => eligibleApprovers(approval, people, services));
}
