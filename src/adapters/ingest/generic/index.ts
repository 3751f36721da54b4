import type { Deployment, Incident } from '../../../core/delivery/types.js';
import { parseJson, zodIssue } from '../issues.js';
import type { IngestDeps, IngestIssue, IngestRecord, IngestResult, IngestSource } from '../types.js';
import { GenericDeployment, GenericIncident } from './schema.js';

/** Fills `aiAssisted` and `tools` from the commits' stored provenance when the record does not say. */
export function withProvenance(
  record: ReturnType<typeof GenericDeployment.parse>,
  deps: IngestDeps,
): Deployment {
  const facts = record.commits.map((sha) => deps.provenanceOf(sha)).filter((fact) => fact !== undefined);
  const tools = [...new Set(facts.flatMap((fact) => fact.tools))].sort();
  const { aiAssisted, ...rest } = record;
  return { ...rest, aiAssisted: aiAssisted ?? facts.some((fact) => fact.aiAssisted), tools };
}

/** Records of one JSON value: an object, or an array of objects (`record N` in issues). */
function parseValue<T>(
  value: unknown,
  one: (item: unknown, where: string) => T | IngestIssue,
  where: (index: number) => string,
): { good: T[]; issues: IngestIssue[] } {
  const items = Array.isArray(value) ? value : [value];
  const good: T[] = [];
  const issues: IngestIssue[] = [];
  items.forEach((item, index) => {
    const result = one(item, Array.isArray(value) ? where(index) : '');
    if (typeof result === 'object' && result !== null && 'message' in result && 'where' in result)
      issues.push(result as IngestIssue);
    else good.push(result as T);
  });
  return { good, issues };
}

/** Parses a JSON object, a JSON array, or JSON lines (one record per line, issues name the line). */
function parseText<T>(
  text: string,
  one: (item: unknown, where: string) => T | IngestIssue,
): { good: T[]; issues: IngestIssue[] } {
  const trimmed = text.trim();
  const whole = parseJson(trimmed);
  if (whole.ok) return parseValue(whole.value, one, (index) => `record ${index + 1}`);
  const lines = trimmed.split('\n');
  // One line that is not JSON is a malformed body, not a JSON-lines file.
  if (lines.length === 1) return { good: [], issues: [whole.issue] };
  const good: T[] = [];
  const issues: IngestIssue[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseJson(line, `line ${index + 1}`);
    if (!parsed.ok) return issues.push(parsed.issue);
    const result = one(parsed.value, `line ${index + 1}`);
    if (typeof result === 'object' && result !== null && 'message' in result && 'where' in result)
      issues.push(result as IngestIssue);
    else good.push(result as T);
  });
  return { good, issues };
}

/** Parses generic deployment records. */
export function parseDeployments(text: string, deps: IngestDeps): IngestResult {
  const { good, issues } = parseText<IngestRecord>(text, (item, where) => {
    const parsed = GenericDeployment.safeParse(item);
    return parsed.success
      ? { kind: 'deployment', deployment: withProvenance(parsed.data, deps) }
      : zodIssue(parsed.error, where);
  });
  return { records: good, issues, ignored: [] };
}

/** Parses generic incident records. */
export function parseIncidents(text: string): IngestResult {
  const { good, issues } = parseText<IngestRecord>(text, (item, where) => {
    const parsed = GenericIncident.safeParse(item);
    return parsed.success
      ? { kind: 'incident', incident: parsed.data as Incident }
      : zodIssue(parsed.error, where);
  });
  return { records: good, issues, ignored: [] };
}

/** Generic JSON: a record with `severity` is an incident, anything else a deployment. */
export const source: IngestSource = {
  id: 'generic',
  produces: 'deployment-or-incident',
  parse(text, deps) {
    const looksLikeIncident = /"severity"\s*:/.test(text);
    return looksLikeIncident ? parseIncidents(text) : parseDeployments(text, deps);
  },
};
