import type { z } from 'zod';
import type { IngestIssue } from './types.js';

/** A zod failure as one issue naming the first bad field. */
export function zodIssue(error: z.ZodError, prefix = ''): IngestIssue {
  const issue = error.issues[0];
  const field = issue?.path.length ? `field ${issue.path.join('.')}` : 'record';
  return { where: prefix ? `${prefix}, ${field}` : field, message: issue?.message ?? 'invalid' };
}

/** Parses JSON, or returns the issue that says why not. */
export function parseJson(
  text: string,
  where = 'body',
): { ok: true; value: unknown } | { ok: false; issue: IngestIssue } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      issue: { where, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` },
    };
  }
}

/** An empty result with one issue. */
export function failed(issue: IngestIssue): { records: []; issues: IngestIssue[]; ignored: [] } {
  return { records: [], issues: [issue], ignored: [] };
}
