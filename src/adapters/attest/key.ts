import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** blastwall's per-user data folder: $BLASTWALL_DATA_DIR, else $XDG_DATA_HOME/blastwall, else ~/.local/share/blastwall. */
export function dataDir(env: Record<string, string | undefined>): string {
  return (
    env.BLASTWALL_DATA_DIR ||
    join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'blastwall')
  );
}

/** The attestation store and its signing key, side by side in the data folder. */
export interface AttestPaths {
  store: string;
  key: string;
}

/** Where attestations and their key live for an environment. */
export function attestPaths(env: Record<string, string | undefined>): AttestPaths {
  const dir = dataDir(env);
  return { store: join(dir, 'attestations.jsonl'), key: join(dir, 'attest-key.pem') };
}

// A warm hook daemon signs many records: the parsed key is kept per file, and re-read when the file changes.
const loaded = new Map<string, { stamp: string; key: KeyObject }>();

/** The local Ed25519 signing key, created (mode 0600, folder 0700) on first use. */
export function signingKey(file: string): KeyObject {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return createKey(file);
  }
  const stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  const cached = loaded.get(file);
  if (cached?.stamp === stamp) return cached.key;
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key`);
  loaded.set(file, { stamp, key });
  return key;
}

/** The public half of the local key, for verifying; undefined when no key exists yet (so nothing was signed). */
export function verifyingKey(file: string): KeyObject | undefined {
  try {
    return createPublicKey(createPrivateKey(readFileSync(file)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function createKey(file: string): KeyObject {
  const dir = join(file, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  // Written aside and linked into place: two hooks starting at once agree on one key, never half a file.
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, pem, { mode: 0o600 });
  chmodSync(temp, 0o600);
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return signingKey(file);
}
