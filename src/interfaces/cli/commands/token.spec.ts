import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken, openStore } from '../../../adapters/storage/index.js';
import { runCli, type CliRun } from '../../../test-support/cli-testing.js';

function run(argv: string[], cwd: string): Promise<CliRun> {
  return runCli(argv, { cwd, env: { USER: 'ops' } });
}

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bw-token-'));
  db = join(dir, 't.db');
  writeFileSync(
    join(dir, 'blastwall.yaml'),
    'people:\n  - { id: jo, level: junior }\n  - { id: sam, level: senior }\n',
  );
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('blastwall token', () => {
  it('prints a new token once and stores only its hash', async () => {
    const created = await run(['token', 'create', '--role', 'reviewer', '--person', 'sam', '--db', db], dir);
    const token = created.stdout.trim();

    const store = await openStore(db);
    const found = await store.findTokenByHash(hashToken(token));
    const audit = await store.listAudit();
    await store.close();
    const bytes =
      readFileSync(db).toString('latin1') + readFileSync(`${db}-wal`, { flag: 'a+' }).toString('latin1');

    expect(created.code).toBe(0);
    expect(token).toMatch(/^bw_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/shown only now/);
    expect(found).toMatchObject({ role: 'reviewer', personId: 'sam' });
    expect(audit.at(-1)).toMatchObject({ kind: 'token.created', actor: 'cli:ops' });
    expect(bytes).not.toContain(token);
  });

  it.each([
    [['--role', 'boss'], /--role must be one of agent, reviewer, admin, ingest, integration, not "boss"/],
    [['--role', 'reviewer'], /--person is required for a reviewer token/],
    [['--role', 'agent'], /--agent is required for an agent token/],
    [['--role', 'admin', '--agent', 'codex'], /--agent only applies to agent tokens/],
    [['--role', 'reviewer', '--person', 'sam', '--session', 's1'], /--session only applies to agent tokens/],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await run(['token', 'create', ...args, '--db', db], dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('refuses a person the configuration does not know, and stores no token', async () => {
    const ghost = await run(['token', 'create', '--role', 'reviewer', '--person', 'ghost', '--db', db], dir);
    const listed = await run(['token', 'list', '--db', db, '--json'], dir);

    expect(ghost.code).toBe(2);
    expect(ghost.stdout).toBe('');
    expect(ghost.stderr).toBe(
      `blastwall token create: --person ghost is not a person in ${join(dir, 'blastwall.yaml')} (people: jo, sam); add them there first\n`,
    );
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('reads the people from --config when given', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, 'people:\n  - { id: pat, level: principal }\n');

    const pat = await run(
      ['token', 'create', '--role', 'admin', '--person', 'pat', '--config', other, '--db', db],
      dir,
    );
    const sam = await run(
      ['token', 'create', '--role', 'admin', '--person', 'sam', '--config', other, '--db', db],
      dir,
    );

    expect(pat.code).toBe(0);
    expect(sam.code).toBe(2);
    expect(sam.stderr).toMatch(/--person sam is not a person in .*other\.yaml \(people: pat\)/);
  });

  it('lists tokens without secrets or hashes, and revokes them', async () => {
    const created = JSON.parse(
      (
        await run(
          ['token', 'create', '--role', 'agent', '--agent', 'codex', '--person', 'jo', '--db', db, '--json'],
          dir,
        )
      ).stdout,
    ) as { id: string; token: string };

    const revoked = await run(['token', 'revoke', created.id, '--db', db], dir);
    const again = await run(['token', 'revoke', created.id, '--db', db], dir);
    const listed = await run(['token', 'list', '--db', db, '--json'], dir);

    expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${created.id}\n` });
    expect(again).toMatchObject({
      code: 2,
      stderr: `blastwall token revoke: no active token ${created.id}\n`,
    });
    const tokens = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(tokens).toEqual([
      expect.objectContaining({
        id: created.id,
        role: 'agent',
        agentId: 'codex',
        personId: 'jo',
        revokedAt: expect.any(String),
      }),
    ]);
    expect(listed.stdout).not.toContain(created.token);
    expect(listed.stdout).not.toContain(hashToken(created.token));
  });
});
