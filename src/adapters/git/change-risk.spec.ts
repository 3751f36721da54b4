import { afterEach, describe, expect, it } from 'vitest';
import { changeRisk } from './change-risk.js';
import { createScratchRepo, type ScratchRepo } from './scratch-repo.js';

let repo: ScratchRepo | undefined;
afterEach(() => repo?.remove());

function lines(n: number, tag: string): string {
  return Array.from({ length: n }, (_, i) => `${tag} ${i}`).join('\n') + '\n';
}

describe('the risk of a change', () => {
  it('gives reasons with the range’s own figures, not those of one of its commits', async () => {
    repo = createScratchRepo('bw-change-risk-');
    const base = repo.commit('start', { 'src/app.ts': lines(10, 'line') });
    // One commit adds 557 lines; the next takes 519 of them out again: the range adds 38 lines.
    repo.commit('generate', { 'src/app.ts': lines(10, 'line') + lines(557, 'generated') });
    const head = repo.commit('trim', { 'src/app.ts': lines(10, 'line') + lines(38, 'generated') });

    const risk = await changeRisk(repo.dir, base, head);

    const figures = (risk?.reasons ?? []).join('; ');
    expect(figures).not.toMatch(/\b557\b|\b519\b/);
    expect(figures).toMatch(/lines added \(38\)/);
  });

  it('has no risk for an empty range', async () => {
    repo = createScratchRepo('bw-change-risk-');
    const base = repo.commit('start', { 'a.txt': 'a\n' });

    expect(await changeRisk(repo.dir, base, base)).toBeUndefined();
  });
});
