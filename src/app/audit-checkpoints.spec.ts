import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateAuditKey, loadAuditKey } from '../adapters/audit-key/audit-key.js';
import type { ScratchRepo } from '../adapters/git/scratch-repo.js';
import { openStore } from '../adapters/storage/index.js';
import { serverRepo, startTestServer } from '../test-support/running-server.js';

let repo: ScratchRepo | undefined;
let dir: string | undefined;
afterEach(() => {
  repo?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a server holding the audit key', () => {
  it('signs checkpoints as it runs and the head when it stops; they verify with the public key alone', async () => {
    repo = serverRepo();
    dir = mkdtempSync(join(tmpdir(), 'bw-checkpoints-'));
    const keyFile = join(dir, 'audit.key');
    const { publicKeyPath } = generateAuditKey(keyFile);
    const db = join(dir, 'blastwall.db');
    const server = await startTestServer(repo, db, {
      BLASTWALL_AUDIT_KEY_FILE: keyFile,
      BLASTWALL_AUDIT_CHECKPOINT_SECONDS: '0.1',
    });
    const agent = await server.token('agent', { agentId: 'codex', personId: 'pat' });
    for (const command of ['ls', 'kubectl --context prod-eu delete ns payments'])
      await (
        await server.call('POST', '/v1/actions/evaluate', { token: agent, body: { command } })
      ).arrayBuffer();
    // The signer runs on the server's own timer (every 0.1 s here): wait for its first checkpoint, not a fixed time.
    let whileRunning = await server.store.listCheckpoints();
    for (let waited = 0; whileRunning.length === 0 && waited < 5000; waited += 20) {
      await new Promise((done) => setTimeout(done, 20));
      whileRunning = await server.store.listCheckpoints();
    }
    await (
      await server.call('POST', '/v1/actions/evaluate', { token: agent, body: { command: 'pwd' } })
    ).arrayBuffer();
    await server.close();

    const store = await openStore(db);
    try {
      const head = (await store.listAudit()).at(-1)!;
      const checkpoints = await store.listCheckpoints();
      const publicKey = loadAuditKey({}, dir, { publicKeyFile: publicKeyPath })!.publicKey;
      const verdict = await store.verifyAudit({ publicKey });

      expect(whileRunning.length).toBeGreaterThan(0);
      expect(checkpoints.at(-1)).toMatchObject({ seq: head.seq, hash: head.hash });
      expect(verdict).toMatchObject({ ok: true, signaturesChecked: true, checkpoints: checkpoints.length });
    } finally {
      await store.close();
    }
  });

  it('refuses to start with a key that is not Ed25519 PEM', async () => {
    repo = serverRepo();
    dir = mkdtempSync(join(tmpdir(), 'bw-checkpoints-'));

    await expect(
      startTestServer(repo, join(dir, 'blastwall.db'), { BLASTWALL_AUDIT_KEY: 'not a key' }),
    ).rejects.toThrow(/BLASTWALL_AUDIT_KEY is not a PEM key/);
  });
});
