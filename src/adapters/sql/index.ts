/** SQL analysis over libpg-query, with a keyword reader for MySQL/SQLite syntax. */
export { createSqlAnalyzer } from './pg-analyzer.js';
export { classifyByTokens, splitStatements } from './fallback-tokenizer.js';
