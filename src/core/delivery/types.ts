/** How a deployment ended. */
export const DEPLOYMENT_STATUSES = ['succeeded', 'failed', 'rolled-back'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Incident severities, most severe first. */
export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One deployment of some commits of a service to an environment (ISO-8601 times). */
export interface Deployment {
  id: string;
  service: string;
  environment: string;
  commits: string[];
  aiAssisted: boolean;
  /** AI tools seen in the commits' provenance (empty for human changes). */
  tools?: string[];
  /** The owner team; the service's owner when not given. */
  team?: string;
  startedAt: string;
  finishedAt?: string;
  status: DeploymentStatus;
  /** Progressive-delivery wave (`box`, `zone`, `region`, `rest` …). */
  wave?: string;
  /** When the first commit of the change was made: the start of lead time. */
  firstCommitAt?: string;
  /** Hours the change waited for its sign-offs (part of lead time, reported on its own too). */
  reviewWaitHours?: number;
  /** Change risk 0…1 when known. */
  risk?: number;
  /** Unplanned work: a hotfix or revert of an earlier deployment (DORA rework rate). */
  rework?: boolean;
  /** Commits this deployment reverts (evidence that they caused trouble). */
  reverts?: string[];
}

/** What caused an incident, when someone knows. */
export interface RootCause {
  deployment?: string;
  commit?: string;
}

/** A production incident (ISO-8601 times). */
export interface Incident {
  id: string;
  severity: Severity;
  services: string[];
  startedAt: string;
  resolvedAt?: string;
  rootCause?: RootCause;
}

/** Lines a commit touched in one file, as inclusive ranges. */
export interface FileLines {
  path: string;
  ranges: Array<[number, number]>;
}

/** A commit made after an incident began that fixes it; touching the same lines confirms a suspect. */
export interface FixCommit {
  sha: string;
  at: string;
  lines: FileLines[];
}

/** Why a suspect is confirmed. */
export type Confirmation = 'root-cause' | 'revert' | 'fix-lines' | 'person';

/** A person's verdict on a suspect. */
export type Verdict = 'confirmed' | 'rejected';

/** A deployment suspected of causing an incident, with its score and why. */
export interface Suspect {
  incidentId: string;
  deploymentId: string;
  /** 0…1; see `docs/delivery.md` for the formula. */
  score: number;
  /** Hours between the deployment finishing and the incident starting. */
  gapHours: number;
  /** 0 when the deployment is to an impacted service, 1 for a service it depends on, … */
  hops: number;
  state: 'suspected' | Verdict;
  confirmedBy?: Confirmation;
  reasons: string[];
}

/** One sign-off on a change, for senior review load. */
export interface Review {
  reviewer: string;
  /** The reviewer's level is senior or above. */
  senior: boolean;
  requestedAt: string;
  givenAt: string;
}
