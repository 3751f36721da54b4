// The architecture as lint rules: which layer may import which, and what "pure" means for src/core.
// eslint.config.js applies them; test/lint-layers.spec.ts shows that a file breaking each one fails lint.
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** For each layer, the layers it must not import (dependencies point inward). */
const FORBIDDEN = {
  core: ['app', 'interfaces', 'adapters'],
  adapters: ['app', 'interfaces'],
  app: ['interfaces'],
};

const LAYER_PAIRS = Object.entries(FORBIDDEN).flatMap(([layer, banned]) =>
  banned.map((from) => ({ layer, from })),
);

function zone({ layer, from }) {
  return {
    target: join(ROOT, 'src', layer),
    from: join(ROOT, 'src', from),
    message: `src/${layer} must not import src/${from}: dependencies point inward (interfaces → app → adapters → core).`,
  };
}

/** Every layer rule, as import-x/no-restricted-paths zones. */
export const layerZones = LAYER_PAIRS.map(zone);

/** Shipped code never imports test helpers: the build leaves src/test-support out of dist. */
export const testSupportZone = {
  target: join(ROOT, 'src'),
  from: join(ROOT, 'src', 'test-support'),
  message: 'src/test-support is left out of dist: only specs and other test helpers may import it.',
};

// Node modules that reach the file system, processes, the network, threads or the host.
const NODE_IO = [
  'fs',
  'child_process',
  'net',
  'tls',
  'dgram',
  'dns',
  'http',
  'https',
  'http2',
  'os',
  'worker_threads',
  'cluster',
  'readline',
  'process',
  'inspector',
  'v8',
  'vm',
];

// Drivers and clients for the outside world; adapters wrap them.
const DRIVERS = [
  'better-sqlite3',
  'pg',
  'kysely',
  'libpg-query',
  'esbuild',
  'hono',
  '@hono/*',
  '@octokit/*',
  '@modelcontextprotocol/*',
  'playwright-core',
];

/** no-restricted-imports options that keep src/core free of I/O. */
export const pureCoreImports = {
  patterns: [
    {
      regex: `^(node:)?(${NODE_IO.join('|')})(/.*)?$`,
      message:
        'src/core is pure: no file system, processes, network, threads or host. Take it as a parameter.',
    },
    {
      group: DRIVERS,
      message: 'src/core is pure: drivers and clients belong in src/adapters.',
    },
  ],
};
