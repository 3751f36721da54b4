import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { layerZones, pureCoreImports, testSupportZone } from './eslint/layers.js';

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
  // Imports are resolved the way tsc resolves them (`./x.js` names `./x.ts`), so the layer and cycle rules
  // see the real files.
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // import-x follows only the extensions it is told of (JavaScript's by default).
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [`${import.meta.dirname}/tsconfig.json`, `${import.meta.dirname}/web/tsconfig.json`],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      // An import cycle is a bug (STYLE.md). Type-only imports are erased and do not count.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  // Dependencies point inward: interfaces → app → adapters → core. Tests keep to their layer too; only
  // shipped code is kept away from src/test-support, which the build leaves out of dist.
  {
    files: ['src/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...layerZones, testSupportZone] }] },
  },
  {
    files: ['src/**/*.spec.ts', 'src/test-support/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  // Core is pure: no I/O modules, no drivers, no process. Its specs may read fixture data.
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', pureCoreImports],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core is pure: take the environment, argv or clock as a parameter.' },
      ],
    },
  },
);
