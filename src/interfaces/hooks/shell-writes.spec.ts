import { describe, expect, it } from 'vitest';
import { shellWrites } from './shell-writes.js';

describe('shellWrites', () => {
  it.each([
    [
      'a heredoc copied by cat',
      "cat > src/a.ts <<'EOF'\nexport const a = 1;\nexport const b = 2;\nEOF",
      [{ file: '/w/src/a.ts', text: 'export const a = 1;\nexport const b = 2;\n', replaces: 'file' }],
    ],
    [
      'a heredoc through tee -a',
      "tee -a notes.md <<'EOF'\nshipped the retry fix\nEOF",
      [{ file: '/w/notes.md', text: 'shipped the retry fix\n', replaces: '' }],
    ],
    [
      'echo of literal words',
      "echo 'const limit = 10;' >> src/limits.ts",
      [{ file: '/w/src/limits.ts', text: 'const limit = 10;', replaces: '' }],
    ],
  ])('records %s', (_, command, expected) => {
    expect(shellWrites(command, '/w')).toEqual(expected);
  });

  it.each([
    ['a computed echo', 'echo "$VALUE" > src/a.ts'],
    ['a copy', 'cp other.ts src/a.ts'],
    ['a generator piped into a file', 'generate | tee src/a.ts'],
    ['output thrown away', 'echo hello > /dev/null'],
    ['no redirection', 'echo hello'],
  ])('records nothing for %s (its content is not on the line)', (_, command) => {
    expect(shellWrites(command, '/w')).toEqual([]);
  });
});
