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

/** The file paths named by an apply_patch body (`*** Add File:`, `*** Update File:`, `*** Delete File:`, `*** Move to:`). */
export function patchFiles(patch: string): { path: string; access: 'write' | 'delete' }[] {
  const files: { path: string; access: 'write' | 'delete' }[] = [];
  for (const line of patch.split(/\r?\n/)) {
    const match = /^\*\*\* (Add File|Update File|Delete File|Move to): (.+)$/.exec(line.trim());
    if (match?.[1] && match[2])
      files.push({ path: match[2].trim(), access: match[1] === 'Delete File' ? 'delete' : 'write' });
  }
  return files;
}
