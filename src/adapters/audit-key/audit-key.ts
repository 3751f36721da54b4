import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyIdOf, signCheckpoint } from '../../core/audit/checkpoint.js';
import { BlastwallError } from '../../core/errors.js';
import type { CheckpointSigner } from '../storage/types.js';

/**
 * The audit key: an Ed25519 key that lives outside the store (a file or an environment variable), so that
 * whoever can write the database cannot sign a rewritten chain. Verifying needs only the public half.
 */
export interface AuditKey {
  publicKey: KeyObject;
  keyId: string;
  /** Present when the private key was given: signs checkpoints. */
  signer?: CheckpointSigner;
  /** Present when the private key was given: signs other bytes the server vouches for (base64 Ed25519). */
  sign?: (payload: Uint8Array) => string;
}

/** Where the key comes from: flags first, then the environment. */
export interface AuditKeySources {
  /** Private key PEM file (`--key`), else BLASTWALL_AUDIT_KEY_FILE. */
  keyFile?: string;
  /** Public key PEM file (`--public-key`), else BLASTWALL_AUDIT_PUBLIC_KEY_FILE; enough to verify. */
  publicKeyFile?: string;
}

function readKeyFile(path: string, secret: boolean): string {
  if (!existsSync(path)) throw new BlastwallError('usage', `no audit key at ${path}`);
  // Like ssh: a private key others can read is not a secret any more, so it is refused rather than used.
  if (secret && process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0)
    throw new BlastwallError('usage', `audit key ${path} is readable by other users: chmod 600 ${path}`);
  return readFileSync(path, 'utf8');
}

function ed25519(key: KeyObject, where: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new BlastwallError(
      'usage',
      `${where} is a ${key.asymmetricKeyType ?? 'symmetric'} key, not Ed25519`,
    );
  return key;
}

function parse<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof BlastwallError) throw error;
    throw new BlastwallError(
      'usage',
      `${where} is not a PEM key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Loads the audit key from `--key`/`--public-key`, else BLASTWALL_AUDIT_KEY (the private key's PEM itself),
 * BLASTWALL_AUDIT_KEY_FILE or BLASTWALL_AUDIT_PUBLIC_KEY_FILE; undefined when none is configured.
 */
export function loadAuditKey(
  env: Record<string, string | undefined>,
  cwd: string,
  sources: AuditKeySources = {},
): AuditKey | undefined {
  const keyFile = sources.keyFile ?? env.BLASTWALL_AUDIT_KEY_FILE;
  const inline = sources.keyFile === undefined ? env.BLASTWALL_AUDIT_KEY : undefined;
  let privateKey: KeyObject | undefined;
  if (keyFile !== undefined) {
    const path = resolve(cwd, keyFile);
    privateKey = parse(path, () => ed25519(createPrivateKey(readKeyFile(path, true)), path));
  } else if (inline !== undefined && inline.trim() !== '') {
    privateKey = parse('BLASTWALL_AUDIT_KEY', () => ed25519(createPrivateKey(inline), 'BLASTWALL_AUDIT_KEY'));
  }
  const publicFile = sources.publicKeyFile ?? env.BLASTWALL_AUDIT_PUBLIC_KEY_FILE;
  let publicKey: KeyObject | undefined;
  if (publicFile !== undefined) {
    const path = resolve(cwd, publicFile);
    publicKey = parse(path, () => ed25519(createPublicKey(readKeyFile(path, false)), path));
  }
  if (privateKey && publicKey && keyIdOf(createPublicKey(privateKey)) !== keyIdOf(publicKey))
    throw new BlastwallError('usage', 'the audit public key is not the public half of the audit private key');
  publicKey ??= privateKey && createPublicKey(privateKey);
  if (!publicKey) return undefined;
  const verifyingKey = publicKey;
  return {
    publicKey,
    keyId: keyIdOf(publicKey),
    ...(privateKey && {
      signer: (head, previous, at) => signCheckpoint(head, previous, at, privateKey, verifyingKey),
      sign: (payload) => sign(null, payload, privateKey).toString('base64'),
    }),
  };
}

/** Writes a new Ed25519 key pair: the private key to `path` (mode 600, never overwritten) and the public key to `path.pub`. */
export function generateAuditKey(path: string): { publicKeyPath: string; keyId: string } {
  if (existsSync(path))
    throw new BlastwallError('usage', `${path} exists; an audit key is never overwritten`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  const publicKeyPath = `${path}.pub`;
  writeFileSync(publicKeyPath, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return { publicKeyPath, keyId: keyIdOf(publicKey) };
}
