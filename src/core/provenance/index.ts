import type { Commit, CommitProvenance, Evidence, Provenance, ProvenancePattern } from '../model.js';
import { gitAiNoteEvidence } from './git-ai-note.js';
import { coAuthorIdentities, footerEvidence, trailerEvidence, trailerLines } from './message.js';
import { compiledFor, patternEvidence } from './patterns.js';
import { toolNamedByIdentity } from './identity.js';
import { toolNamedExactly } from './tools.js';

export { compilePatterns } from './patterns.js';
export type { CompiledProvenancePattern, PatternError } from './patterns.js';
export { toolOfIdentity, toolsNamedIn } from './tools.js';
export { toolNamedByIdentity } from './identity.js';

/** Whether a piece of evidence is enough on its own: weak mentions are reported but never decide. */
function counts(evidence: Evidence): boolean {
  return evidence.strength !== 'weak';
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((item) => {
    const key = `${item.tool}\u0000${item.kind}\u0000${item.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toolsOf(evidence: readonly Evidence[]): string[] {
  return [...new Set(evidence.filter(counts).map((item) => item.tool))].sort();
}

const excludeCache = new WeakMap<readonly string[], RegExp[]>();

/** The organisation's "these identities are people" patterns; invalid ones are reported by the config loader. */
function excluder(exclude: readonly string[]): (identity: string) => boolean {
  if (exclude.length === 0) return () => false;
  let compiled = excludeCache.get(exclude);
  if (!compiled) {
    compiled = exclude.flatMap((source) => {
      try {
        return [new RegExp(source, 'i')];
      } catch {
        return [];
      }
    });
    excludeCache.set(exclude, compiled);
  }
  const patterns = compiled;
  return (identity) => patterns.some((pattern) => pattern.test(identity));
}

function botEvidence(
  role: 'author' | 'committer',
  name: string,
  email: string,
  excluded: (identity: string) => boolean,
): Evidence[] {
  const tool = excluded(`${name} <${email}>`) ? undefined : toolNamedByIdentity(name, email);
  return tool ? [{ tool, kind: 'bot-author', text: `${role}: ${name} <${email}>`, strength: 'strong' }] : [];
}

/**
 * Provenance of one commit, from its trailers, bot author or committer, footers, git-ai note and
 * the config's extra patterns. A commit is AI-assisted when it has strong or medium evidence; weak
 * evidence (a passing "written with …" in prose) is reported but never decides on its own.
 */
export function commitProvenance(
  commit: Commit,
  extra: readonly ProvenancePattern[],
  /** Identity patterns (`Name <email>`, case-insensitive) the organisation declares to be people. */
  exclude: readonly string[] = [],
): CommitProvenance {
  const lines = commit.message.split(/\r?\n/);
  const trailers = trailerLines(lines);
  const excluded = excluder(exclude);
  const evidence = [
    ...trailerEvidence(trailers, excluded),
    ...botEvidence('author', commit.authorName, commit.authorEmail, excluded),
    ...botEvidence('committer', commit.committerName, commit.committerEmail, excluded),
    ...footerEvidence(commit.message, lines),
    ...gitAiNoteEvidence(commit.aiNote),
  ];
  const patterns = compiledFor(extra);
  if (patterns.length > 0) {
    const identities = [
      `${commit.authorName} <${commit.authorEmail}>`,
      `${commit.committerName} <${commit.committerEmail}>`,
      ...coAuthorIdentities(trailers),
    ];
    evidence.push(...patternEvidence(patterns, commit.message, identities));
  }
  const unique = dedupe(evidence);
  return { sha: commit.sha, aiAssisted: unique.some(counts), tools: toolsOf(unique), evidence: unique };
}

const NEGATIVE_LABEL = /^(?:no|not|non|without)[-_ ]?(?:ai|llm)\b|^human[-_ ]?(?:only|written|authored)$/i;
/** Labels that say "AI helped" without naming a tool; area labels like `area/ai` are not among them. */
const GENERIC_AI_LABEL =
  /^(?:ai|llm|genai|ai[-_ ]?(?:assisted|generated|authored|written|code)|(?:generated|written|assisted)[-_ ]?(?:by|with)[-_ ]?(?:ai|llm))$/i;

/** Evidence from a change's labels (`ai-assisted`, `copilot`, `claude` …), of medium strength. */
export function labelEvidence(labels: readonly string[]): Evidence[] {
  const out: Evidence[] = [];
  for (const label of labels) {
    if (NEGATIVE_LABEL.test(label.trim())) continue;
    const tool = toolNamedExactly(label) ?? (GENERIC_AI_LABEL.test(label.trim()) ? 'unknown' : undefined);
    if (tool) out.push({ tool, kind: 'label', text: `label: ${label}`, strength: 'medium' });
  }
  return out;
}

/** Provenance of a change: AI-assisted if any commit (or a label) is, the tools of all, and the AI share of commits. */
export function changeProvenance(
  commits: readonly Commit[],
  extra: readonly ProvenancePattern[],
  labels: readonly string[] = [],
  exclude: readonly string[] = [],
): Provenance {
  const perCommit = commits.map((commit) => commitProvenance(commit, extra, exclude));
  const fromLabels = labelEvidence(labels);
  const aiCommits = perCommit.filter((commit) => commit.aiAssisted).length;
  const tools = new Set<string>(toolsOf(fromLabels));
  for (const commit of perCommit) for (const tool of commit.tools) tools.add(tool);
  const provenance: Provenance = {
    aiAssisted: aiCommits > 0 || fromLabels.some(counts),
    tools: [...tools].sort(),
    aiShare: commits.length === 0 ? 0 : aiCommits / commits.length,
    commits: perCommit,
  };
  if (fromLabels.length > 0) provenance.evidence = fromLabels;
  return provenance;
}
