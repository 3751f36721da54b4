import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { generateAuditKey, loadAuditKey, type AuditKey } from '../../../adapters/audit-key/audit-key.js';
import type { AuditVerdict, Store } from '../../../adapters/storage/index.js';
import { canonicalJson } from '../../../core/audit/canonical-json.js';
import type { Checkpoint } from '../../../core/audit/checkpoint.js';
import { BlastwallError } from '../../../core/errors.js';
import { EXIT, type CliDeps } from '../deps.js';
import { withStore } from '../with-store.js';

const EXPORT_PAGE = 1000;
const DB_HELP = 'SQLite file or postgres:// URL (default: $BLASTWALL_DB, else .blastwall/blastwall.db)';
const KEY_HELP = 'Ed25519 private key PEM (default: $BLASTWALL_AUDIT_KEY_FILE or $BLASTWALL_AUDIT_KEY)';
const PUBLIC_HELP = 'Ed25519 public key PEM, enough to verify (default: $BLASTWALL_AUDIT_PUBLIC_KEY_FILE)';

interface KeyFlags {
  db?: string;
  key?: string;
  publicKey?: string;
}

/** Registers `blastwall audit verify|export|keygen|checkpoint|anchor`. */
export function register(program: Command, deps: CliDeps): void {
  const audit = program
    .command('audit')
    .description('The tamper-evident audit log: verify its hash chain and signed checkpoints, export it');
  audit
    .command('verify')
    .description(
      'Check the hash chain, every decision and approval row, and (with the audit key) the signed checkpoints; exit 1 naming the first problem',
    )
    .option('--db <path|url>', DB_HELP)
    .option('--key <file>', KEY_HELP)
    .option('--public-key <file>', PUBLIC_HELP)
    .option(
      '--anchor <file>',
      'a checkpoint exported by `audit anchor` and kept elsewhere: the chain must still hold it',
    )
    .option('--json', 'machine-readable output')
    .action((options: KeyFlags & { anchor?: string; json?: boolean }) =>
      withStore(deps, 'audit verify', options.db, (store) => verify(deps, store, options)),
    );
  audit
    .command('export')
    .description('Write every audit record as one JSON line, oldest first')
    .option('--db <path|url>', DB_HELP)
    .action((options: { db?: string }) =>
      withStore(deps, 'audit export', options.db, (store) => exportAll(deps, store)),
    );
  audit
    .command('keygen')
    .description(
      'Create the audit signing key: FILE (private, mode 600) and FILE.pub; keep FILE off the database host',
    )
    .requiredOption('--out <file>', 'where to write the private key')
    .action((options: { out: string }) => {
      const path = resolve(deps.cwd, options.out);
      try {
        const { publicKeyPath, keyId } = generateAuditKey(path);
        deps.stdout(`audit key ${keyId}: private ${path}, public ${publicKeyPath}\n`);
        deps.exit(EXIT.ok);
      } catch (error) {
        deps.stderr(`blastwall audit keygen: ${error instanceof Error ? error.message : String(error)}\n`);
        deps.exit(error instanceof BlastwallError ? EXIT.usage : EXIT.internal);
      }
    });
  audit
    .command('checkpoint')
    .description(
      'Sign the chain head now as a checkpoint (the server does this by itself when it has the key)',
    )
    .option('--db <path|url>', DB_HELP)
    .option('--key <file>', KEY_HELP)
    .option('--json', 'machine-readable output')
    .action((options: KeyFlags & { json?: boolean }) =>
      withStore(deps, 'audit checkpoint', options.db, async (store) => {
        const checkpoint = await signNow(store, signingKey(deps, options));
        if (!checkpoint) throw new BlastwallError('usage', 'the audit log is empty: nothing to sign');
        deps.stdout(
          options.json
            ? `${canonicalJson(checkpoint)}\n`
            : `signed checkpoint ${checkpoint.seq} (${checkpoint.hash})\n`,
        );
        return EXIT.ok;
      }),
    );
  audit
    .command('anchor')
    .description(
      'Print the newest signed checkpoint as JSON (signing the head first when the key is given), to keep outside the database',
    )
    .option('--db <path|url>', DB_HELP)
    .option('--key <file>', KEY_HELP)
    .option('--out <file>', 'write it to a file instead of standard output')
    .action((options: KeyFlags & { out?: string }) =>
      withStore(deps, 'audit anchor', options.db, (store) => anchor(deps, store, options)),
    );
}

function keyOf(deps: CliDeps, flags: KeyFlags): AuditKey | undefined {
  return loadAuditKey(deps.env, deps.cwd, {
    ...(flags.key !== undefined && { keyFile: flags.key }),
    ...(flags.publicKey !== undefined && { publicKeyFile: flags.publicKey }),
  });
}

function signingKey(deps: CliDeps, flags: KeyFlags): AuditKey & Required<Pick<AuditKey, 'signer'>> {
  const key = keyOf(deps, flags);
  if (!key?.signer)
    throw new BlastwallError(
      'usage',
      'no audit private key: pass --key FILE or set BLASTWALL_AUDIT_KEY_FILE (see blastwall audit keygen)',
    );
  return { ...key, signer: key.signer };
}

function signNow(store: Store, key: Required<Pick<AuditKey, 'signer'>>): Promise<Checkpoint | undefined> {
  return store.signCheckpoint(key.signer);
}

function readAnchor(deps: CliDeps, file: string): Checkpoint {
  const path = resolve(deps.cwd, file);
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
    if (
      typeof value.seq !== 'number' ||
      typeof value.hash !== 'string' ||
      typeof value.signature !== 'string'
    )
      throw new Error('it is not a checkpoint (seq, hash, signature)');
    return value;
  } catch (error) {
    throw new BlastwallError(
      'usage',
      `anchor ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function describe(verdict: AuditVerdict): string {
  if (!verdict.ok) {
    const where =
      verdict.problem === 'checkpoint-forged' || verdict.problem === 'chain-rewritten'
        ? 'checkpoint'
        : 'record';
    return `audit chain broken at ${where} ${verdict.seq}: ${verdict.message}\n`;
  }
  const signed = verdict.signaturesChecked
    ? `${verdict.checkpoints} signed checkpoints verified${verdict.latestCheckpoint ? ` (newest ${verdict.latestCheckpoint.seq})` : ''}`
    : `${verdict.checkpoints} checkpoints not checked (no audit key given)`;
  return `audit chain intact: ${verdict.count} records, head ${verdict.head.hash}; ${verdict.rows} decision and approval rows match their records; ${signed}\n`;
}

async function verify(
  deps: CliDeps,
  store: Store,
  flags: KeyFlags & { anchor?: string; json?: boolean },
): Promise<number> {
  const key = keyOf(deps, flags);
  if (flags.anchor !== undefined && !key)
    throw new BlastwallError(
      'usage',
      '--anchor needs the audit public key (--public-key or --key) to check its signature',
    );
  const verdict = await store.verifyAudit({
    ...(key && { publicKey: key.publicKey }),
    ...(flags.anchor !== undefined && { anchor: readAnchor(deps, flags.anchor) }),
  });
  deps.stdout(flags.json ? `${JSON.stringify(verdict)}\n` : describe(verdict));
  return verdict.ok ? EXIT.ok : EXIT.notAllowed;
}

async function anchor(deps: CliDeps, store: Store, flags: KeyFlags & { out?: string }): Promise<number> {
  const key = keyOf(deps, flags);
  if (key?.signer) await store.signCheckpoint(key.signer);
  const newest = (await store.listCheckpoints()).at(-1);
  if (!newest)
    throw new BlastwallError(
      'usage',
      'no signed checkpoint yet: pass --key FILE to sign one now, or let the server sign',
    );
  const line = `${canonicalJson(newest)}\n`;
  if (flags.out === undefined) deps.stdout(line);
  else {
    writeFileSync(resolve(deps.cwd, flags.out), line);
    deps.stderr(`anchor: checkpoint ${newest.seq} written to ${flags.out}\n`);
  }
  return EXIT.ok;
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
