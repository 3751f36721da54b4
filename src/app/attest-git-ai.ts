import { runGit } from '../adapters/git/run-git.js';
import type { Change } from '../core/model.js';
import { contentLines, lineHash, type AttestationRecord } from '../core/provenance/attestation.js';
import { gitAiLineRanges } from '../core/provenance/git-ai-lines.js';

/**
 * git-ai's line ranges (`refs/notes/ai`) as records to match a change's added lines against: the text of each
 * range, read from the file as of that commit, hashed like the hooks' lines. git-ai notes are not signed; like
 * blastwall's own notes they can only add AI-written lines, never remove any, so a forged note only asks for more
 * review. Their evidence names git-ai in the session (`git-ai prompt <id>`).
 */
export async function gitAiRecords(repo: string, change: Change): Promise<AttestationRecord[]> {
  const records: AttestationRecord[] = [];
  for (const commit of change.commits) {
    const ranges = gitAiLineRanges(commit.aiNote);
    if (ranges.length === 0) continue;
    const files = new Map<string, string[] | undefined>();
    for (const range of ranges) {
      if (!files.has(range.file)) {
        const text = await runGit(repo, ['show', `${commit.sha}:${range.file}`], { allowFailure: true });
        files.set(range.file, text === '' ? undefined : text.split('\n'));
      }
      const text = files.get(range.file);
      if (!text) continue;
      const lines = range.lines
        .map((n) => text[n - 1])
        .filter((line): line is string => line !== undefined)
        .flatMap((line) => contentLines(line))
        .map(lineHash);
      if (lines.length === 0) continue;
      records.push({
        v: 1,
        file: range.file,
        lines,
        agent: range.tool ?? 'unknown-agent',
        tool: 'git-ai',
        session: `git-ai prompt ${range.prompt}`,
        at: new Date(commit.authoredAt * 1000).toISOString(),
      });
    }
  }
  return records;
}
