import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The hook verb records writes on every allowed edit: its module graph holds the attestation writer, never the
// reader (verifying, checkpoints, notes), which only `check` needs.
const SRC = join(import.meta.dirname, '..', '..');

describe('the hook verb’s modules', () => {
  it('include the attestation writer and outbox, not the store reader, checkpoints or notes', async () => {
    const result = await build({
      entryPoints: [join(SRC, 'interfaces', 'cli', 'commands', 'hook.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      metafile: true,
      packages: 'external',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).map((file) => file.replace(/^.*src\//, 'src/'));

    expect(inputs).toEqual(
      expect.arrayContaining(['src/adapters/attest/append.ts', 'src/adapters/attest/outbox.ts']),
    );
    for (const reader of ['store.ts', 'checkpoint.ts', 'notes.ts', 'added-lines.ts'])
      expect(inputs).not.toContain(`src/adapters/attest/${reader}`);
  });
});
