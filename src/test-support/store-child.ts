// A separate process that works on a store and prints a line after each commit: the crash and
// race tests kill or race it. Bundled by the tests (see child-process.ts), never shipped on its own.
import { openStore } from '../adapters/storage/open-store.js';

async function run(): Promise<void> {
  const [mode, spec, ...rest] = process.argv.slice(2);
  if (!spec) throw new Error('usage: store-child <stream|decide|append-once> SPEC …');
  const store = await openStore(spec);
  if (mode === 'append-once') {
    const record = await store.appendAudit({
      kind: 'test',
      actor: 'system',
      subject: `pid:${process.pid}`,
      data: {},
    });
    process.stdout.write(`${record.seq}\n`);
    await store.close();
    return;
  }
  if (mode === 'decide') {
    const [id, personId] = rest;
    // Both racers are opened and connected before the test says go, so their decisions overlap.
    process.stdout.write('ready\n');
    await new Promise((done) => process.stdin.once('data', done));
    const result = await store.decideApproval({ id: id!, personId: personId!, decision: 'approve' });
    process.stdout.write(`${JSON.stringify(result.ok ? { ok: true } : { ok: false, code: result.code })}\n`);
    await store.close();
    return;
  }
  process.stdout.write('ready\n');
  for (let index = 0; ; index += 1) {
    const requirement = {
      approvals: 1,
      notAuthor: true,
      authors: ['jo'],
      policies: ['agent-destructive-needs-human'],
    };
    const { action, approval } = await store.recordActionDecision(
      {
        command: `kubectl delete pod p${index}`,
        agent: 'claude-code',
        onBehalfOf: 'jo',
        sessionId: 's1',
        operations: [],
        decision: 'needs-approval',
        reasons: ['held'],
      },
      'agent:claude-code',
      { requirement },
    );
    process.stdout.write(`action ${action.id} ${approval!.id}\n`);
    const decided = await store.decideApproval({ id: approval!.id, personId: 'sam', decision: 'approve' });
    if (decided.ok) process.stdout.write(`approved ${approval!.id}\n`);
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`store-child: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 4;
});
