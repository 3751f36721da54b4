import type { Command } from 'commander';
import type { Store } from '../../../adapters/storage/index.js';
import { canonicalJson } from '../../../core/audit/canonical-json.js';
import { EXIT, type CliDeps } from '../deps.js';
import { withStore } from '../with-store.js';

const EXPORT_PAGE = 1000;

/** Registers `blastwall audit verify|export`. */
export function register(program: Command, deps: CliDeps): void {
  const audit = program
    .command('audit')
    .description('The tamper-evident audit log: verify its hash chain or export it');
  audit
    .command('verify')
    .description('Check the hash chain; exit 1 naming the first edited, deleted or reordered record')
    .option(
      '--db <path|url>',
      'SQLite file or postgres:// URL (default: $BLASTWALL_DB, else .blastwall/blastwall.db)',
    )
    .option('--json', 'machine-readable output')
    .action((options: { db?: string; json?: boolean }) =>
      withStore(deps, 'audit verify', options.db, (store) => verify(deps, store, options.json === true)),
    );
  audit
    .command('export')
    .description('Write every audit record as one JSON line, oldest first')
    .option(
      '--db <path|url>',
      'SQLite file or postgres:// URL (default: $BLASTWALL_DB, else .blastwall/blastwall.db)',
    )
    .action((options: { db?: string }) =>
      withStore(deps, 'audit export', options.db, (store) => exportAll(deps, store)),
    );
}

async function verify(deps: CliDeps, store: Store, json: boolean): Promise<number> {
  const verdict = await store.verifyAudit();
  if (json) deps.stdout(`${JSON.stringify(verdict)}\n`);
  else if (verdict.ok)
    deps.stdout(`audit chain intact: ${verdict.count} records, head ${verdict.head.hash}\n`);
  else deps.stdout(`audit chain broken at record ${verdict.seq}: ${verdict.message}\n`);
  return verdict.ok ? EXIT.ok : EXIT.notAllowed;
}

async function exportAll(deps: CliDeps, store: Store): Promise<number> {
  // Page by seq so a long log never sits in memory at once.
  for (let after = 0; ;) {
    const page = await store.listAudit({ afterSeq: after, limit: EXPORT_PAGE });
    for (const record of page) deps.stdout(`${canonicalJson(record)}\n`);
    if (page.length < EXPORT_PAGE) return EXIT.ok;
    after = page[page.length - 1]!.seq;
  }
}
