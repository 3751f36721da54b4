// A WHERE that restricts nothing is no WHERE: `DELETE FROM t WHERE 1=1` empties t as surely as `DELETE FROM t`.
// Pure text reading, shared by the SQL analyzer (adapters) and the non-SQL query languages read in core (Cypher).

const CLAUSE = /\bWHERE\b([\s\S]*?)(?:\bORDER\s+BY\b|\bLIMIT\b|\bRETURNING\b|\bGROUP\s+BY\b|;|$)/i;

/** True when one disjunct holds for every row: a true literal, `x = x`, `x IS NOT NULL`, `x LIKE '%'`, a true comparison of numbers. */
function alwaysTrue(term: string): boolean {
  const t = term
    .trim()
    .replace(/^\(+|\)+$/g, '')
    .trim();
  if (/^(?:true|1|'[^']*'|not\s+false|not\s+0)$/i.test(t)) return true;
  if (/^[\w."`[\]]+\s+is\s+not\s+null$/i.test(t) || /^[\w."`[\]]+\s+like\s+'%+'$/i.test(t)) return true;
  const comparison = /^(.+?)\s*(=|==|<>|!=|>=|<=|>|<)\s*(.+)$/.exec(t);
  if (comparison === null) return false;
  const [, left = '', op = '', right = ''] = comparison;
  if (left.trim().toLowerCase() === right.trim().toLowerCase()) return ['=', '==', '>=', '<='].includes(op);
  const a = Number(left);
  const b = Number(right);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return (
    {
      '=': a === b,
      '==': a === b,
      '<>': a !== b,
      '!=': a !== b,
      '>=': a >= b,
      '<=': a <= b,
      '>': a > b,
      '<': a < b,
    }[op] ?? false
  );
}

/** True when a statement's WHERE clause restricts no row (any OR-branch always true, or `x IS NULL OR x IS NOT NULL`). */
export function whereRestrictsNothing(statement: string): boolean {
  const match = CLAUSE.exec(
    statement.replace(/'(?:''|[^'])*'/g, (s) => (s === "'%'" || /^'%+'$/.test(s) ? s : "'s'")),
  );
  if (match === null) return false;
  const clause = match[1] ?? '';
  if (/\band\b/i.test(clause)) return false;
  const terms = clause.split(/\bor\b/i);
  if (terms.some(alwaysTrue)) return true;
  const nulls = terms.map((t) => /^\s*\(?\s*([\w."`]+)\s+is\s+(not\s+)?null\s*\)?\s*$/i.exec(t));
  const isNull = new Set(
    nulls.filter((m) => m !== null && m[2] === undefined).map((m) => m?.[1]?.toLowerCase()),
  );
  return nulls.some((m) => m !== null && m[2] !== undefined && isNull.has(m[1]?.toLowerCase()));
}
