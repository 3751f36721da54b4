import type { CheckReport } from '../../../core/change/decide-change.js';
import type { Outcome, Requirement } from '../../../core/model.js';
import { checkReportMarkdown, plural } from '../../cli/format/check-report.js';

/** GitHub rejects a check run whose output summary is longer than this. */
export const CHECK_SUMMARY_LIMIT = 65_535;
/** GitHub rejects an issue comment whose body is longer than this. */
export const COMMENT_BODY_LIMIT = 65_536;
/** The hidden marker that identifies blastwall's one comment on a pull request. */
export const COMMENT_MARKER = '<!-- blastwall -->';

const MAX_LIST_LINES = 100;

const CONCLUSIONS = { allow: 'success', 'needs-approval': 'action_required', deny: 'failure' } as const;

/** The check run conclusion for a decision: waiting for sign-off asks for action, a denial fails. */
export function conclusionFor(decision: Outcome): (typeof CONCLUSIONS)[Outcome] {
  return CONCLUSIONS[decision];
}

/** The check run's title and summary: requirements, provenance and blast radius, within GitHub's limit. */
export function checkRunOutput(report: CheckReport): { title: string; summary: string } {
  const unmet = report.requirements.filter((r) => !r.satisfied);
  const title =
    report.decision === 'allow'
      ? 'Allowed: every requirement is met'
      : report.decision === 'deny'
        ? `Denied: ${
            unmet
              .filter((r) => r.kind === 'deny')
              .map((r) => r.policy)
              .join(', ') || 'a policy forbids this change'
          }`
        : `Waiting for sign-off: ${unmet.map((r) => r.missing ?? r.policy).join('; ')}`;
  const lines: string[] = [];
  lines.push('### Requirements');
  if (report.requirements.length === 0) lines.push('- ✅ no policy requires more');
  for (const r of report.requirements) lines.push(`- ${mark(r)} \`${r.policy}\` — ${r.reason}${tail(r)}`);
  lines.push('', '### Provenance');
  const prov = report.provenance;
  const aiCommits = prov.commits.filter((c) => c.aiAssisted).length;
  lines.push(
    prov.aiAssisted
      ? `AI-assisted (${prov.tools.join(', ')}): ${aiCommits} of ${plural(prov.commits.length, 'commit')}`
      : `human: no AI evidence in ${plural(prov.commits.length, 'commit')}`,
  );
  lines.push(
    `Author: ${report.author.id} (${report.author.known ? report.author.level : 'unknown, counted as junior'})${report.authors.length > 1 ? `, least senior of ${report.authors.length} authors` : ''}`,
  );
  const evidence = prov.commits
    .filter((c) => c.aiAssisted)
    .flatMap((c) =>
      c.evidence.map((e) => `- \`${c.sha.slice(0, 10)}\` ${e.kind} (${e.strength}): ${oneLine(e.text)}`),
    );
  lines.push(...capped(evidence, MAX_LIST_LINES, 'evidence lines'));
  for (const e of prov.evidence ?? []) lines.push(`- PR ${e.kind} (${e.strength}): ${oneLine(e.text)}`);
  lines.push('', '### Blast radius');
  const radius = report.blastRadius;
  const tier =
    radius.mostCriticalTier <= 4 ? `most critical tier ${radius.mostCriticalTier}` : 'no known service';
  lines.push(
    `${plural(radius.services.length, 'service')}, ${tier}, score ${radius.score}; ${plural(report.files, 'file')}, +${report.linesAdded} −${report.linesDeleted}`,
  );
  // Cap long lists so the notes at the end survive GitHub's limit.
  lines.push(
    ...capped(
      radius.services.map(
        (s) =>
          `- **${s.id}** (tier ${s.tier}) — ${s.direct ? 'changed directly' : `depends on ${s.via.join(' → ')}`}`,
      ),
      MAX_LIST_LINES,
      'services',
    ),
  );
  if (radius.unownedFiles > 0)
    lines.push(
      `- ${plural(radius.unownedFiles, 'file')} in no service${radius.codeowners.length ? `; CODEOWNERS: ${radius.codeowners.join(', ')}` : ''}`,
    );
  if (report.risk)
    lines.push(
      '',
      `Risk: ${report.risk.score}/100${report.risk.reasons.length ? ` — ${report.risk.reasons.slice(0, 3).join('; ')}` : ''}`,
    );
  if (report.notes.length > 0) lines.push('', '### Notes', ...report.notes.map((n) => `- ${n}`));
  return { title: fitWithin(title, 250), summary: fitWithin(lines.join('\n'), CHECK_SUMMARY_LIMIT) };
}

/** The PR comment: the hidden marker, the same Markdown as `blastwall check --format markdown`, and the head it judged. */
export function commentBody(report: CheckReport): string {
  const body = `${COMMENT_MARKER}\n${checkReportMarkdown(report)}\n<sub>blastwall judged ${report.range.head.slice(0, 10)}; this comment is updated on every push and review.</sub>\n`;
  return fitWithin(body, COMMENT_BODY_LIMIT);
}

/** Cuts text to at most `max` characters at a line break, saying that it did. */
export function fitWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  const notice = '\n… (truncated: too long for GitHub)';
  const cut = text.slice(0, max - notice.length);
  const lastBreak = cut.lastIndexOf('\n');
  return `${lastBreak > 0 ? cut.slice(0, lastBreak) : cut}${notice}`;
}

function capped(lines: string[], max: number, what: string): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `- … and ${lines.length - max} more ${what}`];
}

function mark(r: Requirement): string {
  if (r.satisfied) return '✅';
  return r.kind === 'deny' ? '⛔' : '⏳';
}

function tail(r: Requirement): string {
  if (r.satisfied) return r.approvedBy.length ? ` — approved by ${r.approvedBy.join(', ')}` : '';
  return r.missing ? ` — needs ${r.missing}` : '';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 200);
}
