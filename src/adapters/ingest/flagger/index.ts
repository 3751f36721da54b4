import type { DeploymentStatus } from '../../../core/delivery/types.js';
import { withProvenance } from '../generic/index.js';
import { failed, parseJson, zodIssue } from '../issues.js';
import type { IngestSource } from '../types.js';
import { FlaggerPayload } from './schema.js';

/** Canary phases that end a rollout; Flagger rolls a failed canary back to the primary. */
const OUTCOME: Record<string, DeploymentStatus> = { Succeeded: 'succeeded', Failed: 'rolled-back' };

/** Flagger event webhooks: a canary that succeeded or failed becomes a deployment record. */
export const source: IngestSource = {
  id: 'flagger',
  produces: 'deployment',
  parse(text, deps) {
    const json = parseJson(text);
    if (!json.ok) return failed(json.issue);
    const parsed = FlaggerPayload.safeParse(json.value);
    if (!parsed.success) return failed(zodIssue(parsed.error));
    const { name, namespace, phase, checksum, metadata } = parsed.data;
    const status = OUTCOME[phase];
    if (!status)
      return { records: [], issues: [], ignored: [`Flagger phase ${phase} does not end a canary`] };
    // Event webhooks carry no sha; a post-rollout webhook's metadata may (`sha: <commit>`).
    const sha = metadata.sha ?? metadata.commit;
    const commits = sha !== undefined && /^[0-9a-f]{4,64}$/i.test(sha) ? [sha] : [];
    const seconds = Number(metadata.timestamp);
    const at =
      Number.isFinite(seconds) && seconds > 0
        ? new Date(seconds * 1000).toISOString()
        : deps.now().toISOString();
    const record = {
      id: `flagger:${namespace}/${name}@${checksum ?? sha ?? at}`,
      service: metadata.service ?? name,
      environment: metadata.environment ?? namespace,
      commits,
      startedAt: at,
      finishedAt: at,
      status,
      ...(metadata.wave !== undefined && { wave: metadata.wave }),
    };
    return {
      records: [{ kind: 'deployment', deployment: withProvenance(record, deps) }],
      issues: [],
      ignored: [],
    };
  },
};
