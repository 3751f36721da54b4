import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { changedPaths, readExpertise } from '../../../adapters/git/expertise.js';
import { runCheck } from '../../../app/check.js';
import { findRepoRoot, openWorkspace } from '../../../app/workspace.js';
import type { CheckReport } from '../../../core/change/decide-change.js';
import { BlastwallError } from '../../../core/errors.js';
import {
  RANKING_DEFAULTS,
  suggestReviewers,
  type ReviewerSuggestion,
} from '../../../core/reviewers/index.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';

/** Everything `blastwall reviewers` prints, as JSON. */
export interface ReviewersReport extends ReviewerSuggestion {
  decision: CheckReport['decision'];
  range: CheckReport['range'];
  authors: string[];
  expertise: {
    asOf: string;
    sinceDays: number;
    halfLifeDays: number;
    commitsRead: number;
    files: number;
    unknownAuthors: string[];
  };
  notes: string[];
}

/** What the reviewers report is computed from. */
export interface ReviewersRequest {
  repo: string;
  range?: string;
  configPath?: string;
  approvals: string[];
  labels?: string[];
  /** personId → open reviews; people not listed have none. */
  load: ReadonlyMap<string, number>;
  sinceDays: number;
  halfLifeDays: number;
  /** Unix seconds ages are measured from (default now). */
  asOf?: number;
}

/** Checks the change, reads recent history of its files, and ranks and assigns reviewers. */
export async function reviewersReport(request: ReviewersRequest): Promise<ReviewersReport> {
  const report = await runCheck({
    repo: request.repo,
    ...(request.range ? { range: request.range } : {}),
    ...(request.configPath ? { configPath: request.configPath } : {}),
    approvals: request.approvals,
    ...(request.labels ? { labels: request.labels } : {}),
  });
  const workspace = await openWorkspace(request.repo, request.configPath);
  const people = workspace.config.people;
  const paths = await changedPaths(request.repo, report.range.base, report.range.head);
  const expertise = await readExpertise({
    repo: request.repo,
    paths,
    people,
    sinceDays: request.sinceDays,
    rev: report.range.head,
    ...(request.asOf !== undefined ? { asOf: request.asOf } : {}),
  });
  const notes = [...report.notes];
  const known = new Set(people.map((p) => p.id));
  for (const id of request.load.keys())
    if (!known.has(id)) notes.push(`--load names ${id}, who is not in the config; ignored`);
  if (expertise.unknownAuthors.length > 0) {
    const count = expertise.unknownAuthors.length;
    notes.push(
      `${count} recent author${count === 1 ? ' is' : 's are'} not in the config; their work on these files counts for nobody`,
    );
  }
  const suggestion = suggestReviewers(report, people, workspace.graph.services, expertise, request.load, {
    halfLifeDays: request.halfLifeDays,
  });
  return {
    decision: report.decision,
    range: report.range,
    authors: report.authors.map((a) => a.id),
    ...suggestion,
    expertise: {
      asOf: new Date(expertise.asOf * 1000).toISOString(),
      sinceDays: request.sinceDays,
      halfLifeDays: request.halfLifeDays,
      commitsRead: expertise.commits,
      files: paths.length,
      unknownAuthors: expertise.unknownAuthors,
    },
    notes,
  };
}

/** Reads `{personId: openReviews}`; anything else is a usage error naming the file. */
export async function readLoadFile(path: string): Promise<Map<string, number>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BlastwallError(
      'usage',
      `--load ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BlastwallError(
      'usage',
      `--load ${path}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BlastwallError(
      'usage',
      `--load ${path}: expected an object like {"sam": 2}, one open-review count per person`,
    );
  }
  const load = new Map<string, number>();
  for (const [id, value] of Object.entries(parsed)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new BlastwallError(
        'usage',
        `--load ${path}: "${id}" must be a whole number of open reviews, not ${JSON.stringify(value)}`,
      );
    }
    load.set(id, value);
  }
  return load;
}

/** `blastwall reviewers [BASE..HEAD]`: who should review this change, and a proposed assignment. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('reviewers')
    .description(
      'For each unmet sign-off, the people who can give it, ranked by recent expertise in the touched files and open review load',
    )
    .argument('[range]', 'BASE..HEAD (default: merge-base with the default branch ..HEAD)')
    .option('--repo <dir>', 'repository to read', '.')
    .option('--config <file>', 'configuration file (default: <repo>/blastwall.yaml)')
    .option('--approval <id>', 'a person who already signed off (repeatable)', collect, [] as string[])
    .option('--label <name>', 'a label of the pull request (repeatable)', collect, [] as string[])
    .option(
      '--load <file>',
      'JSON {"personId": openReviews}; people not listed have none (default: everyone 0)',
    )
    .option('--since-days <n>', 'how far back expertise is read', String(90))
    .option(
      '--half-life-days <n>',
      'age at which a commit counts half',
      String(RANKING_DEFAULTS.halfLifeDays),
    )
    .option('--limit <n>', 'candidates shown per requirement in text output', '5')
    .option('--json', 'print the full result as JSON')
    .addHelpText(
      'after',
      `
Exit codes: 0 a proposal meets every sign-off (or none is needed), 1 some requirement cannot be met by anyone
or is a hard denial, 2 usage or config error, 4 internal error.

Score = log2(1 + expertise) - 0.5 x open reviews; expertise sums, over recent commits to the touched files,
0.5^(age / half-life) x (1 + ln(1 + lines changed)). See docs/reviewers.md.`,
    )
    .action(async (range: string | undefined, options: CliOptions) => {
      try {
        const sinceDays = positive('--since-days', options.sinceDays);
        const halfLifeDays = positive('--half-life-days', options.halfLifeDays);
        const limit = positive('--limit', options.limit);
        const load = options.load
          ? await readLoadFile(resolve(deps.cwd, options.load))
          : new Map<string, number>();
        const result = await reviewersReport({
          repo: findRepoRoot(resolve(deps.cwd, options.repo)),
          ...(range ? { range } : {}),
          ...(options.config ? { configPath: resolve(deps.cwd, options.config) } : {}),
          approvals: options.approval,
          ...(options.label.length ? { labels: options.label } : {}),
          load,
          sinceDays,
          halfLifeDays,
        });
        deps.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : reviewersText(result, limit));
        deps.exit(result.assignment.complete && result.denials.length === 0 ? EXIT.ok : EXIT.notAllowed);
      } catch (error) {
        const described = describeError(error);
        deps.stderr(`blastwall reviewers: ${described.message}\n`);
        deps.exit(described.exitCode);
      }
    });
}

interface CliOptions {
  repo: string;
  config?: string;
  approval: string[];
  label: string[];
  load?: string;
  sinceDays: string;
  halfLifeDays: string;
  limit: string;
  json?: boolean;
}

/** The report for a person: each unmet requirement with its ranked candidates, then the proposal. */
export function reviewersText(result: ReviewersReport, limit: number): string {
  const out: string[] = [
    `blastwall reviewers ${short(result.range.base)}..${short(result.range.head)}: ${result.decision}`,
  ];
  if (result.requirements.length === 0 && result.denials.length === 0)
    out.push('No sign-off is missing: nobody else needs to review this change.');
  for (const requirement of result.requirements) {
    out.push(
      '',
      `${requirement.policy}: needs ${requirement.needed} more approval${requirement.needed === 1 ? '' : 's'} (${requirement.reason})`,
    );
    if (requirement.candidates.length === 0) out.push('  nobody eligible');
    requirement.candidates.slice(0, limit).forEach((c, i) => {
      out.push(
        `  ${i + 1}. ${c.personId} (${c.level})  score ${c.score.toFixed(2)}  expertise ${c.expertise.toFixed(2)}  open ${c.openReviews}: ${c.why}`,
      );
    });
    const more = requirement.candidates.length - limit;
    if (more > 0) out.push(`  … ${more} more eligible`);
  }
  for (const denial of result.denials) out.push('', `cannot be approved: ${denial}`);
  if (result.assignment.reviewers.length > 0) {
    out.push('', 'Proposed reviewers:');
    for (const r of result.assignment.reviewers)
      out.push(`  ${r.personId} (${r.level}) for ${r.covers.join(', ')}${r.why ? `: ${r.why}` : ''}`);
  }
  for (const unmet of result.assignment.unmet) out.push(`  unmet: ${unmet.policy}: ${unmet.why}`);
  const e = result.expertise;
  out.push(
    '',
    `Expertise: ${e.commitsRead} commit${e.commitsRead === 1 ? '' : 's'} to ${e.files} touched file${e.files === 1 ? '' : 's'} in the ${e.sinceDays} days before ${e.asOf.slice(0, 10)} (half-life ${e.halfLifeDays} days).`,
  );
  for (const note of result.notes) out.push(`note: ${note}`);
  return `${out.join('\n')}\n`;
}

function short(sha: string): string {
  return /^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 10) : sha;
}

function positive(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new BlastwallError('usage', `${flag} must be a positive number, not "${value}"`);
  return number;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
