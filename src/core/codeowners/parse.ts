import type { OwnerRule } from '../model.js';
import { compilePattern } from './pattern.js';

/** A problem on one line of a CODEOWNERS file; the line is skipped, as GitHub does. */
export interface CodeownersError {
  file: string;
  line: number;
  message: string;
}

/** The rules of a CODEOWNERS file in file order, and the lines that were skipped. */
export interface ParsedCodeowners {
  rules: OwnerRule[];
  errors: CodeownersError[];
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const EMAIL = /^[^\s@]+@[^\s@/]+\.[^\s@/]+$/;

/** Whether an owner is written as `@user`, `@org/team` or an email address. */
export function isValidOwner(owner: string): boolean {
  return USER.test(owner) || TEAM.test(owner) || EMAIL.test(owner);
}

/** Splits a line on unescaped whitespace; the pattern keeps its backslashes for the compiler. */
function tokens(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length) {
      current += ch + (line[++i] as string);
    } else if (ch === ' ' || ch === '\t') {
      if (current) out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current) out.push(current);
  return out;
}

/** Parses a CODEOWNERS file: comments, escapes, owner syntax; every bad line is reported with its number. */
export function parseCodeowners(text: string, file: string): ParsedCodeowners {
  const rules: OwnerRule[] = [];
  const errors: CodeownersError[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const content = (lines[index] as string).trim();
    if (content === '' || content.startsWith('#')) continue;
    const parts = tokens(content);
    const pattern = parts[0] as string;
    const owners: string[] = [];
    for (const part of parts.slice(1)) {
      // An owner never starts with `#`, so from here on the line is a trailing comment.
      if (part.startsWith('#')) break;
      owners.push(part);
    }
    if (pattern.startsWith('!')) {
      errors.push({ file, line, message: `negated pattern "${pattern}" is not supported in CODEOWNERS` });
      continue;
    }
    if (compilePattern(pattern) === undefined) {
      errors.push({ file, line, message: `pattern "${pattern}" matches no path` });
      continue;
    }
    const invalid = owners.filter((owner) => !isValidOwner(owner));
    if (invalid.length > 0) {
      errors.push({
        file,
        line,
        message: `invalid owner ${invalid.map((owner) => `"${owner}"`).join(', ')} (expected @user, @org/team or an email)`,
      });
      continue;
    }
    rules.push({ pattern, owners, line });
  }
  return { rules, errors };
}
