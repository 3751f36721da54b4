/**
 * `blastwall demo` as a library: seed an example organisation through the server's own routes, then
 * serve it. The browser tests and the CLI verb both start here.
 */
export {
  startDemo,
  isSeeded,
  reissueReviewerToken,
  type DemoOptions,
  type RunningDemo,
} from './start-demo.js';
export { seedDemo, type DemoSize, type SeedOptions, type SeedSummary } from './seed.js';
export { DEMO_REVIEWER } from './organisation.js';
