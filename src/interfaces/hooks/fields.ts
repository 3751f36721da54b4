/** Reads the first of `keys` that holds a non-empty string in a tool's input object. */
export function stringField(
  input: Record<string, unknown> | undefined,
  ...keys: string[]
): string | undefined {
  if (!input) return undefined;
  for (const key of keys) {
    const value = input[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** One file section of an apply_patch body: what it does, where it lands, and its `+`/`-` lines. */
export interface PatchSection {
  op: 'add' | 'update' | 'delete';
  path: string;
  /** `*** Move to:` — where an updated file ends up. */
  moveTo?: string;
  added: string[];
  removed: string[];
}

/**
 * Reads an apply_patch body (`*** Add File:`, `*** Update File:`, `*** Delete File:`, `*** Move to:`) once, for
 * every reader: the gate's file accesses (patchFiles) and the attested writes (attest-writes.ts).
 */
export function parsePatch(patch: string): PatchSection[] {
  const sections: PatchSection[] = [];
  let current: PatchSection | undefined;
  for (const raw of patch.split(/\r?\n/)) {
    const header = /^\*\*\* (Add|Update|Delete) File: (.+)$/.exec(raw.trim());
    if (header?.[1] && header[2]) {
      const op = header[1] === 'Add' ? 'add' : header[1] === 'Update' ? 'update' : 'delete';
      current = { op, path: header[2].trim(), added: [], removed: [] };
      sections.push(current);
      continue;
    }
    const move = /^\*\*\* Move to: (.+)$/.exec(raw.trim());
    if (move?.[1] && current !== undefined) current.moveTo = move[1].trim();
    else if (raw.startsWith('*** ')) current = undefined;
    else if (current && raw.startsWith('+')) current.added.push(raw.slice(1));
    else if (current && raw.startsWith('-')) current.removed.push(raw.slice(1));
  }
  return sections;
}

/** The file paths named by an apply_patch body, with how each is accessed (a move writes both places). */
export function patchFiles(patch: string): { path: string; access: 'write' | 'delete' }[] {
  return parsePatch(patch).flatMap((section) => [
    { path: section.path, access: section.op === 'delete' ? ('delete' as const) : ('write' as const) },
    ...(section.moveTo !== undefined ? [{ path: section.moveTo, access: 'write' as const }] : []),
  ]);
}
