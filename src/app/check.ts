import { dirname, resolve } from 'node:path';
import { BlastwallError } from '../core/errors.js';
import type { Approval, Change, ChangeAttestation } from '../core/model.js';
import { decideChange, type CheckReport, type ChangeRisk } from '../core/change/decide-change.js';
import { parseRange, readChangeAndPatch } from '../adapters/git/read-change.js';
import { reviewersFor, type ReviewersSection } from '../core/reviewers/index.js';
import { readExpertise } from '../adapters/git/expertise.js';
import { openWorkspace, type Workspace } from './workspace.js';

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
  /** Scores a change's risk with the model at `modelPath` (default: the shipped one); absent when no model is available. */
  risk?: (repo: string, base: string, head: string, modelPath?: string) => Promise<ChangeRisk | undefined>;
  /** A trained risk model to score with (`--risk-model`); overrides `risk.model` of blastwall.yaml. */
  riskModel?: string;
  /** The repository's workspace when the caller has it open already (the gate checking a push). */
  workspace?: Workspace;
  /** Each person's open review load (pending sign-offs they could give), asked only when reviewers are suggested. */
  load?: () => Promise<ReadonlyMap<string, number>>;
  /** Matches the change's added lines against the hooks' attestations (app/attest.ts); absent: not consulted. */
  attestations?: AttestationLookup;
}

/** How `check` matches a change's added lines against attestations (`attestationLookup` in app/attest.ts). */
export interface AttestationLookup {
  /**
   * Whether any may be on record, from a look at files and refs (no git run). Then the change's added lines are
   * read in the same git run as its files; otherwise that run stays as small as a check without attestations.
   */
  mayExist(): boolean;
  /** Matches the change's added lines; `patch`, when given, is the change's diff with no context (`-U0`). */
  match(change: Change, patch?: string): Promise<ChangeAttestation | undefined>;
}

/** The range holds no commits: a mistake in a `check` request; for a push, it lands nothing. */
export class EmptyRangeError extends BlastwallError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** Reads the change from git, loads the workspace and decides. Unknown approvers are an error that says so. */
export async function runCheck(request: CheckRequest): Promise<CheckResult> {
  // git reads the change in its own processes while this one loads the workspace: the two overlap.
  const withPatch = request.attestations?.mayExist() === true;
  const reading = readChangeAndPatch(request.repo, parseRange(request.range), withPatch);
  reading.catch(() => undefined); // awaited below; a configuration error is reported first
  const workspace = request.workspace ?? (await openWorkspace(request.repo, request.configPath));
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
  const { change, patch } = await reading;
  // An empty range has nothing to review; answered as "allowed" it was recorded against the head and opened
  // the deploy gate. It is a mistake in the request (a single revision means that commit: REV^..REV).
  if (change.commits.length === 0)
    throw new EmptyRangeError(
      `${request.range ?? 'the current branch'} holds no commits (${change.base.slice(0, 12)}..${change.head.slice(0, 12)}): nothing to check; give BASE..HEAD, or one revision for that commit`,
    );
  if (request.labels) change.labels = request.labels;
  // Matched while the risk score is computed: both are mostly git's time.
  const attesting = request.attestations?.match(change, patch).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  let risk: ChangeRisk | undefined;
  let riskNote: string | undefined;
  if (request.risk) {
    const modelPath = riskModelPath(request, workspace.loaded.file?.risk?.model);
    try {
      risk = await request.risk(request.repo, change.base, change.head, modelPath);
    } catch (error) {
      // A model someone chose but that cannot be read is their mistake to fix, not a risk of 100.
      if (modelPath !== undefined && error instanceof BlastwallError && error.code === 'usage') throw error;
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
  if (change.notes) report.notes.push(...change.notes);
  if (approvals.length > 0)
    report.notes.push(
      `what-if: sign-offs by ${approvals.map((a) => a.personId).join(', ')} are assumed here, not given; only an approval through the server (or a GitHub review) records one`,
    );
  for (const why of attestation?.ignored ?? []) report.notes.push(`attestation ignored: ${why}`);
  if (!request.reviewers || report.decision !== 'needs-approval') return report;
  // The change's files as read with it, both sides of a rename (what `changedPaths` would ask git for again).
  const paths = [
    ...new Set(change.files.flatMap((f) => (f.oldPath === undefined ? [f.path] : [f.path, f.oldPath]))),
  ];
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

/** The model `check` scores with: the flag, else `risk.model` relative to the config file's folder. */
function riskModelPath(request: CheckRequest, configured: string | undefined): string | undefined {
  if (request.riskModel !== undefined) return request.riskModel;
  if (configured === undefined) return undefined;
  return resolve(request.configPath ? dirname(request.configPath) : request.repo, configured);
}
