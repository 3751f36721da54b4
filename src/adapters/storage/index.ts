export {
  openStore,
  openDatabase,
  resolveDbSpec,
  describeSpec,
  isPostgresSpec,
  DEFAULT_SQLITE_PATH,
} from './open-store.js';
export { migrateToLatest, MIGRATION_NAMES } from './migrations.js';
export { hashToken, generateToken } from './tokens.js';
export type * from './types.js';
export { TOKEN_ROLES } from './types.js';
