import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_SOURCES } from '../../src/adapters/ingest/index.js';
import { openDeliveryStore, type DeliveryStore } from '../../src/adapters/storage/delivery-store.js';
import { reportFromHistory } from '../../src/core/delivery/report.js';
import { END, generateHistory, SERVICES, START } from './generate-history.js';

// The generated history goes in as JSON lines through ingest and storage, and the report still matches the known answers.
describe('generated history through ingest and SQLite', () => {
  const history = generateHistory();
  let dir: string;
  let store: DeliveryStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-history-'));
    store = await openDeliveryStore(join(dir, 'h.db'));
    const deps = { provenanceOf: () => undefined, now: () => new Date(END) };
    for (const text of [
      history.deployments.map((d) => JSON.stringify(d)).join('\n'),
      history.incidents.map((i) => JSON.stringify(i)).join('\n'),
    ]) {
      const result = INGEST_SOURCES.generic!.parse(text, deps);
      expect(result.issues).toEqual([]);
      await Promise.all(
        result.records.map((r) =>
          r.kind === 'deployment'
            ? store.recordDeployment(r.deployment, 'test')
            : store.recordIncident(r.incident, 'test'),
        ),
      );
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the same ai and human numbers', async () => {
    const [deployments, incidents] = await Promise.all([store.listDeployments(), store.listIncidents()]);

    const report = reportFromHistory({
      deployments,
      incidents,
      services: SERVICES,
      reviews: history.reviews,
      since: START,
      until: END,
    });

    expect(deployments).toHaveLength(200);
    expect(report.ai).toMatchObject({
      deployments: 80,
      failedDeployments: 16,
      changeFailureRate: 0.2,
      incidents: 8,
      sev1: 2,
      sev2: 3,
      medianLeadTimeHours: 12,
      medianRestoreHours: 4.5,
    });
    expect(report.human).toMatchObject({
      deployments: 120,
      failedDeployments: 22,
      changeFailureRate: 0.183,
      incidents: 12,
      sev1: 1,
      sev2: 3,
      medianLeadTimeHours: 36,
      medianRestoreHours: 7.5,
    });
    expect(report.reviewLoad).toMatchObject({ seniorReviews: 140, reviewsPerSeniorPerWeek: 5.833 });
  });
});
