import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../../test-support/services.js';
import { buildStoreChild } from '../../test-support/child-process.js';
import { openStore } from './open-store.js';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
  type TestDatabase,
} from '../../test-support/test-backends.js';
import type { Store } from './types.js';

const ROUNDS = 4;
const BACKENDS: TestBackend[] = [sqliteBackend, ...((await postgresAvailable()) ? [postgresBackend] : [])];

let childScript = '';
beforeAll(async () => {
  childScript = await buildStoreChild();
});

/** Runs the child and calls `onLine` for each line it prints, until it exits. */
function runChild(
  args: string[],
  onLine: (line: string, child: ChildProcess) => void,
  stdin: 'ignore' | 'pipe' = 'ignore',
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [childScript, ...args], { stdio: [stdin, 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (line) => onLine(line, child));
  return new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, stderr })));
}

describe.each(BACKENDS)('Store on $name across processes', (backend) => {
  let database: TestDatabase;
  let store: Store | undefined;

  afterEach(async () => {
    await store?.close();
    store = undefined;
    await database.drop();
  });

  it('keeps every acknowledged record after kill -9, and the chain verifies', async () => {
    database = await backend.create();
    const actions = new Set<string>();
    const approved = new Set<string>();

    const exit = await runChild(['stream', database.spec], (line, child) => {
      const [what, id, approvalId] = line.split(' ');
      if (what === 'action') actions.add(`${id} ${approvalId}`);
      if (what === 'approved') approved.add(id!);
      // Kill while the child is busy, right after an acknowledgement, mid-stream.
      if (approved.size === 40) child.kill('SIGKILL');
    });
    store = await openStore(database.spec);
    const verdict = await store.verifyAudit();

    expect(exit.signal).toBe('SIGKILL');
    expect(approved.size).toBeGreaterThanOrEqual(40);
    for (const pair of actions) {
      const [actionId, approvalId] = pair.split(' ');
      expect(await store.getActionDecision(actionId!)).toBeDefined();
      const approval = await store.getApproval(approvalId!);
      expect(approval).toBeDefined();
      if (approved.has(approvalId!)) expect(approval!.status).toBe('approved');
    }
    expect(verdict).toMatchObject({ ok: true });
    // Three records per acknowledged round at least: decision, request, approval.
    expect(verdict.count).toBeGreaterThanOrEqual(approved.size * 3);
  });

  it('lets several processes open a fresh database at once', async () => {
    database = await backend.create();

    const exits = await Promise.all(
      [1, 2, 3].map(async () => {
        let seq = '';
        const exit = await runChild(['append-once', database.spec], (line) => {
          seq = line;
        });
        return { ...exit, seq };
      }),
    );
    store = await openStore(database.spec);

    expect(exits.map((e) => [e.code, e.stderr])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
    ]);
    expect(exits.map((e) => e.seq).sort()).toEqual(['1', '2', '3']);
    expect(await store.verifyAudit()).toMatchObject({ ok: true, count: 3 });
  });

  it('lets exactly one of two racing reviewers approve, from two processes', async () => {
    database = await backend.create();
    store = await openStore(database.spec);
    for (let round = 0; round < ROUNDS; round += 1) {
      const approval = await store.createApproval(
        {
          subjectKind: 'change',
          subjectId: `c${round}`,
          requirement: { approvals: 1, notAuthor: true, authors: [], policies: [] },
        },
        'system',
      );
      const racers: ChildProcess[] = [];
      const go = (child: ChildProcess): void => {
        racers.push(child);
        if (racers.length === 2) for (const racer of racers) racer.stdin!.end('go\n');
      };

      const outcomes = await Promise.all(
        ['sam', 'kim'].map(async (person) => {
          let printed = '';
          const exit = await runChild(
            ['decide', database.spec, approval.id, person],
            (line, child) => {
              if (line === 'ready') go(child);
              else printed = line;
            },
            'pipe',
          );
          expect(exit.stderr).toBe('');
          return JSON.parse(printed) as { ok: boolean; code?: string };
        }),
      );
      const after = await store.getApproval(approval.id);

      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, code: 'already-decided' }]);
      expect(after).toMatchObject({ status: 'approved' });
      expect(after!.approvedBy).toHaveLength(1);
    }
    const signoffs = await database.raw('SELECT COUNT(*) AS n FROM approval_signoffs');
    expect(Number(signoffs[0]!.n)).toBe(ROUNDS);
    expect((await store.listAudit()).filter((r) => r.kind === 'approval.approved')).toHaveLength(ROUNDS);
    expect((await store.verifyAudit()).ok).toBe(true);
  });
});
