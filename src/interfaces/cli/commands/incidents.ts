import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  describeIssue,
  INGEST_SOURCES,
  type IngestRecord,
  type IngestResult,
} from '../../../adapters/ingest/index.js';
import { openDeliveryStore, type DeliveryStore } from '../../../adapters/storage/delivery-store.js';
import { resolveDbSpec } from '../../../adapters/storage/open-store.js';
import { BlastwallError } from '../../../core/errors.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';

/** Files with more rows than this show a progress bar on stderr. */
const PROGRESS_FROM = 1000;
/** Records written together: the store commits a batch in one transaction. */
const WRITE_BATCH = 256;

/** A text progress bar that redraws on stderr only when the whole percentage changes. */
export function progressBar(
  write: (text: string) => void,
  label: string,
): { update(done: number, total: number): void; end(): void } {
  let shown = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (total < PROGRESS_FROM) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === shown) return;
      shown = percent;
      drawn = true;
      const filled = Math.round(percent / 5);
      write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`,
      );
    },
    end() {
      if (drawn) write('\n');
    },
  };
}

/** Writes parsed records in batches (one transaction each); returns those recorded for the first time. */
export async function storeRecords(
  store: DeliveryStore,
  result: IngestResult,
  actor: string,
  onProgress?: (done: number, total: number) => void,
): Promise<IngestRecord[]> {
  const records = result.records;
  const fresh: IngestRecord[] = [];
  for (let start = 0; start < records.length; start += WRITE_BATCH) {
    const batch = records.slice(start, start + WRITE_BATCH);
    const isNew = await Promise.all(
      batch.map((record) =>
        record.kind === 'incident'
          ? store.recordIncident(record.incident, actor)
          : store.recordDeployment(record.deployment, actor),
      ),
    );
    for (const [index, record] of batch.entries()) if (isNew[index]) fresh.push(record);
    onProgress?.(Math.min(records.length, start + WRITE_BATCH), records.length);
  }
  return fresh;
}

/** Prints what was stored and every skipped record; exit 1 when any record was skipped. */
export function reportIngest(
  deps: CliDeps,
  result: IngestResult,
  stored: number,
  noun: string,
  json: boolean,
): number {
  if (json)
    deps.stdout(`${JSON.stringify({ recorded: stored, skipped: result.issues, ignored: result.ignored })}\n`);
  else
    deps.stdout(
      `recorded ${stored} ${noun}(s)${result.issues.length > 0 ? `, skipped ${result.issues.length}` : ''}\n`,
    );
  for (const issue of result.issues) deps.stderr(`skipped ${describeIssue(issue)}\n`);
  for (const note of result.ignored) deps.stderr(`ignored: ${note}\n`);
  return result.issues.length > 0 ? EXIT.notAllowed : EXIT.ok;
}

/** Registers `blastwall incidents import FILE`. */
export function register(program: Command, deps: CliDeps): void {
  const incidents = program
    .command('incidents')
    .description('Incidents that attribution ties to deployments');
  incidents
    .command('import <file>')
    .description(
      'Import incidents from CSV (id,severity,services,startedAt,resolvedAt,rootCauseDeployment,rootCauseCommit) or JSON / JSON lines; bad rows are reported by line and skipped (exit 1)',
    )
    .option('--format <format>', 'csv|json (default: from the file extension)')
    .option(
      '--db <path|url>',
      'SQLite file or postgres:// URL (default: $BLASTWALL_DB, else .blastwall/blastwall.db)',
    )
    .option('--json', 'machine-readable summary')
    .action((file: string, options: { format?: string; db?: string; json?: boolean }) =>
      importFile(deps, file, options),
    );
}

async function importFile(
  deps: CliDeps,
  file: string,
  options: { format?: string; db?: string; json?: boolean },
): Promise<void> {
  let store: DeliveryStore | undefined;
  try {
    const format = options.format ?? (/\.csv$/i.test(file) ? 'csv' : 'json');
    if (format !== 'csv' && format !== 'json')
      throw new BlastwallError('usage', '--format must be csv or json');
    const text = await readFile(resolve(deps.cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new BlastwallError(
        'usage',
        `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
      );
    });
    const parsing = progressBar(deps.stderr, 'parsing');
    const source = format === 'csv' ? INGEST_SOURCES.csv! : INGEST_SOURCES.generic!;
    const result = source.parse(text, {
      provenanceOf: () => undefined,
      now: () => new Date(),
      onProgress: parsing.update,
    });
    parsing.end();
    if (format === 'json' && result.records.some((record) => record.kind !== 'incident'))
      throw new BlastwallError(
        'usage',
        `${file} holds deployments, not incidents (use blastwall deploy record)`,
      );
    store = await openDeliveryStore(resolveDbSpec(options.db, deps.env, deps.cwd));
    const writing = progressBar(deps.stderr, 'storing');
    await storeRecords(store, result, 'cli:incidents-import', writing.update);
    writing.end();
    deps.exit(reportIngest(deps, result, result.records.length, 'incident', options.json === true));
  } catch (error) {
    const described = describeError(error);
    deps.stderr(`blastwall incidents import: ${described.message}\n`);
    deps.exit(described.exitCode);
  } finally {
    await store?.close().catch(() => undefined);
  }
}
