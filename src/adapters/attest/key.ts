import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, type KeyObject } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
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
  const key = loadSigningKey(file, readFileSync(file));
  loaded.set(file, { stamp, key });
  return key;
}

// A hook without the daemon signs once per process, and OpenSSL's PEM/DER decoders cost a fresh process ~2.6 ms
// (more than the rest of recording a write). An Ed25519 PKCS#8 key as `generateKeyPairSync` writes it is a fixed
// 16-byte DER header and the 32-byte seed, so the seed is read from the PEM here and imported as a JWK (no
// decoder). A JWK also names the public key (`x`), which Node requires but derives again from the seed; it is kept
// beside the key (`<key>.public.json`, with a hash of the seed it belongs to) after the first full parse. Any other
// key file, or no such note for this seed, takes the full parse.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The private key in a PEM file: through the seed and the public-key note when it can, else OpenSSL's parse. */
export function loadSigningKey(file: string, pem: Buffer): KeyObject {
  const seed = ed25519Seed(pem);
  const note = `${file}.public.json`;
  if (seed) {
    try {
      const { seed: seedHash, x } = JSON.parse(readFileSync(note, 'utf8')) as { seed?: unknown; x?: unknown };
      if (typeof x === 'string' && seedHash === hash('sha256', seed, 'hex'))
        return createPrivateKey({
          key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x },
          format: 'jwk',
        });
    } catch {
      // no note yet, or not one for this key: parsed in full below
    }
  }
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key`);
  if (seed) writePublicNote(note, seed, key);
  return key;
}

/** The 32-byte seed of an Ed25519 PKCS#8 PEM in its usual form; undefined for anything else. */
export function ed25519Seed(pem: Buffer): Buffer | undefined {
  const text = pem.toString('latin1').trim();
  const match = /^-----BEGIN PRIVATE KEY-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n-----END PRIVATE KEY-----$/.exec(
    text,
  );
  if (!match) return undefined;
  const der = Buffer.from(match[1]!.replace(/\s/g, ''), 'base64');
  if (der.length !== 48 || !der.subarray(0, 16).equals(PKCS8_ED25519)) return undefined;
  return der.subarray(16);
}

/** Keeps the public half of a key beside it, for `loadSigningKey`; a failure only costs the next process time. */
function writePublicNote(note: string, seed: Buffer, key: KeyObject): void {
  const { x } = createPublicKey(key).export({ format: 'jwk' });
  const temp = `${note}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify({ seed: hash('sha256', seed, 'hex'), x }), { mode: 0o600 });
    renameSync(temp, note);
  } catch {
    rmSync(temp, { force: true });
  }
}

// A process that checks again (the server, a test) verifies with the key it parsed before, while the file is the same.
const verifying = new Map<string, { stamp: string; key: KeyObject }>();

/** The public half of the local key, for verifying; undefined when no key exists yet (so nothing was signed). */
export function verifyingKey(file: string): KeyObject | undefined {
  try {
    const stat = statSync(file, { bigint: true });
    const stamp = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
    const cached = verifying.get(file);
    if (cached?.stamp === stamp) return cached.key;
    const key = createPublicKey(createPrivateKey(readFileSync(file)));
    verifying.set(file, { stamp, key });
    return key;
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
