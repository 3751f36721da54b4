import type { IngestDeps } from '../adapters/ingest/types.js';

/** Ingest deps for tests: commits starting with `a1` are AI-assisted by claude-code, `b0` human, the rest unknown. */
export function testDeps(progress?: Array<[number, number]>): IngestDeps {
  return {
    provenanceOf(sha) {
      if (sha.startsWith('a1')) return { aiAssisted: true, tools: ['claude-code'] };
      if (sha.startsWith('b0')) return { aiAssisted: false, tools: [] };
      return undefined;
    },
    now: () => new Date('2026-02-01T12:00:00.000Z'),
    ...(progress && { onProgress: (done: number, total: number) => void progress.push([done, total]) }),
  };
}
