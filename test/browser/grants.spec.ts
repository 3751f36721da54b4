// The dashboard's credential grants page in a real Chromium: the active grants with who approved them,
// for which session and until when, and a revoke button that ends one (its PostgreSQL role is dropped).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureDashboardBuilt,
  horizontalOverflow,
  launchChromium,
  waitForReady,
} from '../../src/test-support/browser.js';
import { chromiumPath, postgresAvailable } from '../../src/test-support/services.js';
import {
  createTargetDatabase,
  startBrokerServer,
  type BrokerServer,
  type TargetDatabase,
} from '../creds/harness.js';

const executable = chromiumPath();
const available = await postgresAvailable();

describe.skipIf(!executable || !available)('credential grants in the dashboard', { timeout: 240_000 }, () => {
  let target: TargetDatabase;
  let server: BrokerServer;
  let browser: Browser;
  let page: Page;
  let writeGrant: { grantId: string; credential: { user: string } };

  beforeAll(async () => {
    ensureDashboardBuilt();
    target = await createTargetDatabase();
    server = await startBrokerServer(target.credentials, { BLASTWALL_PG_ADMIN_URL: target.spec });
    const ask = (body: unknown) => server.call('agent', 'POST', '/v1/creds/prod/postgres', body);
    expect((await ask({ sessionId: 'sess-7' })).status).toBe(200);
    const held = await ask({ sessionId: 'sess-7', scope: 'write', minutes: 10 });
    expect(held.status).toBe(202);
    expect(
      (await server.call('sam', 'POST', `/v1/approvals/${held.body.approvalId}/approve`, {})).status,
    ).toBe(200);
    const issued = await ask({ sessionId: 'sess-7', scope: 'write', minutes: 10 });
    expect(issued.status).toBe(200);
    writeGrant = issued.body;
    browser = await launchChromium(executable!);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await target?.drop();
  });

  it('lists the active grants with approver, session and end, and revokes one', async () => {
    await page.goto(server.url);
    await waitForReady(page, 'sign-in');
    await page.getByLabel('Access token').fill(server.tokens.sam!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForReady(page, 'overview');
    await page.getByRole('link', { name: 'Grants' }).click();
    await waitForReady(page, 'grants');

    const rows = page.locator('table.grants-table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const elevated = rows.filter({ hasText: 'Elevated' });
    await expect.poll(() => elevated.textContent()).toContain('sam');
    const text = (await elevated.textContent()) ?? '';
    expect(text).toContain('sess-7');
    expect(text).toContain('claude-code for pat');
    expect(text).toContain(writeGrant.credential.user);
    expect(await rows.filter({ hasText: 'Read-only' }).textContent()).toContain('not needed');
    expect(await target.brokeredRoles()).toContain(writeGrant.credential.user);
    // On a phone the table stacks into cards rather than scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    await elevated
      .getByRole('button', { name: /Revoke write postgres credentials of session sess-7/ })
      .click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Read-only');
    expect(await target.brokeredRoles()).not.toContain(writeGrant.credential.user);
    const audit = await server.app.store.listAudit({ limit: 1000 });
    expect(audit.find((record) => record.kind === 'creds.revoked')).toMatchObject({
      actor: 'sam',
      subject: `grant:${writeGrant.grantId}`,
    });
  });
});
