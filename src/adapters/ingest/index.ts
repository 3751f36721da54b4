import { source as argoRollouts } from './argo-rollouts/index.js';
import { source as csv } from './csv/index.js';
import { source as flagger } from './flagger/index.js';
import { source as generic } from './generic/index.js';
import { source as pagerduty } from './pagerduty/index.js';
import type { IngestSource } from './types.js';

export type {
  IngestDeps,
  IngestIssue,
  IngestRecord,
  IngestResult,
  IngestSource,
  CommitProvenanceFacts,
} from './types.js';

/** Every ingest source by id; a test checks that no folder is forgotten. */
export const INGEST_SOURCES: Readonly<Record<string, IngestSource>> = {
  generic,
  pagerduty,
  'argo-rollouts': argoRollouts,
  flagger,
  csv,
};

/** One ingest issue as a line a person can act on. */
export function describeIssue(issue: { where: string; message: string }): string {
  return `${issue.where}: ${issue.message}`;
}
