import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { ignores: ['web/src/**'], languageOptions: { globals: { ...globals.node } } },
  // The dashboard runs in the browser: browser globals, not Node's.
  { files: ['web/src/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  // Scripts may name the globals they use in a /* global */ comment; that is not a redeclaration.
  { files: ['**/*.mjs', '**/*.js'], rules: { 'no-redeclare': ['error', { builtinGlobals: false }] } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs*', 'node:child_process', 'node:net', 'node:http*', 'fs', 'child_process'],
              message: 'src/core is pure: no I/O.',
            },
            {
              group: ['**/adapters/**', '**/interfaces/**', 'better-sqlite3', 'pg', 'kysely'],
              message: 'src/core must not depend on adapters or interfaces.',
            },
          ],
        },
      ],
    },
  },
);
