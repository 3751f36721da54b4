import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'web/src/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    // Hook processes the tests start decide in-process: a warm hook daemon started by one test would outlive
    // the suite (it idles for 30 minutes) and answer for the next. test/hook-daemon.spec.ts starts its own
    // daemons with an environment of its own, and stops them.
    env: { BLASTWALL_HOOK_DAEMON: '0' },
  },
});
