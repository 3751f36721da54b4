import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeEventsApi, type FakeEventsApi } from '../../../test-support/fake-pagerduty-events.js';
import { runCli, type CliRun } from '../../../test-support/cli-testing.js';

function run(argv: string[], cwd: string, stdin: string, env: Record<string, string>): Promise<CliRun> {
  return runCli(argv, { cwd, stdin, env });
}

function started(id: string, minutesAgo: number): string {
  return JSON.stringify({
    id,
    service: 'payments',
    environment: 'prod',
    commits: ['abcdef1'],
    aiAssisted: false,
    startedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    status: 'succeeded',
  });
}

let dir: string;
let api: FakeEventsApi;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-deploy-'));
  writeFileSync(
    join(dir, 'blastwall.yaml'),
    'people: []\nservices:\n  - { id: payments, tier: 1, owner: payments }\n',
  );
  api = await startFakeEventsApi();
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('blastwall deploy record with PagerDuty change events', () => {
  it('announces newly started deployments, not repeats or a backfill of old ones', async () => {
    const env = { BLASTWALL_PAGERDUTY_ROUTING_KEY: 'R0UT1NG', BLASTWALL_PAGERDUTY_EVENTS_URL: api.url };
    const db = join(dir, 'd.db');
    const input = [started('d1', 5), started('old', 3 * 24 * 60)].join('\n');

    const first = await run(['deploy', 'record', '--db', db], dir, input, env);
    const again = await run(['deploy', 'record', '--db', db], dir, started('d1', 5), env);

    expect(first).toMatchObject({ code: 0, stdout: 'recorded 2 deployment(s)\n' });
    expect(first.stderr).toContain('PagerDuty: 1 change event(s) sent');
    expect(again.code).toBe(0);
    expect(api.received.map((event) => event.body)).toEqual([
      expect.objectContaining({
        routing_key: 'R0UT1NG',
        payload: expect.objectContaining({ custom_details: expect.objectContaining({ deployment: 'd1' }) }),
      }),
    ]);
  });

  it('still records, exit 0, when PagerDuty refuses the event', async () => {
    api.script({ status: 400 });
    const env = { BLASTWALL_PAGERDUTY_ROUTING_KEY: 'R0UT1NG', BLASTWALL_PAGERDUTY_EVENTS_URL: api.url };

    const result = await run(['deploy', 'record', '--db', join(dir, 'd.db')], dir, started('d2', 1), env);

    expect(result).toMatchObject({ code: 0, stdout: 'recorded 1 deployment(s)\n' });
    expect(result.stderr).toMatch(/warning: PagerDuty change event not delivered .*HTTP 400/);
    expect(result.stderr).toContain('PagerDuty: 0 change event(s) sent, 1 not delivered');
  });
});
