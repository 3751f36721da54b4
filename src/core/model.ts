/** Seniority levels, least senior first. */
export const LEVELS = ['junior', 'mid', 'senior', 'principal'] as const;
export type Level = (typeof LEVELS)[number];

/** Numeric rank of a level (junior = 1 … principal = 4); 0 means unknown and is treated as the lowest. */
export function levelRank(level: Level | undefined): number {
  return level === undefined ? 0 : LEVELS.indexOf(level) + 1;
}

/** A person who writes, approves or delegates to agents. */
export interface Person {
  id: string;
  level: Level;
  emails: string[];
  teams: string[];
  /** GitHub logins mapped to this person (defaults to the id). */
  logins: string[];
}

/** A deployable unit with a criticality tier and dependencies. */
export interface Service {
  id: string;
  /** 1 = most critical … 4. */
  tier: number;
  owner?: string;
  paths: string[];
  dependsOn: string[];
  kind?: string;
}

/** Matching rules that tell an environment from what an action names. */
export interface EnvironmentMatch {
  kubeContext?: string[];
  /** Cluster API server URLs (globs) that kube contexts resolve to. */
  kubeCluster?: string[];
  awsProfile?: string[];
  /** AWS account ids that profiles resolve to. */
  awsAccount?: string[];
  terraformWorkspace?: string[];
  host?: string[];
  gcpProject?: string[];
  azureSubscription?: string[];
  path?: string[];
  database?: string[];
}

/** A named environment; protected ones hold destructive agent operations. */
export interface Environment {
  id: string;
  protected: boolean;
  match: EnvironmentMatch;
}

/** An extra provenance rule from the config. */
export interface ProvenancePattern {
  tool: string;
  /** A regular expression matched against the whole commit message. */
  message?: string;
  /** A regular expression matched against "Name <email>" of author or co-authors. */
  identity?: string;
}

/** A CODEOWNERS rule, in file order. */
export interface OwnerRule {
  pattern: string;
  owners: string[];
  line: number;
}

/** Everything blastwall knows about an organisation and a repository. */
export interface Config {
  people: Person[];
  services: Service[];
  environments: Environment[];
  /** Extra evidence patterns, and identities (regular expressions on "Name <email>") that are people. */
  provenance: { patterns: ProvenancePattern[]; exclude?: string[] };
  codeowners: OwnerRule[];
  /** Services with more than this many impacted services count as wide blast radius. */
  wideBlastRadiusServices: number;
  freeze: { active: boolean; reason?: string; maxRisk: number };
  /** Branches (globs) an agent's push to which runs the change check; the default branch always counts. */
  protectedBranches?: string[];
  /** How long the gate may spend working out what a deploy would do (`terraform plan`, `kubectl diff`), in seconds. */
  effectTimeoutSeconds?: number;
  /** Bounds of the restore points taken before a loss confined to the workspace (defaults in the adapter). */
  restorePoints?: { maxMegabytes?: number; maxFiles?: number; keep?: number };
  /** Where the config came from, for messages. */
  sources: string[];
}

/** A file touched by a commit or change. */
export interface FileChange {
  path: string;
  oldPath?: string;
  added: number;
  deleted: number;
  binary: boolean;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed';
}

/** One commit as read from git. */
export interface Commit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  /** Unix seconds. */
  authoredAt: number;
  message: string;
  /** git-ai style note attached under refs/notes/ai, if any. */
  aiNote?: string;
  files: FileChange[];
}

/** A change under review: a range of commits and the net files they touch. */
export interface Change {
  base: string;
  head: string;
  commits: Commit[];
  files: FileChange[];
  /** Labels attached to the change (a PR's labels), if any. */
  labels: string[];
  /** What could not be read (objects missing from a partial snapshot), said to the person. */
  notes?: string[];
  /** Its added lines matched against the hooks' signed attestations, when any are on record. */
  attestation?: ChangeAttestation;
}

/** Who wrote attested lines, and how many of the matched lines are theirs. */
export interface AttestedSource {
  agent: string;
  onBehalfOf?: string;
  session?: string;
  lines: number;
}

/** Added lines matched against attestations: how many were counted (non-blank) and how many an agent wrote. */
export interface LineMatch {
  addedLines: number;
  attestedLines: number;
  sources: AttestedSource[];
}

/** A change's added lines matched against the attestation store, for the change and per commit. */
export interface ChangeAttestation {
  change: LineMatch;
  commits: Record<string, LineMatch>;
  /** Records ignored because their signature did not verify (forged or damaged), with why. */
  ignored: string[];
}

/** One piece of evidence that a commit was AI-assisted. */
export interface Evidence {
  tool: string;
  kind:
    | 'co-author'
    | 'bot-author'
    | 'trailer'
    | 'footer'
    | 'git-ai-note'
    | 'label'
    | 'config-pattern'
    | 'attestation';
  /** The text that was matched. */
  text: string;
  /** `attested`: the hooks saw the agent write these lines (signed records matched by content). */
  strength: 'attested' | 'strong' | 'medium' | 'weak';
}

/** Provenance of one commit. */
export interface CommitProvenance {
  sha: string;
  aiAssisted: boolean;
  tools: string[];
  evidence: Evidence[];
  /** Its added lines that match attestations, when any are on record. */
  attested?: AttestedShare;
}

/** The AI-attested share of added lines. */
export interface AttestedShare {
  addedLines: number;
  attestedLines: number;
  /** attestedLines / addedLines, 0…1. */
  share: number;
}

/** Provenance of a whole change. */
export interface Provenance {
  aiAssisted: boolean;
  tools: string[];
  /** Share of commits with AI evidence, 0…1. */
  aiShare: number;
  commits: CommitProvenance[];
  /** Evidence about the change as a whole rather than one commit (a PR's labels). */
  evidence?: Evidence[];
  /** The change's added lines that match attestations, when any are on record. */
  attested?: AttestedShare & { ignoredRecords: number };
}

/** A service reached by a change or an action. */
export interface ImpactedService {
  id: string;
  tier: number;
  owner?: string;
  /** True when the change touches the service's own paths (or the action targets it). */
  direct: boolean;
  /** How the service was reached: the path of dependencies from a direct service, direct first. */
  via: string[];
}

/** Services a change or action reaches, with how critical the worst of them is. */
export interface BlastRadius {
  services: ImpactedService[];
  /** 1 is the most critical; 5 when nothing known is touched. */
  mostCriticalTier: number;
  /** The most critical tier reached only through dependents; absent when no dependent is reached. */
  dependentMostCriticalTier?: number;
  /** Files that belong to no known service. */
  unownedFiles: number;
  /** Owners of touched paths from CODEOWNERS, for files no service claims. */
  codeowners: string[];
  score: number;
}

/** A person who signed off. */
export interface Approval {
  personId: string;
  /** When the approval was given (unix seconds), for last-push invalidation. */
  at?: number;
}

/** What satisfies a requirement, read from policy annotations. */
export interface Satisfier {
  approvals: number;
  minLevel?: Level;
  notAuthor: boolean;
  /** Approvers must belong to the owner team of a service in this part of the blast radius. */
  ownerScope?: 'impacted' | 'direct';
  /** The services whose owners qualify, resolved for one change or action. */
  ownerOf?: string[];
  /** Two-person rule: the person an agent acts for may not approve its action (`@notRequester`). */
  notRequester?: boolean;
}

/**
 * What one stored approval needs: the strictest of the unmet satisfiers of a change or action, plus
 * who wrote the change (and, for an action, who asked for it) — the people the rules may exclude.
 */
export interface ApprovalRequirement {
  /** How many distinct eligible people must approve (default 1). */
  approvals: number;
  minLevel?: Level;
  notAuthor: boolean;
  /** Approvers must be in a team owning one of these; an empty list means no one qualifies. */
  ownerOf?: string[];
  /** People who wrote the change (commit authors and co-authors); never eligible when `notAuthor`. */
  authors: string[];
  /** The person an agent acted for; never eligible when `notRequester`. */
  requester?: string;
  notRequester?: boolean;
  /** The policies that asked for this approval, for messages. */
  policies: string[];
  /**
   * What each of those policies asks for on its own, for messages: the fields above are the strictest of each
   * part, which overstates a policy that asks for less (absent on approvals stored before it was recorded).
   */
  parts?: RequirementPart[];
}

/** One policy's share of a folded approval requirement. */
export interface RequirementPart {
  policy: string;
  approvals: number;
  minLevel?: Level;
  /** Approvers must be in a team owning one of these; an empty list means no one qualifies. */
  ownerOf?: string[];
}

/** One policy that applies to a change or action, and whether it is met. */
export interface Requirement {
  policy: string;
  reason: string;
  /** Hard denials cannot be satisfied by approvals. */
  kind: 'approval' | 'deny';
  satisfied: boolean;
  satisfier?: Satisfier;
  /** People whose approvals counted. */
  approvedBy: string[];
  /** What is still missing, in plain words. */
  missing?: string;
}

/** The three outcomes of every decision. */
export const OUTCOMES = ['allow', 'needs-approval', 'deny'] as const;
export type Outcome = (typeof OUTCOMES)[number];
