import type { DeploymentStatus } from '../../../core/delivery/types.js';
import { withProvenance } from '../generic/index.js';
import { failed, parseJson, zodIssue } from '../issues.js';
import type { IngestSource } from '../types.js';
import { ArgoRolloutEvent } from './schema.js';

/** Argo Rollouts notification triggers that end a rollout, and what they mean for the deployment. */
const OUTCOME: Record<string, DeploymentStatus> = {
  'on-rollout-completed': 'succeeded',
  // An aborted rollout scales back to the stable version: a rollback.
  'on-rollout-aborted': 'rolled-back',
  'on-analysis-run-failed': 'failed',
  'on-analysis-run-error': 'failed',
};

/** Comma- or space-separated shas from an annotation. */
function shas(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((sha) => /^[0-9a-f]{4,64}$/i.test(sha));
}

/** Argo Rollouts notification webhooks: a finished rollout becomes a deployment record. */
export const source: IngestSource = {
  id: 'argo-rollouts',
  produces: 'deployment',
  parse(text, deps) {
    const json = parseJson(text);
    if (!json.ok) return failed(json.issue);
    const parsed = ArgoRolloutEvent.safeParse(json.value);
    if (!parsed.success) return failed(zodIssue(parsed.error));
    const { trigger, rollout } = parsed.data;
    const status = OUTCOME[trigger];
    if (!status)
      return {
        records: [],
        issues: [],
        ignored: [`Argo Rollouts trigger ${trigger} does not end a rollout`],
      };
    const { name, namespace, annotations, labels } = rollout.metadata;
    // Without the annotation the deployment still counts for frequency and failure rate, just not for lead time.
    const commits = shas(annotations['blastwall.dev/commits'] ?? annotations['blastwall.dev/sha']);
    const at = parsed.data.at ?? deps.now().toISOString();
    const revision = annotations['rollout.argoproj.io/revision'] ?? rollout.status.currentPodHash ?? at;
    const record = {
      id: `argo:${namespace}/${name}@${revision}`,
      service: annotations['blastwall.dev/service'] ?? labels['app.kubernetes.io/name'] ?? name,
      environment: annotations['blastwall.dev/environment'] ?? namespace,
      commits,
      startedAt: annotations['blastwall.dev/started-at'] ?? at,
      finishedAt: at,
      status,
      ...(annotations['blastwall.dev/wave'] !== undefined && { wave: annotations['blastwall.dev/wave'] }),
    };
    return {
      records: [{ kind: 'deployment', deployment: withProvenance(record, deps) }],
      issues: [],
      ignored: [],
    };
  },
};
