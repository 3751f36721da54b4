import type { DeliveryReport } from './report.js';
import type { GroupMetrics } from './metrics.js';

/** Output formats of `blastwall report`. */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

interface Row {
  area: string;
  label: string;
  value: (metrics: GroupMetrics, report: DeliveryReport) => string;
  previous: (report: DeliveryReport, side: 'ai' | 'human') => string;
}

function hours(value: number | null): string {
  return value === null ? '–' : `${value} h`;
}

function percent(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}

const ROWS: Row[] = [
  {
    area: 'reliability',
    label: 'deployments',
    value: (m) => String(m.deployments),
    previous: (r, s) => String(r.previous[s].deployments),
  },
  {
    area: 'reliability',
    label: 'change-failure rate',
    value: (m) => percent(m.changeFailureRate),
    previous: (r, s) => percent(r.previous[s].changeFailureRate),
  },
  {
    area: 'reliability',
    label: 'incidents caused',
    value: (m) => String(m.incidents),
    previous: (r, s) => String(r.previous[s].incidents),
  },
  {
    area: 'reliability',
    label: 'Sev1 / Sev2',
    value: (m) => `${m.sev1} / ${m.sev2}`,
    previous: (r, s) => `${r.previous[s].sev1} / ${r.previous[s].sev2}`,
  },
  {
    area: 'reliability',
    label: 'median time to restore',
    value: (m) => hours(m.medianRestoreHours),
    previous: (r, s) => hours(r.previous[s].medianRestoreHours),
  },
  {
    area: 'efficiency',
    label: 'median lead time',
    value: (m) => hours(m.medianLeadTimeHours),
    previous: (r, s) => hours(r.previous[s].medianLeadTimeHours),
  },
  {
    area: 'efficiency',
    label: 'median review wait',
    value: (m) => hours(m.medianReviewWaitHours),
    previous: (r, s) => hours(r.previous[s].medianReviewWaitHours),
  },
  {
    area: 'efficiency',
    label: 'rework rate',
    value: (m) => percent(m.reworkRate),
    previous: (r, s) => percent(r.previous[s].reworkRate),
  },
];

function table(report: DeliveryReport): string[][] {
  const header = ['area', 'measure', 'AI-assisted', '(previous)', 'human', '(previous)'];
  const rows = ROWS.map((row) => [
    row.area,
    row.label,
    row.value(report.ai, report),
    row.previous(report, 'ai'),
    row.value(report.human, report),
    row.previous(report, 'human'),
  ]);
  const load = report.reviewLoad;
  rows.push([
    'people',
    'reviews per senior per week',
    String(load.reviewsPerSeniorPerWeek),
    String(report.previous.reviewLoad.reviewsPerSeniorPerWeek),
    '',
    '',
  ]);
  rows.push([
    'people',
    'median wait for sign-off',
    hours(load.medianWaitHours),
    hours(report.previous.reviewLoad.medianWaitHours),
    '',
    '',
  ]);
  return [header, ...rows];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders the report in one of the output formats. */
export function formatReport(report: DeliveryReport, format: ReportFormat): string {
  const title = `Promise vs reality, ${report.from.slice(0, 10)} – ${report.to.slice(0, 10)} (previous: ${report.previous.from.slice(0, 10)} – ${report.previous.to.slice(0, 10)})`;
  const note =
    report.unattributedIncidents > 0
      ? `${report.unattributedIncidents} incident(s) could not be tied to a deployment.`
      : '';
  const rows = table(report);
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') {
    const [header, ...body] = rows;
    const lines = [
      `## ${title}`,
      '',
      `| ${header!.join(' | ')} |`,
      `|${header!.map(() => '---').join('|')}|`,
      ...body.map((row) => `| ${row.join(' | ')} |`),
    ];
    return `${[...lines, ...(note ? ['', note] : [])].join('\n')}\n`;
  }
  if (format === 'html') {
    const [header, ...body] = rows;
    const cells = (row: string[], tag: string): string =>
      `<tr>${row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
    return `<!doctype html>\n<html><head><meta charset="utf-8"><title>blastwall report</title></head><body>\n<h1>${escapeHtml(title)}</h1>\n<table>\n${cells(header!, 'th')}\n${body.map((row) => cells(row, 'td')).join('\n')}\n</table>\n${note ? `<p>${escapeHtml(note)}</p>\n` : ''}</body></html>\n`;
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const text = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
  return `${[title, '', ...text, ...(note ? ['', note] : [])].join('\n')}\n`;
}
