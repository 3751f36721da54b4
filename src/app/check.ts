import { BlastwallError } from '../core/errors.js';
import type { Approval, Change, ChangeAttestation } from '../core/model.js';
import { decideChange, type CheckReport, type ChangeRisk } from '../core/change/decide-change.js';
import { parseRange, readChange } from '../adapters/git/read-change.js';
import { reviewersFor, type ReviewersSection } from '../core/reviewers/index.js';
import { changedPaths, readExpertise } from '../adapters/git/expertise.js';
import { openWorkspace } from './workspace.js';

/** A check report with suggested reviewers for what is still missing. */
export interface CheckResult extends CheckReport {
  reviewers?: ReviewersSection;
}

/** What `blastwall check` is asked. */
export interface CheckRequest {
  repo: string;
  range?: string;
  configPath?: string;
  approvals: string[];
  labels?: string[];
  /** Suggest reviewers for unmet requirements (reads recent history of the touched files). */
  reviewers?: boolean;
  /** Scores a change's risk; absent when no model is available. */
  risk?: (repo: string, base: string, head: string) => Promise<ChangeRisk | undefined>;
  /** Each person's open review load (pending sign-offs they could give), asked only when reviewers are suggested. */
  load?: () => Promise<ReadonlyMap<string, number>>;
  /** Matches the change's added lines against the hooks' attestations (app/attest.ts); absent: not consulted. */
  attestations?: (change: Change) => Promise<ChangeAttestation | undefined>;
}

/** Reads the change from git, loads the workspace and decides. Unknown approvers are an error that says so. */
export async function runCheck(request: CheckRequest): Promise<CheckResult> {
  const workspace = await openWorkspace(request.repo, request.configPath);
  const people = new Set(workspace.config.people.map((p) => p.id));
  const approvals: Approval[] = [];
  for (const id of request.approvals) {
    if (!people.has(id)) {
      throw new BlastwallError(
        'usage',
        `--approval ${id}: no person with that id in the config (agents and unknown ids cannot approve)`,
      );
    }
    approvals.push({ personId: id });
  }
  const change = await readChange(request.repo, parseRange(request.range));
  if (request.labels) change.labels = request.labels;
  // Matched while the risk score is computed: both are mostly git's time.
  const attesting = request.attestations?.(change).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  let risk: ChangeRisk | undefined;
  let riskNote: string | undefined;
  if (request.risk) {
    try {
      risk = await request.risk(request.repo, change.base, change.head);
    } catch (error) {
      // Without a score a freeze window must not wave changes through: count it as the highest risk.
      riskNote = `risk could not be computed (${error instanceof Error ? error.message : String(error)}); counted as 100`;
      risk = { score: 100, reasons: [riskNote] };
    }
  }
  const attested = await attesting;
  if (attested && 'error' in attested) throw attested.error;
  const attestation = attested?.value;
  if (attestation) change.attestation = attestation;
  const report = decideChange(
    {
      config: workspace.config,
      engine: workspace.engine,
      graph: workspace.graph,
      ownersOf: workspace.ownersOf,
    },
    change,
    approvals,
    risk,
  );
  if (riskNote) report.notes.push(riskNote);
  for (const why of attestation?.ignored ?? []) report.notes.push(`attestation ignored: ${why}`);
  if (!request.reviewers || report.decision !== 'needs-approval') return report;
  const paths = await changedPaths(request.repo, report.range.base, report.range.head);
  const expertise = await readExpertise({
    repo: request.repo,
    paths,
    people: workspace.config.people,
    rev: report.range.head,
  });
  return {
    ...report,
    reviewers: reviewersFor(
      report,
      workspace.config.people,
      workspace.graph.services,
      expertise,
      request.load ? await request.load() : new Map(),
    ),
  };
}
