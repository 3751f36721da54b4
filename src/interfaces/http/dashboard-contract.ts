/**
 * The JSON the web dashboard reads, one interface per route. Types only: the dashboard (web/) imports
 * them with `import type`, the server's dashboard routes implement them, and nothing else is shared.
 * All routes need a bearer token; times are ISO-8601 strings; lists are newest first unless said.
 */
import type { BlastRadius, Outcome, Provenance, Requirement } from '../../core/model.js';
import type { AttestationComparison } from '../../core/provenance/attestation-compare.js';

export type { AttestationComparison, BlastRadius, Outcome, Provenance, Requirement };

/** `GET /v1/me`: who the token belongs to, so the dashboard offers only what they may do. */
export interface MeResponse {
  role: 'agent' | 'reviewer' | 'admin' | 'ingest' | 'integration';
  tokenId: string;
  person?: { id: string; name?: string; level: string; teams: string[] };
  /** True when this token may approve or deny at all (a person's reviewer or admin token). */
  canDecide: boolean;
}

/** What an approval asks for, in the store's words. */
export interface RequirementSummary {
  approvals: number;
  minLevel?: string;
  notAuthor: boolean;
  ownerOf?: string[];
  authors: string[];
  policies: string[];
  /** What it asks for in one sentence, each policy's own part when several were folded together. */
  description: string;
}

/** An approval as the dashboard shows it, with whether the signed-in person may decide it. */
export interface ApprovalView {
  id: string;
  status: 'pending' | 'approved' | 'denied' | 'expired';
  requirement: RequirementSummary;
  approvedBy: string[];
  decidedBy?: string;
  reason?: string;
  createdAt: string;
  decidedAt?: string;
  expiresAt?: string;
  /** The signed-in person may approve it now (eligible, pending, not already signed). */
  canApprove: boolean;
  /** The signed-in person may deny it now (any person's reviewer/admin token, while pending). */
  canDeny: boolean;
  /** Why `canApprove` is false, in plain words. */
  whyNot?: string;
}

/** A person who could sign off, and how much review they carry. */
export interface EligibleReviewer {
  personId: string;
  name?: string;
  level: string;
  /** Pending approvals this person is eligible for right now (what they could give, not their load). */
  pending: number;
  /** Open change sign-offs the check proposed this person for and they have not given: their load. */
  assigned?: number;
  /** Sign-offs this person gave in the last 30 days. */
  reviewsLast30Days: number;
}

/** One ISO week (Monday, `YYYY-MM-DD`) of the overview. */
export interface OverviewWeek {
  week: string;
  /** The running week: its figures cover only the days so far. */
  partial: boolean;
  /** Changes first decided that week, and how many were AI-assisted. */
  changes: number;
  aiAssisted: number;
  /** aiAssisted / changes (0 when no changes). */
  aiShare: number;
  /** AI-assisted changes by tool (a change with two tools counts for both). */
  byTool: Record<string, number>;
  /** Production deployments that week, by provenance, and how many of them failed (DORA change failure). */
  deploymentsAi: number;
  failedAi: number;
  deploymentsHuman: number;
  failedHuman: number;
  incidents: { sev1: number; sev2: number; sev3: number; sev4: number };
}

/** `GET /v1/dashboard/overview?weeks=N` (default 26). */
export interface OverviewResponse {
  generatedAt: string;
  weeks: OverviewWeek[];
  /**
   * Over the whole window [since, until): change-failure rate of AI-assisted vs human production deployments,
   * by core's one rule (`isFailedDeployment`), so `blastwall report --since … --until …` gives the same numbers.
   */
  changeFailureRate: {
    since: string;
    until: string;
    aiAssisted: { deployments: number; failed: number; rate: number };
    human: { deployments: number; failed: number; rate: number };
  };
  pendingApprovals: { changes: number; actions: number };
  /** Everyone at senior level or above, most assigned first. */
  reviewLoad: Array<{
    personId: string;
    name?: string;
    level: string;
    /** Open change sign-offs the check proposed this person for and they have not given yet. */
    assigned: number;
    reviewsLast30Days: number;
    /** Sign-offs per week, aligned with `weeks`. */
    perWeek: number[];
  }>;
}

/** A change in a list: enough to rank it and open it. */
export interface ChangeSummary {
  changeId: string;
  repo: string;
  /** The repository as people know it (`owner/name` of its origin, else its folder), for display. */
  repoName: string;
  pr?: number;
  title?: string;
  base: string;
  head: string;
  decision: Outcome;
  decidedAt: string;
  author: { id: string; name: string; level: string; known: boolean };
  aiAssisted: boolean;
  tools: string[];
  /** 0…1 when a risk model scored it. */
  risk?: number;
  mostCriticalTier: number;
  /** Services the change touches directly. */
  services: string[];
  reasons: string[];
}

/** `GET /v1/dashboard/queue`: changes waiting for sign-off, riskiest first. */
export interface QueueResponse {
  items: Array<
    ChangeSummary & {
      approval: ApprovalView;
      waitingSince: string;
      /** Everyone who could sign off, least loaded first. */
      eligible: EligibleReviewer[];
    }
  >;
}

/** `GET /v1/dashboard/changes?limit=N`: recently decided changes (latest decision of each). */
export interface ChangesResponse {
  items: ChangeSummary[];
}

/** An edge of the blast-radius graph: a failure of `from` reaches `to` (`to` depends on `from`). */
export interface RadiusEdge {
  from: string;
  to: string;
}

/** `GET /v1/dashboard/changes/:changeId`: everything the latest decision rests on. */
export interface ChangeDetailResponse extends ChangeSummary {
  notes: string[];
  commits: number;
  files: number;
  linesAdded: number;
  linesDeleted: number;
  authors: Array<{ id: string; name: string; level: string; known: boolean; commits: number }>;
  provenance: Provenance;
  /** AI share of lines (attested) beside the share of commits (declared), and the commits where they disagree. */
  attestation: AttestationComparison;
  requirements: Requirement[];
  blastRadius: BlastRadius & { edges: RadiusEdge[] };
  riskReasons: string[];
  /** The open or last approval for this change, if one was ever requested. */
  approval?: ApprovalView;
  eligible: EligibleReviewer[];
  /** Every decision of this change, oldest first. */
  history: Array<{ decision: Outcome; at: string; reasons: string[] }>;
}

/** One agent action decision in the feed. */
export interface ActionItem {
  id: string;
  at: string;
  command: string;
  agent: string;
  onBehalfOf?: string;
  sessionId?: string;
  cwd?: string;
  decision: Outcome;
  reasons: string[];
  /** The classified operations as the gate produced them (kind, summary, target, environment, reversibility …). */
  operations: Array<{ kind: string; summary: string; environment?: string; [key: string]: unknown }>;
  /** The environments the operations name (`prod`, `unknown` …), deduplicated. */
  environments: string[];
  /** Services the action reaches, when the gate computed them. */
  blastRadius?: BlastRadius & { edges: RadiusEdge[] };
  approval?: ApprovalView;
}

/**
 * `GET /v1/dashboard/actions?limit=N&since=ISO&decision=allow|needs-approval|deny`: the feed (newest
 * first; with `since`, only newer ones, for polling) and every action still waiting for a person.
 */
export interface ActionsResponse {
  items: ActionItem[];
  held: ActionItem[];
}

/** A deployment suspected of an incident, with the changes it shipped. */
export interface SuspectView {
  deploymentId: string;
  service: string;
  environment: string;
  deployedAt: string;
  commits: string[];
  aiAssisted: boolean;
  tools: string[];
  score: number;
  state: 'suspected' | 'confirmed' | 'rejected';
  confirmedBy?: string;
  reasons: string[];
  /** Changes blastwall decided whose head is one of the deployment's commits. */
  changeIds: string[];
}

/** `GET /v1/dashboard/incidents?limit=N`: incidents newest first, each with its suspects. */
export interface IncidentsResponse {
  items: Array<{
    id: string;
    severity: 'sev1' | 'sev2' | 'sev3' | 'sev4';
    services: string[];
    startedAt: string;
    resolvedAt?: string;
    suspects: SuspectView[];
  }>;
  /** The signed-in person may confirm or reject suspects (`POST /v1/incidents/:id/suspects/:deployment/confirm|reject`). */
  canJudge: boolean;
}

/**
 * One audit record: core's `AuditRecord`, re-declared because core/audit/chain.ts imports node:crypto,
 * which web/ cannot type-check (the audit route passes `AuditRecord`s as these, so a drift fails to compile).
 */
export interface AuditItem {
  seq: number;
  at: string;
  kind: string;
  /** As recorded (a person's id, `token:<id>`, `cli:<name>` …). */
  actor: string;
  /** Who that is: a person, an agent (on behalf of a person), an ingest or admin token, or blastwall itself. */
  actorView: { kind: 'person' | 'agent' | 'service' | 'system'; label: string };
  subject: string;
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

/**
 * `GET /v1/dashboard/audit?q=TEXT&kind=K&before=SEQ&limit=N`: records newest first matching the text
 * (in kind, actor, subject or data), and the whole chain's verification.
 */
export interface AuditResponse {
  records: AuditItem[];
  /** The seq to pass as `before` for the next page, absent on the last page. */
  nextBefore?: number;
  verification: {
    ok: boolean;
    count: number;
    headSeq?: number;
    brokenAt?: number;
    message?: string;
    /** When the chain was last verified: a whole-chain check is reused for a short while (see the server). */
    verifiedAt?: string;
  };
}

/** One review policy's outcome in a capacity scenario (the `blastwall capacity` simulation). */
export interface CapacityPolicyResult {
  policy: 'ai-needs-senior' | 'risk-based';
  /** The policy in plain words. */
  words: string;
  changes: number;
  seniorReviews: number;
  /** Working hours from ready to a senior starting the review; `null` when never (no seniors). */
  waitHoursP50: number | null;
  waitHoursP95: number | null;
  /** Calendar hours from the sign-off being asked for to a senior's sign-off, as history measures it. */
  signoffHoursP50: number | null;
  signoffHoursP95: number | null;
  /** Busy share of the seniors' review hours (above 1 when overloaded); `null` when there are no seniors. */
  seniorUtilisation: number | null;
  riskiestReviewedBySenior: number;
  overloaded: boolean;
}

/**
 * `GET /v1/dashboard/capacity?weeks=N&aiShare=A,B&seniors=S,T`: the senior review queue from the stored
 * history. The observed sign-off waits and senior load beside what the simulation reproduces for the same
 * period; what-if scenarios (by default: AI share 80 % with a fifth fewer and with two more seniors) only
 * when the simulation reproduces the observed p50 and p95 within 25 %.
 */
export interface CapacityResponse {
  basis: { changes: number; weeks: number; from?: string; to?: string; seniorSignoffs: number };
  /** What history says. `seniorReviewHoursPerWeek` is the calibrated figure when the calibration holds. */
  params: {
    changesPerWeek: number;
    aiShare: number;
    juniorMidShare: number;
    seniors: number;
    seniorReviewHoursPerWeek: number;
    medianLines: number;
  };
  /** What history could not tell and the simulation assumes, in plain words. */
  assumed: string[];
  calibration: {
    observed: {
      from: string;
      to: string;
      weeks: number;
      signoffs: number;
      waitHoursP50: number | null;
      waitHoursP95: number | null;
      stillWaiting: number;
      oldestWaitingHours: number | null;
      seniors: number;
      signoffsPerSeniorWeek: number;
    };
    /** The closest reproduction: the review hours tried and the calendar-hour waits it gives. */
    fit?: {
      reviewHoursPerWeek: number;
      waitHoursP50: number;
      waitHoursP95: number;
      signoffsPerSeniorWeek: number;
      error: number;
    };
    reproduces: boolean;
    /** Why no what-if is shown, in plain words. */
    missing: string[];
  };
  /** Empty unless `calibration.reproduces`. */
  scenarios: Array<{ label: string; aiShare: number; seniors: number; policies: CapacityPolicyResult[] }>;
}
