import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ed25519Seed, loadSigningKey, signingKey, verifyingKey } from './key.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const message = Buffer.from('a record');
const pemOf = (key: ReturnType<typeof generateKeyPairSync>['privateKey']): Buffer =>
  Buffer.from(key.export({ type: 'pkcs8', format: 'pem' }));

describe('the signing key without the PEM decoder', () => {
  it('reads the seed of an Ed25519 PKCS#8 PEM, and of nothing else', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const seed = ed25519Seed(pemOf(privateKey));
    expect(seed?.toString('base64url')).toBe(privateKey.export({ format: 'jwk' }).d);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(ed25519Seed(pemOf(rsa))).toBeUndefined();
    expect(ed25519Seed(Buffer.from(`junk\n${pemOf(privateKey).toString()}`))).toBeUndefined();
  });

  it('signs with the key the PEM holds, first through a full parse, then through the seed and its note', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-key-'));
    const file = join(dir, 'attest-key.pem');
    const key = signingKey(file); // created, then parsed in full: the note is written
    const note = `${file}.public.json`;
    expect(existsSync(note)).toBe(true);
    const fast = loadSigningKey(file, readFileSync(file));
    const sig = sign(null, message, fast);
    expect(verify(null, message, verifyingKey(file)!, sig)).toBe(true);
    expect(sign(null, message, key)).toEqual(sig); // Ed25519 is deterministic: the same key
  });

  it('ignores a note of another key, and a tampered note changes nothing signed', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-key-'));
    const file = join(dir, 'attest-key.pem');
    signingKey(file);
    const note = `${file}.public.json`;
    const oldNote = readFileSync(note, 'utf8');
    // The key replaced by another: the old note is for another seed, so the new key is parsed in full.
    writeFileSync(file, pemOf(generateKeyPairSync('ed25519').privateKey));
    const replaced = loadSigningKey(file, readFileSync(file));
    expect(verify(null, message, verifyingKey(file)!, sign(null, message, replaced))).toBe(true);
    expect(readFileSync(note, 'utf8')).not.toBe(oldNote);
    // A note naming another public key for this seed: the signature is still the seed's.
    const { seed } = JSON.parse(readFileSync(note, 'utf8')) as { seed: string };
    const otherX = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x;
    writeFileSync(note, JSON.stringify({ seed, x: otherX }));
    const tampered = loadSigningKey(file, readFileSync(file));
    expect(verify(null, message, verifyingKey(file)!, sign(null, message, tampered))).toBe(true);
    // Loaded through the note (a full parse would have written it again).
    expect(JSON.parse(readFileSync(note, 'utf8'))).toEqual({ seed, x: otherX });
  });
});
