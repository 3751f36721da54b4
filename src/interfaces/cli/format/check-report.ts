import { compareAttestation } from '../../../core/provenance/attestation-compare.js';
import type { CheckResult as CheckReport } from '../../../app/check.js';
import type { Requirement } from '../../../core/model.js';
import type { Paint } from './colour.js';

const DECISION_WORDS = {
  allow: 'ALLOWED',
  'needs-approval': 'WAITING FOR SIGN-OFF',
  deny: 'DENIED',
} as const;

/** "1 commit", "2 commits". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The risk on the dashboard's scale, 0…1 with its band ("0.58 (medium)"): the model scores 0…100, and one
 * change must not read as 58 in the terminal and 0.58 in the browser.
 */
export function riskWords(score: number): string {
  const risk = Math.min(1, Math.max(0, score / 100));
  const band = risk >= 0.7 ? 'high' : risk >= 0.4 ? 'medium' : 'low';
  return `${risk.toFixed(2)} (${band})`;
}

/** A readable report for a terminal. */
export function checkReportText(report: CheckReport, p: Paint): string {
  const lines: string[] = [];
  const colour = report.decision === 'allow' ? p.green : report.decision === 'deny' ? p.red : p.yellow;
  lines.push(
    `${p.bold('blastwall check')} ${p.dim(`${report.range.base.slice(0, 10)}..${report.range.head.slice(0, 10)}`)}  ${colour(p.bold(DECISION_WORDS[report.decision]))}`,
  );
  lines.push(
    `  ${plural(report.commits, 'commit')}, ${plural(report.files, 'file')}, +${report.linesAdded} −${report.linesDeleted}`,
  );
  const a = report.author;
  lines.push(
    `  author      ${a.id} (${a.known ? a.level : 'unknown, counted as junior'})${report.authors.length > 1 ? ` — least senior of ${report.authors.length} authors` : ''}`,
  );
  const prov = report.provenance;
  lines.push(
    `  provenance  ${prov.aiAssisted ? p.yellow(`AI-assisted (${prov.tools.join(', ')}), ${Math.round(prov.aiShare * 100)}% of commits`) : 'human'}`,
  );
  // Attested lines: what the hooks saw agents write, beside what the commits declare.
  for (const evidence of prov.evidence?.filter((e) => e.kind === 'attestation') ?? [])
    lines.push(p.dim(`              attested: ${evidence.text}`));
  // Where attested and declared disagree; only when attestations were on record, or every AI commit would be listed.
  if (prov.attested) {
    const compared = compareAttestation(prov);
    const shas = (list: string[]) => list.map((sha) => sha.slice(0, 10)).join(', ');
    if (compared.unattested.length > 0)
      lines.push(p.dim(`              AI-likely, unattested: ${shas(compared.unattested)}`));
    if (compared.undeclared.length > 0)
      lines.push(p.dim(`              attested, undeclared: ${shas(compared.undeclared)}`));
  }
  if (prov.attested?.ignoredRecords)
    lines.push(
      p.dim(`              ${prov.attested.ignoredRecords} attestation record(s) ignored (see notes)`),
    );
  for (const commit of prov.commits.filter((c) => c.aiAssisted).slice(0, 5)) {
    const evidence = commit.evidence[0];
    if (evidence)
      lines.push(
        p.dim(`              ${commit.sha.slice(0, 10)} ${evidence.kind}: ${evidence.text.slice(0, 70)}`),
      );
  }
  const radius = report.blastRadius;
  const tier = radius.mostCriticalTier <= 4 ? `tier ${radius.mostCriticalTier}` : 'no known service';
  lines.push(
    `  blast radius ${plural(radius.services.length, 'service')}, most critical ${tier}, score ${radius.score}`,
  );
  for (const service of radius.services.slice(0, 12)) {
    const how = service.direct ? 'changed' : `depends on ${service.via.join(' → ')}`;
    lines.push(
      `              ${service.tier === 1 ? p.red(`T${service.tier}`) : `T${service.tier}`} ${service.id.padEnd(20)} ${p.dim(how)}`,
    );
  }
  if (radius.services.length > 12)
    lines.push(p.dim(`              … and ${radius.services.length - 12} more`));
  if (radius.unownedFiles > 0)
    lines.push(
      p.dim(
        `              ${plural(radius.unownedFiles, 'file')} in no service${radius.codeowners.length ? `; CODEOWNERS: ${radius.codeowners.join(', ')}` : ''}`,
      ),
    );
  if (report.risk)
    lines.push(
      `  risk        ${riskWords(report.risk.score)}${report.risk.reasons.length ? ` — ${report.risk.reasons.slice(0, 3).join('; ')}` : ''}`,
    );
  lines.push('');
  if (report.requirements.length === 0) lines.push(`  ${p.green('✓')} no policy requires more`);
  for (const r of report.requirements)
    lines.push(`  ${requirementMark(r, p)} ${p.bold(r.policy)}: ${r.reason}${requirementTail(r)}`);
  const proposed = report.reviewers?.assignment.reviewers ?? [];
  if (proposed.length > 0)
    lines.push(
      `  suggested reviewers: ${proposed.map((r) => r.personId).join(', ')}${report.reviewers?.assignment.complete ? '' : ' (not enough eligible people for every requirement)'}`,
    );
  // Why each is proposed: a less senior reviewer than expected must say what it trades, here as in `reviewers`.
  for (const r of proposed) if (r.why) lines.push(p.dim(`    ${r.personId}: ${r.why}`));
  for (const note of report.notes) lines.push(p.dim(`  note: ${note}`));
  return `${lines.join('\n')}\n`;
}

function requirementMark(r: Requirement, p: Paint): string {
  if (r.satisfied) return p.green('✓');
  return r.kind === 'deny' ? p.red('✗') : p.yellow('…');
}

function requirementTail(r: Requirement): string {
  if (r.satisfied) return ` — approved by ${r.approvedBy.join(', ')}`;
  if (r.missing) return ` — needs ${r.missing}`;
  return '';
}

/** A pull-request comment. */
export function checkReportMarkdown(report: CheckReport): string {
  const icon = report.decision === 'allow' ? '✅' : report.decision === 'deny' ? '⛔' : '⏳';
  const out: string[] = [];
  out.push(`### ${icon} blastwall: ${DECISION_WORDS[report.decision].toLowerCase()}`);
  out.push('');
  out.push(
    `**Author:** ${report.author.id} (${report.author.known ? report.author.level : 'unknown — counted as junior'}) · **Provenance:** ${report.provenance.aiAssisted ? `AI-assisted (${report.provenance.tools.join(', ')})` : 'human'} · **Blast radius:** ${plural(report.blastRadius.services.length, 'service')}, most critical tier ${report.blastRadius.mostCriticalTier <= 4 ? report.blastRadius.mostCriticalTier : '—'}${report.risk ? ` · **Risk:** ${riskWords(report.risk.score)}` : ''}`,
  );
  out.push('');
  if (report.requirements.length > 0) {
    out.push('| | requirement | why | status |');
    out.push('|---|---|---|---|');
    for (const r of report.requirements) {
      const status = r.satisfied ? `approved by ${r.approvedBy.join(', ')}` : (r.missing ?? 'blocked');
      out.push(
        `| ${r.satisfied ? '✅' : r.kind === 'deny' ? '⛔' : '⏳'} | \`${r.policy}\` | ${r.reason} | ${status} |`,
      );
    }
    out.push('');
  }
  if (report.blastRadius.services.length > 0) {
    out.push('<details><summary>Impacted services</summary>');
    out.push('');
    for (const s of report.blastRadius.services)
      out.push(
        `- **${s.id}** (tier ${s.tier}) — ${s.direct ? 'changed directly' : `depends on ${s.via.join(' → ')}`}`,
      );
    out.push('');
    out.push('</details>');
    // Markdown after an HTML block needs a blank line, or GitHub renders it as part of the block.
    out.push('');
  }
  const proposed = report.reviewers?.assignment.reviewers ?? [];
  if (proposed.length > 0) {
    out.push(`**Suggested reviewers:** ${proposed.map((r) => r.personId).join(', ')}`, '');
    const why = proposed.filter((r) => r.why).map((r) => `- **${r.personId}**: ${r.why}`);
    if (why.length > 0) out.push(...why, '');
  }
  for (const note of report.notes) out.push(`> ${note}`);
  return `${out.join('\n')}\n`;
}
