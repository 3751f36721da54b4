import type { Deployment, Incident } from '../../core/delivery/types.js';

/** What stored provenance says about one commit; undefined when the commit was never seen. */
export interface CommitProvenanceFacts {
  aiAssisted: boolean;
  tools: string[];
}

/** What an ingest source may use; passed in, never global. */
export interface IngestDeps {
  /** Stored provenance of a commit (derives `aiAssisted` when a record does not say). */
  provenanceOf(sha: string): CommitProvenanceFacts | undefined;
  /** The clock, for events that carry no time of their own. */
  now(): Date;
  /** Progress for long inputs: records done out of total. */
  onProgress?(done: number, total: number): void;
}

/** A record that was skipped, and where and why. */
export interface IngestIssue {
  /** `line 7`, `field services.0`, `record 3, field startedAt` … */
  where: string;
  message: string;
}

/** One parsed record. */
export type IngestRecord =
  { kind: 'deployment'; deployment: Deployment } | { kind: 'incident'; incident: Incident };

/** The good records of an input, and the bad ones reported. */
export interface IngestResult {
  records: IngestRecord[];
  issues: IngestIssue[];
  /** Events understood but not recorded (e.g. an Argo `on-rollout-paused`), with why. */
  ignored: string[];
}

/** One source of deployments or incidents: a folder under `src/adapters/ingest/`. */
export interface IngestSource {
  id: string;
  /** What it produces, for routing and help. */
  produces: 'deployment' | 'incident' | 'deployment-or-incident';
  /** Parses raw input text (a JSON body, JSON lines, or CSV). Never throws on bad input. */
  parse(text: string, deps: IngestDeps): IngestResult;
}
