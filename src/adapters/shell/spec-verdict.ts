import { surroundings } from '../../core/actions/classifiers/command-factory.js';
import { classifyCommand } from '../../core/actions/classifiers/index.js';
import type { SqlAnalyzer } from '../../core/actions/classifiers/sql-analyzer.js';
import type { ActionSurroundings } from '../../core/actions/types.js';
import { createShellParser } from './index.js';

const parser = createShellParser();
const deps = { sql: { analyze: () => ({ statements: [], errors: [] }) } satisfies SqlAnalyzer };

/** For specs: a line judged the way the gate judges it (held on a parse error, an unknowable part or a destructive/self-protection operation). */
export function verdict(
  line: string,
  where: ActionSurroundings = surroundings(),
): { held: boolean; self: boolean; reasons: string[] } {
  const parsed = parser.parse(line);
  const ops = parsed.commands.flatMap((c) => classifyCommand(c, where, deps));
  const risky = ops.filter((op) => op.destructive || op.selfProtection === true);
  return {
    held: parsed.errors.length > 0 || parsed.unknowable.length > 0 || risky.length > 0,
    self: ops.some((op) => op.selfProtection === true),
    reasons: [...parsed.errors, ...parsed.unknowable, ...risky.map((op) => op.summary)],
  };
}
