import { whereRestrictsNothing } from '../../core/actions/classifiers/where.js';
import type { SqlStatementInfo } from '../../core/actions/classifiers/sql-analyzer.js';
import { warehouseStatement } from './warehouse-statements.js';

/** Splits SQL into statements on `;`, ignoring semicolons inside quotes and comments. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i] ?? '';
    if (quote !== undefined) {
      current += ch;
      if (ch === '\\' && quote !== '`') {
        current += sql[++i] ?? '';
      } else if (ch === quote) {
        quote = undefined;
      }
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      current += ' ';
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      current += ' ';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    if (ch === ';') {
      if (current.trim() !== '') out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}

/** Upper-cased keyword words of a statement with quoted text blanked out. */
function words(statement: string): string[] {
  const blanked = statement.replace(/'(?:\\.|''|[^'\\])*'/g, "''");
  return blanked.split(/[\s(),]+/).filter((w) => w !== '');
}

function bare(name: string | undefined): string | undefined {
  return name?.replace(/[`"[\]]/g, '');
}

/** Classifies one statement by its leading keywords, for dialects or syntax the PostgreSQL parser rejects. */
export function classifyByTokens(statement: string): SqlStatementInfo {
  const warehouse = warehouseStatement(statement);
  if (warehouse !== undefined) return warehouse;
  const raw = words(statement);
  const upper = raw.map((w) => w.toUpperCase());
  const [first = '', second = '', third = ''] = upper;
  const hasWhere = upper.includes('WHERE');
  if (first === 'DROP') {
    const objectType = second === 'TEMPORARY' || second === 'TEMP' ? third : second;
    const nameAt = upper.indexOf('EXISTS') >= 0 ? upper.indexOf('EXISTS') + 1 : upper.indexOf(objectType) + 1;
    const object = bare(raw[nameAt]);
    const harmless = ['INDEX', 'VIEW', 'TRIGGER', 'FUNCTION', 'PROCEDURE', 'EVENT'].includes(objectType);
    return {
      kind: `DROP ${objectType}`,
      ...(object ? { object } : {}),
      destructive: !harmless,
      reversible: harmless,
      summary: `DROP ${objectType} ${object ?? ''}`.trim(),
    };
  }
  if (first === 'TRUNCATE') {
    const object = bare(second === 'TABLE' ? raw[2] : raw[1]);
    return {
      kind: 'TRUNCATE',
      ...(object ? { object } : {}),
      destructive: true,
      reversible: false,
      summary: `TRUNCATE ${object ?? ''}`.trim(),
    };
  }
  if (first === 'DELETE') {
    const fromAt = upper.indexOf('FROM');
    const object = bare(raw[fromAt + 1]);
    return {
      kind: 'DELETE',
      ...(object ? { object } : {}),
      destructive: !hasWhere,
      reversible: false,
      summary: `DELETE FROM ${object ?? ''}${hasWhere ? '' : ' without WHERE'}`,
    };
  }
  if (first === 'UPDATE') {
    const object = bare(raw[1]);
    return {
      kind: 'UPDATE',
      ...(object ? { object } : {}),
      destructive: !hasWhere,
      reversible: false,
      summary: `UPDATE ${object ?? ''}${hasWhere ? '' : ' without WHERE'}`,
    };
  }
  // ClickHouse mutations (`ALTER TABLE t [ON CLUSTER c] DELETE WHERE …`, `… UPDATE x = 1 WHERE …`) are a DELETE and
  // an UPDATE by another spelling: read as those, so a WHERE that restricts nothing is no WHERE there too
  const mutation =
    first === 'ALTER' && second === 'TABLE' ? upper.find((w) => w === 'DELETE' || w === 'UPDATE') : undefined;
  if (mutation !== undefined && !upper.includes('DROP')) {
    const object = bare(upper[2] === 'IF' ? raw[4] : raw[2]);
    return {
      kind: mutation,
      ...(object ? { object } : {}),
      destructive: !hasWhere,
      reversible: false,
      summary: `ALTER TABLE ${object ?? ''} ${mutation}${hasWhere ? '' : ' without WHERE'}`,
    };
  }
  if (first === 'ALTER' && second === 'TABLE' && upper.includes('DROP')) {
    const object = bare(raw[2] === undefined ? undefined : upper[2] === 'IF' ? raw[4] : raw[2]);
    const dropAt = upper.indexOf('DROP');
    const what = upper[dropAt + 1] ?? '';
    const destructive = ![
      'CONSTRAINT',
      'INDEX',
      'KEY',
      'FOREIGN',
      'PRIMARY',
      'DEFAULT',
      'CHECK',
      'NOT',
    ].includes(what);
    return {
      kind: 'ALTER TABLE DROP',
      ...(object ? { object } : {}),
      destructive,
      reversible: !destructive,
      summary: `ALTER TABLE ${object ?? ''} DROP ${raw[dropAt + 1] === 'COLUMN' ? (raw[dropAt + 2] ?? '') : (raw[dropAt + 1] ?? '')}`,
    };
  }
  // MySQL's `REPLACE INTO` is an upsert (overwrites are read by warehouseStatement above)
  if (first === 'REPLACE') return { kind: first, destructive: false, reversible: true, summary: first };
  return { kind: first || 'EMPTY', destructive: false, reversible: true, summary: first };
}

/** An analyzer that reads SQL by keywords only: used when the PostgreSQL parser was not loaded for speed. */
export function keywordSqlAnalyzer(): {
  analyze(sql: string): { statements: SqlStatementInfo[]; errors: string[] };
} {
  return {
    analyze: (sql) => ({
      statements: splitStatements(sql).map((text) => {
        const info = classifyByTokens(text);
        const vacuous =
          (info.kind === 'DELETE' || info.kind === 'UPDATE') &&
          !info.destructive &&
          whereRestrictsNothing(text);
        return vacuous
          ? { ...info, destructive: true, summary: `${info.summary} with a WHERE that restricts nothing` }
          : info;
      }),
      errors: [],
    }),
  };
}
