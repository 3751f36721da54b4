import type { Evidence } from '../model.js';
import { normaliseToolId, toolsNamedIn } from './tools.js';

/**
 * Evidence from a git-ai authorship note (`refs/notes/ai`). The note (Git AI Standard,
 * `authorship/3.x`) is an attestation section — file paths with prompt ids and line ranges — then a
 * line `---`, then JSON whose `prompts` map each prompt id to `{ agent_id: { tool, id, model }, … }`.
 * A note with no prompts records a human-only commit and yields no evidence.
 */
export function gitAiNoteEvidence(note: string | undefined): Evidence[] {
  if (note === undefined || note.trim() === '') return [];
  const metadata = parseMetadata(note);
  if (metadata !== undefined) return fromPrompts(metadata);
  // An unreadable or older note: take the tool ids it declares, else tool names it mentions.
  const declared = [...note.matchAll(/"tool"\s*:\s*"([^"]{1,64})"/g)].map((match) => match[1] as string);
  if (declared.length > 0) {
    return unique(declared.map(normaliseToolId)).map((tool) =>
      evidence(tool, `refs/notes/ai: tool "${tool}"`, 'strong'),
    );
  }
  return toolsNamedIn(note).map((tool) => evidence(tool, `refs/notes/ai mentions ${tool}`, 'medium'));
}

interface NoteMetadata {
  prompts?: Record<string, { agent_id?: { tool?: unknown; model?: unknown } } | null>;
}

function parseMetadata(note: string): NoteMetadata | undefined {
  const lines = note.split(/\r?\n/);
  // The last `---` line: pretty-printed JSON never has one, while a file path in the attestation could.
  const separator = lines.findLastIndex((line) => line.trim() === '---');
  const json = (separator >= 0 ? lines.slice(separator + 1) : lines).join('\n').trim();
  if (!json.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as NoteMetadata)
      : undefined;
  } catch {
    return undefined;
  }
}

function fromPrompts(metadata: NoteMetadata): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const prompt of Object.values(metadata.prompts ?? {})) {
    const agent = prompt?.agent_id;
    if (typeof agent?.tool !== 'string' || agent.tool.trim() === '') continue;
    const tool = normaliseToolId(agent.tool);
    const model = typeof agent.model === 'string' && agent.model ? ` (${agent.model})` : '';
    const text = `refs/notes/ai: ${agent.tool}${model}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(evidence(tool, text, 'strong'));
  }
  return out;
}

function evidence(tool: string, text: string, strength: Evidence['strength']): Evidence {
  return { tool, kind: 'git-ai-note', text, strength };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
