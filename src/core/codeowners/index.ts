/** CODEOWNERS with GitHub's semantics: parsing with per-line errors, and a fast last-match-wins matcher. */
export { parseCodeowners, isValidOwner } from './parse.js';
export type { CodeownersError, ParsedCodeowners } from './parse.js';
export { createOwnerMatcher } from './matcher.js';
export type { OwnerMatcher } from './matcher.js';
