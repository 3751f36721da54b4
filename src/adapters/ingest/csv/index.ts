import type { Incident } from '../../../core/delivery/types.js';
import { zodIssue } from '../issues.js';
import type { IngestIssue, IngestRecord, IngestSource } from '../types.js';
import { parseCsvRows } from './parse-csv.js';
import { IncidentRow, REQUIRED_COLUMNS } from './schema.js';

/** Incidents from CSV with a header row; a bad row is reported with its line and skipped. */
export const source: IngestSource = {
  id: 'csv',
  produces: 'incident',
  parse(text, deps) {
    const rows = parseCsvRows(text.replace(/^\uFEFF/, ''));
    const [header, ...body] = rows;
    if (!header)
      return {
        records: [],
        issues: [{ where: 'line 1', message: 'empty file: expected a header row' }],
        ignored: [],
      };
    const columns = header.cells.map((cell) => cell.trim());
    const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
    if (missing.length > 0)
      return {
        records: [],
        issues: [{ where: 'line 1', message: `header lacks column(s) ${missing.join(', ')}` }],
        ignored: [],
      };
    const records: IngestRecord[] = [];
    const issues: IngestIssue[] = [];
    const step = Math.max(1, Math.floor(body.length / 100));
    body.forEach((row, index) => {
      if (index % step === 0) deps.onProgress?.(index, body.length);
      const object = Object.fromEntries(columns.map((column, at) => [column, row.cells[at]?.trim() ?? '']));
      const parsed = IncidentRow.safeParse(object);
      if (!parsed.success) return issues.push(zodIssue(parsed.error, `line ${row.line}`));
      const { rootCauseDeployment, rootCauseCommit, resolvedAt, ...rest } = parsed.data;
      const incident: Incident = { ...rest, ...(resolvedAt !== undefined && { resolvedAt }) };
      if (rootCauseDeployment !== undefined || rootCauseCommit !== undefined) {
        incident.rootCause = {
          ...(rootCauseDeployment !== undefined && { deployment: rootCauseDeployment }),
          ...(rootCauseCommit !== undefined && { commit: rootCauseCommit }),
        };
      }
      records.push({ kind: 'incident', incident });
    });
    deps.onProgress?.(body.length, body.length);
    return { records, issues, ignored: [] };
  },
};
