import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { readChange } from '../../../adapters/git/read-change.js';
import { INGEST_SOURCES, type CommitProvenanceFacts } from '../../../adapters/ingest/index.js';
import { changeEventSenderFromEnv, type ChangeEventSender } from '../../../adapters/pagerduty/index.js';
import { openDeliveryStore, type DeliveryStore } from '../../../adapters/storage/delivery-store.js';
import { resolveDbSpec } from '../../../adapters/storage/open-store.js';
import { findRepoRoot } from '../../../app/workspace.js';
import { blastRadiusOf, buildServiceGraph } from '../../../core/catalog/graph.js';
import type { Deployment } from '../../../core/delivery/types.js';
import { wavePlan } from '../../../core/delivery/wave-plan.js';
import { BlastwallError } from '../../../core/errors.js';
import type { Commit } from '../../../core/model.js';
import { commitProvenance } from '../../../core/provenance/index.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';
import { reportIngest, storeRecords } from './incidents.js';

const SOURCES = ['generic', 'argo-rollouts', 'flagger'] as const;
/** More shas than this in one input are not looked up in git one by one. */
const MAX_LOOKUPS = 200;

/** Registers `blastwall deploy record` and `blastwall deploy plan`. */
export function register(program: Command, deps: CliDeps): void {
  const deploy = program
    .command('deploy')
    .description('Deployments: record them for the report and attribution, plan their waves');
  deploy
    .command('record [file]')
    .description(
      "Record deployments (generic JSON, a JSON array or JSON lines; or an Argo Rollouts / Flagger event) from FILE or stdin; aiAssisted comes from the commits' provenance when not given",
    )
    .option('--source <source>', SOURCES.join('|'), 'generic')
    .option(
      '--db <path|url>',
      'SQLite file or postgres:// URL (default: $BLASTWALL_DB, else .blastwall/blastwall.db)',
    )
    .option('--json', 'machine-readable summary')
    .action((file: string | undefined, options: { source: string; db?: string; json?: boolean }) =>
      record(deps, file, options),
    );
  deploy
    .command('plan')
    .description(
      'A wave plan (one box, one zone or cell, one region, the rest) with bake times scaled by risk and blast radius',
    )
    .requiredOption('--service <id>', 'the service to deploy')
    .option('--risk <0..1>', "the change's risk", '0.5')
    .option('--config <file>', 'blastwall.yaml (default: at the repository root)')
    .option('--json', 'machine-readable output')
    .action((options: { service: string; risk: string; config?: string; json?: boolean }) =>
      plan(deps, options),
    );
}

async function commitFacts(repo: string, sha: string): Promise<{ commit: Commit } | undefined> {
  try {
    const change = await readChange(repo, { base: `${sha}~1`, head: sha });
    const commit = change.commits.find((candidate) => candidate.sha.startsWith(sha.toLowerCase()));
    return commit ? { commit } : undefined;
  } catch {
    // A root commit or a sha this repository does not have: nothing is known about it here.
    return undefined;
  }
}

async function record(
  deps: CliDeps,
  file: string | undefined,
  options: { source: string; db?: string; json?: boolean },
): Promise<void> {
  let store: DeliveryStore | undefined;
  try {
    if (!(SOURCES as readonly string[]).includes(options.source))
      throw new BlastwallError('usage', `--source must be one of ${SOURCES.join(', ')}`);
    const text =
      file === undefined || file === '-'
        ? await deps.readStdin()
        : await readFile(resolve(deps.cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
            throw new BlastwallError(
              'usage',
              `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
            );
          });
    const repo = findRepoRoot(deps.cwd);
    const { config } = await loadConfig(repo).catch(() => ({ config: undefined }));
    const shas = [...new Set(text.match(/\b[0-9a-f]{7,64}\b/gi) ?? [])].slice(0, MAX_LOOKUPS);
    const commits = new Map<string, Commit>();
    for (const sha of shas) {
      const found = await commitFacts(repo, sha);
      if (found) commits.set(sha, found.commit);
    }
    const provenanceOf = (sha: string): CommitProvenanceFacts | undefined => {
      const commit = commits.get(sha);
      if (!commit) return undefined;
      const provenance = commitProvenance(
        commit,
        config?.provenance.patterns ?? [],
        config?.provenance.exclude,
      );
      return { aiAssisted: provenance.aiAssisted, tools: provenance.tools };
    };
    const result = INGEST_SOURCES[options.source]!.parse(text, { provenanceOf, now: () => new Date() });
    for (const item of result.records) {
      if (item.kind !== 'deployment' || item.deployment.firstCommitAt !== undefined) continue;
      // Lead time starts at the earliest commit the deployment ships.
      const times = item.deployment.commits
        .map((sha) => commits.get(sha)?.authoredAt)
        .filter((at) => at !== undefined);
      if (times.length > 0) item.deployment.firstCommitAt = new Date(Math.min(...times) * 1000).toISOString();
    }
    if (result.records.some((item) => item.kind !== 'deployment'))
      throw new BlastwallError(
        'usage',
        'the input holds incidents, not deployments (use blastwall incidents import)',
      );
    const changeEvents = changeEventSenderFromEnv(deps.env, {
      maxAttempts: 3,
      timeoutMs: 5000,
      log: (message, fields) => deps.stderr(`warning: ${message} ${JSON.stringify(fields)}\n`),
    });
    store = await openDeliveryStore(resolveDbSpec(options.db, deps.env, deps.cwd));
    const fresh = await storeRecords(store, result, 'cli:deploy-record');
    if (changeEvents)
      await announce(
        deps,
        changeEvents,
        fresh.flatMap((item) => (item.kind === 'deployment' ? [item.deployment] : [])),
      );
    deps.exit(reportIngest(deps, result, result.records.length, 'deployment', options.json === true));
  } catch (error) {
    const described = describeError(error);
    deps.stderr(`blastwall deploy record: ${described.message}\n`);
    deps.exit(described.exitCode);
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/** Sends the change events of newly started deployments; their failures are warnings, never the verb's. */
async function announce(deps: CliDeps, changeEvents: ChangeEventSender, fresh: Deployment[]): Promise<void> {
  for (const deployment of fresh) changeEvents.deploymentStarted(deployment);
  const queued = changeEvents.stats().pending;
  if (queued === 0) return;
  deps.stderr(`sending ${queued} change event(s) to PagerDuty…\n`);
  await changeEvents.flush();
  const { sent, failed } = changeEvents.stats();
  deps.stderr(`PagerDuty: ${sent} change event(s) sent${failed > 0 ? `, ${failed} not delivered` : ''}\n`);
}

async function plan(
  deps: CliDeps,
  options: { service: string; risk: string; config?: string; json?: boolean },
): Promise<void> {
  try {
    const risk = Number(options.risk);
    if (!Number.isFinite(risk) || risk < 0 || risk > 1)
      throw new BlastwallError('usage', '--risk must be a number from 0 to 1');
    const { config } = await loadConfig(findRepoRoot(deps.cwd), options.config);
    const graph = buildServiceGraph(config.services);
    if (!graph.services.has(options.service))
      throw new BlastwallError(
        'usage',
        `unknown service "${options.service}" (known: ${[...graph.services.keys()].join(', ') || 'none'})`,
      );
    const radius = blastRadiusOf(graph, [options.service]);
    const result = wavePlan({ risk, blastScore: radius.score, mostCriticalTier: radius.mostCriticalTier });
    if (options.json)
      deps.stdout(
        `${JSON.stringify({ service: options.service, risk, blastRadius: { score: radius.score, mostCriticalTier: radius.mostCriticalTier, services: radius.services.map((s) => s.id) }, ...result })}\n`,
      );
    else {
      deps.stdout(
        `wave plan for ${options.service}: bake times ×${result.factor} (${result.reasons.join('; ')})\n`,
      );
      result.waves.forEach((step, index) =>
        deps.stdout(
          `  ${index + 1}. ${step.wave.padEnd(6)} ${step.scope.padEnd(31)} ${step.bakeMinutes > 0 ? `bake ${step.bakeMinutes} min` : 'done'}\n`,
        ),
      );
    }
    deps.exit(EXIT.ok);
  } catch (error) {
    const described = describeError(error);
    deps.stderr(`blastwall deploy plan: ${described.message}\n`);
    deps.exit(described.exitCode);
  }
}
