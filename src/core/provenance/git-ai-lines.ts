import { normaliseToolId } from './tools.js';

/** Lines of one file a git-ai note says an AI prompt wrote, as 1-based line numbers in the commit's file. */
export interface GitAiLines {
  file: string;
  prompt: string;
  /** The agent that prompt ran in (normalised tool id), when the note's metadata says. */
  tool?: string;
  lines: number[];
}

// Ranges wider than this are not believed: a note is data from the repository, and a range is expanded per line.
const MAX_LINES_PER_ENTRY = 100_000;

/**
 * The line ranges of a git-ai authorship note (`refs/notes/ai`, `authorship/3.x`): before the last `---`, a file
 * path on its own line, then indented entries `<prompt id> <ranges>` (`2,35-36`). Notes without ranges (older
 * formats) yield nothing. Pure.
 */
export function gitAiLineRanges(note: string | undefined): GitAiLines[] {
  if (note === undefined) return [];
  const lines = note.split(/\r?\n/);
  const separator = lines.findLastIndex((line) => line.trim() === '---');
  if (separator < 0) return [];
  const tools = promptTools(lines.slice(separator + 1).join('\n'));
  const out: GitAiLines[] = [];
  let file: string | undefined;
  for (const line of lines.slice(0, separator)) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      file = line.trim().replace(/^"(.*)"$/, '$1');
      continue;
    }
    const entry = /^\s+(\S+)\s+([\d,\s-]+)$/.exec(line);
    if (!entry || file === undefined) continue;
    const numbers = expand(entry[2]!);
    if (numbers.length === 0) continue;
    const tool = tools.get(entry[1]!);
    out.push({ file, prompt: entry[1]!, ...(tool !== undefined && { tool }), lines: numbers });
  }
  return out;
}

function expand(ranges: string): number[] {
  const out: number[] = [];
  for (const part of ranges.split(',')) {
    const match = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(part);
    if (!match) continue;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 1 || to < from || to - from >= MAX_LINES_PER_ENTRY) continue;
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}

function promptTools(json: string): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const parsed = JSON.parse(json) as { prompts?: Record<string, { agent_id?: { tool?: unknown } } | null> };
    for (const [id, prompt] of Object.entries(parsed.prompts ?? {})) {
      const tool = prompt?.agent_id?.tool;
      if (typeof tool === 'string' && tool.trim() !== '') out.set(id, normaliseToolId(tool));
    }
  } catch {
    // No metadata: the ranges still say the lines were AI-written, by an unnamed agent.
  }
  return out;
}
