import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttestationRecord } from '../../core/provenance/attestation.js';
import { attestPaths, dataDir, signingKey } from './key.js';
import { RACY_MS, storeStat, writeCheckpoint } from './checkpoint.js';
import { extendIndex, indexDigest, writeIndex, type LineIndex } from './line-index.js';
import { appendAttestation, readAttestations } from './store.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record: AttestationRecord = {
  v: 1,
  file: '/repo/a.ts',
  lines: ['0123456789abcdef'],
  agent: 'codex',
  tool: 'apply_patch',
  at: '2026-12-07T10:00:00.000Z',
};

describe('the attestation store', () => {
  it('lives in the data folder: $BLASTWALL_DATA_DIR, else $XDG_DATA_HOME/blastwall, else ~/.local/share/blastwall', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    expect(dataDir({ BLASTWALL_DATA_DIR: '/d' })).toBe('/d');
    expect(dataDir({ XDG_DATA_HOME: '/x' })).toBe('/x/blastwall');
    expect(dataDir({ HOME: '/h' })).toBe('/h/.local/share/blastwall');
  });

  it('signs records with a 0600 key and reads back the ones that verify', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    const paths = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'data') });
    appendAttestation(paths, record);
    appendAttestation(paths, { ...record, session: 's2', onBehalfOf: 'jo' });

    expect(statSync(paths.key).mode & 0o777).toBe(0o600);
    expect(statSync(paths.store).mode & 0o777).toBe(0o600);
    expect(readAttestations(paths)).toEqual({
      records: [record, { ...record, session: 's2', onBehalfOf: 'jo' }],
      ignored: [],
    });
  });

  it('ignores and reports an altered record, a record signed by another key and a line that is no record', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    const paths = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'data') });
    const other = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'other') });
    appendAttestation(paths, record);
    appendAttestation(other, { ...record, agent: 'forger' });
    const genuine = JSON.parse(readFileSync(paths.store, 'utf8'));
    appendFileSync(paths.store, `${JSON.stringify({ ...genuine, lines: ['ffffffffffffffff'] })}\n`);
    appendFileSync(paths.store, readFileSync(other.store, 'utf8'));
    appendFileSync(paths.store, 'not json\n');

    const read = readAttestations(paths);

    expect(read.records).toEqual([record]);
    expect(read.ignored).toEqual([
      `${paths.store}:2: signature does not verify (forged or altered)`,
      `${paths.store}:3: signature does not verify (forged or altered)`,
      `${paths.store}:4: not an attestation record`,
    ]);
  });

  it('reports records when the key that signed them is gone', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    const paths = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'data') });
    appendAttestation(paths, record);
    rmSync(paths.key);
    expect(readAttestations(paths).ignored).toEqual([
      `${paths.store}:1: no signing key to verify it against`,
    ]);
  });
});

describe('the verified checkpoint', () => {
  it('skips records an earlier read verified, and verifies again when the verified part changed', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    const paths = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'data') });
    appendAttestation(paths, record);
    expect(readAttestations(paths).records).toHaveLength(1);
    appendAttestation(paths, { ...record, agent: 'gemini' });
    expect(readAttestations(paths).records.map((r) => r.agent)).toEqual(['codex', 'gemini']);

    // An edit inside the part the checkpoint covers: the checkpoint no longer fits, so every record is verified.
    writeFileSync(paths.store, readFileSync(paths.store, 'utf8').replace('"codex"', '"claude-code"'));

    const read = readAttestations(paths);
    expect(read.records.map((r) => r.agent)).toEqual(['gemini']);
    expect(read.ignored).toEqual([
      expect.stringMatching(
        /changed after a signed checkpoint verified them: records were rewritten or removed/,
      ),
      `${paths.store}:1: signature does not verify (forged or altered)`,
    ]);
    expect(readAttestations(paths)).toEqual(read);
  });

  it('reports records removed after a check verified them, and keeps reporting it', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    const paths = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'data') });
    appendAttestation(paths, record);
    appendAttestation(paths, { ...record, agent: 'gemini' });
    expect(readAttestations(paths).ignored).toEqual([]);

    // The agent keeps only the first line, then deletes the store altogether.
    writeFileSync(paths.store, `${readFileSync(paths.store, 'utf8').split('\n')[0]}\n`);
    expect(readAttestations(paths).ignored).toEqual([expect.stringMatching(/records were removed/)]);
    appendAttestation(paths, { ...record, agent: 'kiro' });
    expect(readAttestations(paths).ignored).toEqual([expect.stringMatching(/records were removed/)]);
    rmSync(paths.store);
    expect(readAttestations(paths)).toEqual({
      records: [],
      ignored: [expect.stringMatching(/records were removed/)],
    });
  });

  it('ignores a checkpoint that is not signed by the key', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    const paths = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'data') });
    appendAttestation(paths, record);
    const forged = { ...JSON.parse(readFileSync(paths.store, 'utf8')), lines: ['ffffffffffffffff'] };
    appendFileSync(paths.store, `${JSON.stringify(forged)}\n`);
    const size = readFileSync(paths.store).length;
    writeFileSync(
      `${paths.store}.checkpoint`,
      JSON.stringify({ bytes: size, sha256: 'x', ignored: [], sig: 'AAAA' }),
    );

    expect(readAttestations(paths).ignored).toHaveLength(1);
  });

  // A settled store (last written RACY_MS ago) gets its identity recorded, and is then not hashed again; a write,
  // even one that keeps its size, changes the identity, so tampering is still found by the hash.
  it("records a settled store's identity, and still finds a same-size rewrite after it", async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    const paths = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'data') });
    appendAttestation(paths, record);
    expect(readAttestations(paths).records).toEqual([record]);
    const checkpoint = (): { stat?: string } =>
      JSON.parse(readFileSync(`${paths.store}.checkpoint`, 'utf8')) as { stat?: string };
    expect(checkpoint().stat).toBeUndefined(); // written just now: racy

    await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
    expect(readAttestations(paths)).toEqual({ records: [record], ignored: [] });
    expect(checkpoint().stat).toMatch(/^\d+:\d+:\d+:\d+:\d+$/);
    expect(readAttestations(paths)).toEqual({ records: [record], ignored: [] });

    writeFileSync(paths.store, readFileSync(paths.store, 'utf8').replace('"codex"', '"kiro!"'));
    expect(readAttestations(paths).ignored).toEqual([
      expect.stringMatching(/changed after a signed checkpoint verified them/),
      `${paths.store}:1: signature does not verify (forged or altered)`,
    ]);
  });

  it('finds a wanted line in verified records however their JSON spells it', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    const paths = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'data') });
    const other = { ...record, lines: ['fedcba9876543210'] };
    appendAttestation(paths, record);
    appendAttestation(paths, other);
    // The same signed record, its hash written with a JSON escape: it still parses to (and verifies as) `other`.
    const [first, second] = readFileSync(paths.store, 'utf8').split('\n');
    writeFileSync(paths.store, `${first}\n${second!.replace('"fedcba', '"\\u0066edcba')}\n`);
    const wanted = new Set(['fedcba9876543210']);

    expect(readAttestations(paths, wanted).records).toEqual([other]);
    // Read again, from the checkpoint: verified lines are searched without being parsed.
    expect(readAttestations(paths, wanted)).toEqual({ records: [other], ignored: [] });
    expect(readAttestations(paths, new Set(['0123456789abcdef'])).records).toEqual([record]);
    expect(readAttestations(paths, new Set(['aaaaaaaaaaaaaaaa'])).records).toEqual([]);
  });
});

describe('the line index', () => {
  const hashes = (n: number, from = 0): string[] =>
    Array.from({ length: n }, (_, i) => (from + i).toString(16).padStart(16, '0'));
  const indexPath = (paths: { store: string }): string => `${paths.store}.index`;
  const checkpointOf = (paths: { store: string }): { index?: string; bytes: number } =>
    JSON.parse(readFileSync(`${paths.store}.checkpoint`, 'utf8')) as { index?: string; bytes: number };
  /** Signs a checkpoint for the store as it is, naming `index` and the store's identity, as a check would. */
  const vouchFor = (
    paths: { store: string; key: string },
    index: LineIndex,
    ignored: string[] = [],
  ): void => {
    const store = readFileSync(paths.store);
    const digest = writeIndex(indexPath(paths), index)!;
    const stat = storeStat(statSync(paths.store, { bigint: true }), Date.now() + RACY_MS);
    writeCheckpoint(
      `${paths.store}.checkpoint`,
      store,
      store.length,
      ignored,
      signingKey(paths.key),
      stat,
      digest,
    );
  };
  const setUp = () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-attest-'));
    const paths = attestPaths({ BLASTWALL_DATA_DIR: join(dir, 'data') });
    const first = { ...record, lines: hashes(3) };
    const second = { ...record, agent: 'gemini', lines: hashes(3, 100) };
    appendAttestation(paths, first);
    appendAttestation(paths, second);
    return { paths, first, second };
  };

  it('is written with the checkpoint, which names its SHA-256, and finds records by their lines', () => {
    const { paths, first, second } = setUp();
    expect(readAttestations(paths, new Set([hashes(1, 101)[0]!]))).toEqual({
      records: [second],
      ignored: [],
    });
    expect(checkpointOf(paths).index).toBe(indexDigest(readFileSync(indexPath(paths))));
    expect(readAttestations(paths, new Set([hashes(1, 2)[0]!, 'ffffffffffffffff']))).toEqual({
      records: [first],
      ignored: [],
    });
    expect(readAttestations(paths, new Set(['ffffffffffffffff'])).records).toEqual([]);
  });

  it('sees a record appended after the index was built, and indexes it', () => {
    const { paths, second } = setUp();
    readAttestations(paths, new Set(hashes(1)));
    const third = { ...record, agent: 'kiro', lines: hashes(2, 200) };
    appendAttestation(paths, third);
    expect(readAttestations(paths, new Set([...hashes(1, 100), ...hashes(1, 201)]))).toEqual({
      records: [second, third],
      ignored: [],
    });
    expect(checkpointOf(paths).bytes).toBe(statSync(paths.store).size);
    expect(readAttestations(paths, new Set(hashes(1, 201))).records).toEqual([third]);
  });

  it('reports a record edited after it was indexed as forged, and never returns it', () => {
    const { paths, first } = setUp();
    readAttestations(paths, new Set(hashes(1)));
    writeFileSync(paths.store, readFileSync(paths.store, 'utf8').replace('"gemini"', '"kiro!!"'));
    const read = readAttestations(paths, new Set([...hashes(1), ...hashes(1, 100)]));
    expect(read.records).toEqual([first]);
    expect(read.ignored).toEqual([
      expect.stringMatching(/changed after a signed checkpoint verified them/),
      `${paths.store}:2: signature does not verify (forged or altered)`,
    ]);
  });

  it('is rebuilt when deleted or changed, with the same answers', () => {
    const { paths, second } = setUp();
    const wanted = new Set(hashes(1, 100));
    readAttestations(paths, wanted);
    rmSync(indexPath(paths));
    expect(readAttestations(paths, wanted)).toEqual({ records: [second], ignored: [] });
    expect(checkpointOf(paths).index).toBe(indexDigest(readFileSync(indexPath(paths))));
    writeFileSync(indexPath(paths), Buffer.alloc(64, 7));
    expect(readAttestations(paths, wanted)).toEqual({ records: [second], ignored: [] });
    expect(checkpointOf(paths).index).toBe(indexDigest(readFileSync(indexPath(paths))));
  });

  // Only a holder of the key can make the checkpoint vouch for an index; even such an index only finds records.
  it('fails safe with a wrong index the checkpoint vouches for: no line is claimed that no record holds', () => {
    const { paths, first } = setUp();
    const forged = {
      ...JSON.parse(readFileSync(paths.store, 'utf8').split('\n')[0]!),
      lines: hashes(1, 500),
    };
    appendFileSync(paths.store, `${JSON.stringify(forged)}\n`);
    const ignored = readAttestations(paths).ignored;
    expect(ignored).toEqual([`${paths.store}:3: signature does not verify (forged or altered)`]);
    const lines = readFileSync(paths.store, 'utf8').split('\n');
    const at = (n: number) => lines.slice(0, n).reduce((sum, line) => sum + line.length + 1, 0);
    // A person's line (hash 600) said to be in the first record, and the forged record indexed as if it had
    // verified: the first record holds no 600, and the forged one is on the checkpoint's ignored list.
    const wrong = extendIndex(
      undefined,
      [
        { offset: at(0), length: lines[0]!.length, line: 1, hashes: [...first.lines, hashes(1, 600)[0]!] },
        { offset: at(2), length: lines[2]!.length, line: 3, hashes: hashes(1, 500) },
      ],
      at(3),
      3,
    )!;
    vouchFor(paths, wrong, ignored);
    for (const wanted of [new Set(hashes(1, 600)), new Set(hashes(1, 500))])
      expect(readAttestations(paths, wanted)).toEqual({ records: [], ignored });
    // An index that points into the middle of a record: read whole instead.
    const shifted = extendIndex(
      undefined,
      [{ offset: at(0) + 5, length: 10, line: 1, hashes: first.lines }],
      at(3),
      3,
    )!;
    vouchFor(paths, shifted, ignored);
    expect(readAttestations(paths, new Set(first.lines))).toEqual({ records: [first], ignored });
    // A corrupt index never hides the forged record: the checkpoint's report stands.
    writeFileSync(indexPath(paths), 'garbage');
    expect(readAttestations(paths, new Set(hashes(1, 500))).ignored).toEqual(ignored);
  });
});
