import type { SqlStatementInfo } from '../../core/actions/classifiers/sql-analyzer.js';

// Statements of data warehouses and lakes that destroy by other words than DROP, TRUNCATE or DELETE: an overwrite
// (`CREATE OR REPLACE TABLE`, `INSERT OVERWRITE`, an unload over an object in a lake), and table maintenance that
// deletes history (Iceberg's expire_snapshots and remove_orphan_files, Delta's VACUUM below its retention). The
// PostgreSQL parser either rejects them or reads them as harmless (`COPY … TO`, `CALL`), so they are read here first.

/** A URL of a lake or object store (`s3://bucket/key`, `gs://…`, `abfss://…`, `hdfs://…`, `https://…`). */
const STORE_URL = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
/** Delta's default retention: a VACUUM that keeps less deletes files time travel still needs. */
const DELTA_RETENTION_HOURS = 168;
/** Iceberg (and kin) procedures that delete a table's snapshots or files for good. */
const HISTORY_PROCEDURES =
  /^(?:expire_snapshots|remove_orphan_files|delete_orphan_files|expire_orphan_files)$/i;

function bare(name: string | undefined): string | undefined {
  return name?.replace(/[`"[\]]/g, '');
}

/** A location written as a path-named table (`delta.\`s3://lake/orders\``) or a quoted URL. */
function locationOf(text: string | undefined): string | undefined {
  const inner = /^(?:\w+\.)?[`'"](.+)[`'"]$/.exec(text ?? '')?.[1];
  return inner !== undefined && STORE_URL.test(inner) ? inner : undefined;
}

function info(
  kind: string,
  summary: string,
  object: string | undefined,
  location?: string,
): SqlStatementInfo {
  return {
    kind,
    ...(object !== undefined ? { object } : {}),
    ...(location !== undefined ? { location } : {}),
    destructive: true,
    reversible: false,
    summary,
  };
}

/** `CREATE OR REPLACE [TRANSIENT] TABLE|SCHEMA|DATABASE x`, `REPLACE TABLE x`: the old one and its data are gone. */
function replacement(text: string): SqlStatementInfo | undefined {
  const m =
    /^(CREATE\s+OR\s+REPLACE|REPLACE)\s+((?:(?:TRANSIENT|EXTERNAL|DYNAMIC|ICEBERG|HYBRID|GLOBAL|LOCAL|TEMP|TEMPORARY|VOLATILE)\s+)*)(TABLE|SCHEMA|DATABASE)\s+(?:IF\s+NOT\s+EXISTS\s+)?([^\s(]+)/i.exec(
      text,
    );
  if (m === null) return undefined;
  // a temporary table lives for the session that makes it
  if (/\bTEMP(?:ORARY)?\b|\bVOLATILE\b/i.test(m[2] ?? '')) return undefined;
  const what = (m[3] ?? '').toUpperCase();
  const object = bare(m[4]);
  const verb = /^CREATE/i.test(m[1] ?? '') ? 'CREATE OR REPLACE' : 'REPLACE';
  return info(
    `${verb} ${what}`,
    `${verb} ${what} ${object ?? ''} replaces the ${what.toLowerCase()} and everything in it`,
    object,
    locationOf(m[4]),
  );
}

/** `INSERT OVERWRITE [TABLE|INTO] x …` and `INSERT OVERWRITE [LOCAL] DIRECTORY 'path'`: what was there is replaced. */
function overwrite(text: string): SqlStatementInfo | undefined {
  const m =
    /^INSERT\s+OVERWRITE\s+(?:(?:LOCAL\s+)?DIRECTORY\s+('[^']*')|(?:TABLE\s+|INTO\s+)?([^\s(]+))/i.exec(text);
  if (m === null) return undefined;
  if (m[1] !== undefined) {
    const location = locationOf(m[1]);
    return location === undefined
      ? undefined
      : info('INSERT OVERWRITE DIRECTORY', `INSERT OVERWRITE DIRECTORY ${location}`, location, location);
  }
  const object = bare(m[2]);
  return info(
    'INSERT OVERWRITE',
    `INSERT OVERWRITE ${object ?? ''} replaces the rows of the table${/\bPARTITION\b/i.test(text) ? ' (or of the partitions named)' : ''}`,
    object,
    locationOf(m[2]),
  );
}

/** An unload over an object in a lake: `COPY (…) TO 's3://…'`, `COPY INTO 's3://…' FROM …`, `EXPORT DATABASE 'gs://…'`. */
function unload(text: string): SqlStatementInfo | undefined {
  const m = /^COPY\b[\s\S]*?\bTO\s+('[^']*')|^COPY\s+INTO\s+('[^']*')|^EXPORT\s+DATABASE\s+('[^']*')/i.exec(
    text,
  );
  const location = locationOf(m?.[1] ?? m?.[2] ?? m?.[3]);
  if (location === undefined) return undefined;
  return info(
    'COPY TO',
    `${/^EXPORT/i.test(text) ? 'EXPORT DATABASE' : 'COPY'} writes over ${location}`,
    location,
    location,
  );
}

/** `CALL cat.system.expire_snapshots(table => 'db.t', …)`, `ALTER TABLE t EXECUTE remove_orphan_files(…)`. */
function historyMaintenance(text: string): SqlStatementInfo | undefined {
  const call = /^CALL\s+(?:[\w`"]+\.)*([\w`"]+)\s*\(([\s\S]*)\)\s*$/i.exec(text);
  if (call !== null && HISTORY_PROCEDURES.test(bare(call[1]) ?? '')) {
    const args = call[2] ?? '';
    const table = /\btable\s*=>\s*'([^']+)'/i.exec(args)?.[1] ?? /^\s*'([^']+)'/.exec(args)?.[1];
    const procedure = bare(call[1]) ?? '';
    return info(
      `CALL ${procedure.toUpperCase()}`,
      `CALL ${procedure} on ${table ?? 'a table'} deletes its old snapshots or files for good (time travel and rollback past them are lost)`,
      table,
      locationOf(table === undefined ? undefined : `'${table}'`),
    );
  }
  const execute = /^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\S+)\s+EXECUTE\s+(\w+)/i.exec(text);
  if (execute !== null && HISTORY_PROCEDURES.test(execute[2] ?? '')) {
    const object = bare(execute[1]);
    return info(
      'ALTER TABLE EXECUTE',
      `ALTER TABLE ${object ?? ''} EXECUTE ${execute[2] ?? ''} deletes its old snapshots or files for good`,
      object,
    );
  }
  return undefined;
}

/** Delta's `VACUUM t RETAIN n HOURS` below the default retention (not a DRY RUN): older versions are gone. */
function shortVacuum(text: string): SqlStatementInfo | undefined {
  const m = /^VACUUM\s+(\S+)[\s\S]*?\bRETAIN\s+(\d+(?:\.\d+)?)\s+HOURS?\b/i.exec(text);
  if (m === null || /\bDRY\s+RUN\b/i.test(text)) return undefined;
  if (Number(m[2]) >= DELTA_RETENTION_HOURS) return undefined;
  const object = bare(m[1]);
  return info(
    'VACUUM RETAIN',
    `VACUUM ${object ?? ''} RETAIN ${m[2] ?? ''} HOURS deletes the files of older versions (time travel to them is lost)`,
    object,
    locationOf(m[1]),
  );
}

/**
 * Deletes by other words: ClickHouse's mutations (`ALTER TABLE t DELETE WHERE …`, `ALTER TABLE t DROP PARTITION
 * …`), a backup restored over a database (`RESTORE DATABASE d … WITH REPLACE`), and functions that drop what
 * replication or large objects keep (`SELECT pg_drop_replication_slot('s')`, `lo_unlink`).
 */
function otherDeletes(text: string): SqlStatementInfo | undefined {
  const mutation =
    /^ALTER\s+TABLE\s+(\S+)\s+(?:ON\s+CLUSTER\s+\S+\s+)?(DELETE\s+WHERE|DROP\s+(?:PARTITION|PART|DETACHED\s+PARTITION))\b([\s\S]*)$/i.exec(
      text,
    );
  if (mutation !== null) {
    const object = bare(mutation[1]);
    const what = (mutation[2] ?? '').replace(/\s+/g, ' ').toUpperCase();
    // like a DELETE: one whose WHERE restricts nothing (`1 = 1`, `true`) loses the table; a restricted one is a
    // targeted delete, as `DELETE FROM t WHERE …` is
    const condition = (mutation[3] ?? '').trim().replace(/;\s*$/, '');
    if (what === 'DELETE WHERE' && !/^(?:1\s*=\s*1|true|1)$/i.test(condition))
      return {
        ...info(`ALTER TABLE ${what}`, `ALTER TABLE ${object ?? ''} DELETE WHERE ${condition}`, object),
        destructive: false,
        reversible: true,
      };
    return info(
      `ALTER TABLE ${what}`,
      `ALTER TABLE ${object ?? ''} ${what} deletes ${what === 'DELETE WHERE' ? 'every row' : 'a partition'} of ${object ?? 'a table'}`,
      object,
    );
  }
  const restore = /^RESTORE\s+(DATABASE|LOG)\s+\[?([\w.-]+)\]?[\s\S]*\bREPLACE\b/i.exec(text);
  if (restore !== null)
    return info(
      'RESTORE WITH REPLACE',
      `RESTORE DATABASE ${restore[2] ?? ''} WITH REPLACE overwrites the database with a backup`,
      restore[2],
    );
  const fn =
    /\b(pg_drop_replication_slot|pg_replication_origin_drop|lo_unlink|pg_terminate_backend)\s*\(\s*'?([^')]*)/i.exec(
      text,
    );
  if (fn !== null && /^SELECT\b/i.test(text)) {
    const name = (fn[1] ?? '').toLowerCase();
    return {
      ...info(
        name,
        `${name}(${fn[2] ?? ''}) ${name === 'pg_terminate_backend' ? 'ends a session' : 'drops what a replica or a large object keeps'}`,
        fn[2],
      ),
      reversible: name === 'pg_terminate_backend',
    };
  }
  return undefined;
}

/** A warehouse statement that destroys by overwrite or by deleting history; undefined for every other statement. */
export function warehouseStatement(statement: string): SqlStatementInfo | undefined {
  const text = statement.trim();
  return (
    replacement(text) ??
    overwrite(text) ??
    unload(text) ??
    historyMaintenance(text) ??
    shortVacuum(text) ??
    otherDeletes(text)
  );
}
