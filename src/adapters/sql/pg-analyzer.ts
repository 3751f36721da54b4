import { whereRestrictsNothing } from '../../core/actions/classifiers/where.js';
import { loadModule, parseSync } from 'libpg-query';
import type {
  SqlAnalyzer,
  SqlDialect,
  SqlStatementInfo,
} from '../../core/actions/classifiers/sql-analyzer.js';
import { classifyByTokens, splitStatements } from './fallback-tokenizer.js';
import { warehouseStatement } from './warehouse-statements.js';

type Node = Record<string, unknown>;

const DROP_TYPES: Record<string, string> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_SCHEMA: 'SCHEMA',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_TYPE: 'TYPE',
  OBJECT_EXTENSION: 'EXTENSION',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
  OBJECT_DOMAIN: 'DOMAIN',
};
// dropping these loses no data: they can be recreated from their definitions
const HARMLESS_DROPS: Record<string, string> = {
  OBJECT_INDEX: 'INDEX',
  OBJECT_VIEW: 'VIEW',
  OBJECT_TRIGGER: 'TRIGGER',
  OBJECT_FUNCTION: 'FUNCTION',
  OBJECT_PROCEDURE: 'PROCEDURE',
};

function nameOf(objects: unknown): string | undefined {
  const first = Array.isArray(objects) ? (objects[0] as Node | undefined) : undefined;
  if (first === undefined) return undefined;
  const list = (first['List'] as { items?: Node[] } | undefined)?.items;
  const parts = (list ?? [first])
    .map((item) => (item['String'] as { sval?: string } | undefined)?.sval)
    .filter((s): s is string => s !== undefined);
  return parts.length > 0 ? parts.join('.') : undefined;
}

function relname(node: unknown): string | undefined {
  const rel = node as { relname?: string; schemaname?: string } | undefined;
  if (rel?.relname === undefined) return undefined;
  return rel.schemaname !== undefined ? `${rel.schemaname}.${rel.relname}` : rel.relname;
}

/** Turns one libpg-query statement node into what blastwall needs to know. */
function describe(stmt: Node): SqlStatementInfo {
  const [type = 'Unknown', body = {}] = Object.entries(stmt)[0] ?? [];
  const node = body as Node;
  switch (type) {
    case 'DropStmt': {
      const removeType = String(node['removeType'] ?? '');
      const object = nameOf(node['objects']);
      const harmless = HARMLESS_DROPS[removeType];
      const word = harmless ?? DROP_TYPES[removeType] ?? removeType.replace('OBJECT_', '');
      const cascade = node['behavior'] === 'DROP_CASCADE' ? ' CASCADE' : '';
      return {
        kind: `DROP ${word}`,
        ...(object ? { object } : {}),
        destructive: harmless === undefined,
        reversible: harmless !== undefined,
        summary: `DROP ${word} ${object ?? ''}${cascade}`.trim(),
      };
    }
    case 'DropdbStmt': {
      const object = String(node['dbname'] ?? '');
      return {
        kind: 'DROP DATABASE',
        object,
        destructive: true,
        reversible: false,
        summary: `DROP DATABASE ${object}`,
      };
    }
    case 'TruncateStmt': {
      const relations = (node['relations'] as { RangeVar?: unknown }[] | undefined) ?? [];
      const object = relations
        .map((r) => relname(r.RangeVar))
        .filter(Boolean)
        .join(', ');
      return {
        kind: 'TRUNCATE',
        object,
        destructive: true,
        reversible: false,
        summary: `TRUNCATE ${object}`,
      };
    }
    case 'DeleteStmt':
    case 'UpdateStmt': {
      const object = relname(node['relation']);
      const verb = type === 'DeleteStmt' ? 'DELETE' : 'UPDATE';
      const unbounded = node['whereClause'] === undefined;
      return {
        kind: verb,
        ...(object ? { object } : {}),
        destructive: unbounded,
        reversible: false,
        summary: `${verb}${verb === 'DELETE' ? ' FROM' : ''} ${object ?? ''}${unbounded ? ' without WHERE' : ''}`,
      };
    }
    case 'AlterTableStmt': {
      const object = relname(node['relation']);
      const cmds =
        (node['cmds'] as { AlterTableCmd?: { subtype?: string; name?: string } }[] | undefined) ?? [];
      const drops = cmds.map((c) => c.AlterTableCmd).filter((c) => c?.subtype === 'AT_DropColumn');
      if (drops.length > 0) {
        const columns = drops.map((c) => c?.name).join(', ');
        return {
          kind: 'ALTER TABLE DROP COLUMN',
          ...(object ? { object } : {}),
          destructive: true,
          reversible: false,
          summary: `ALTER TABLE ${object ?? ''} DROP COLUMN ${columns}`,
        };
      }
      return {
        kind: 'ALTER TABLE',
        ...(object ? { object } : {}),
        destructive: false,
        reversible: true,
        summary: `ALTER TABLE ${object ?? ''}`,
      };
    }
    case 'DropOwnedStmt':
      return {
        kind: 'DROP OWNED',
        destructive: true,
        reversible: false,
        summary: 'DROP OWNED (every object the role owns)',
      };
    default:
      return {
        kind: type.replace(/Stmt$/, '').toUpperCase(),
        destructive: false,
        reversible: true,
        summary: type.replace(/Stmt$/, ''),
      };
  }
}

/** Parses with the PostgreSQL parser; statements it rejects are read by keywords instead. */
function analyze(sql: string, dialect: SqlDialect): { statements: SqlStatementInfo[]; errors: string[] } {
  const result = parseAll(sql, dialect);
  const texts = splitStatements(sql);
  if (texts.length === result.statements.length)
    result.statements = result.statements.map((info, i) => unrestricted(info, texts[i] ?? ''));
  return result;
}

/** A DELETE or UPDATE whose WHERE restricts nothing (`WHERE 1=1`) is read as one without WHERE. */
export function unrestricted(info: SqlStatementInfo, text: string): SqlStatementInfo {
  if ((info.kind !== 'DELETE' && info.kind !== 'UPDATE') || info.destructive || !whereRestrictsNothing(text))
    return info;
  return { ...info, destructive: true, summary: `${info.summary} with a WHERE that restricts nothing` };
}

function parseAll(sql: string, dialect: SqlDialect): { statements: SqlStatementInfo[]; errors: string[] } {
  // a warehouse statement the parser would read as harmless (`COPY … TO 's3://…'`, `CALL …expire_snapshots`) is
  // read statement by statement, where warehouseStatement comes first
  const whole =
    dialect === 'postgres' && !splitStatements(sql).some((t) => warehouseStatement(t) !== undefined);
  if (whole) {
    try {
      const result = parseSync(sql) as { stmts?: { stmt?: Node }[] };
      return { statements: (result.stmts ?? []).map((s) => describe(s.stmt ?? {})), errors: [] };
    } catch {
      // fall through to statement-by-statement reading so one odd statement does not hide the rest
    }
  }
  const statements: SqlStatementInfo[] = [];
  const errors: string[] = [];
  for (const text of splitStatements(sql)) {
    let info: SqlStatementInfo | undefined = warehouseStatement(text);
    if (info === undefined)
      try {
        const result = parseSync(text) as { stmts?: { stmt?: Node }[] };
        info = result.stmts?.[0]?.stmt !== undefined ? describe(result.stmts[0].stmt) : undefined;
      } catch (error) {
        if (dialect === 'postgres') errors.push(error instanceof Error ? error.message : String(error));
      }
    statements.push(info ?? classifyByTokens(text));
  }
  return { statements, errors };
}

let loaded: Promise<void> | undefined;

/** Loads the PostgreSQL parser once (WebAssembly) and returns a synchronous analyzer. */
export async function createSqlAnalyzer(): Promise<SqlAnalyzer> {
  loaded ??= loadModule();
  await loaded;
  return { analyze };
}
