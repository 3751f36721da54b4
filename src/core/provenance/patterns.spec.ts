import { describe, expect, it } from 'vitest';
import type { Commit } from '../model.js';
import { commitProvenance, compilePatterns } from './index.js';

function commit(message: string, overrides: Partial<Commit> = {}): Commit {
  return {
    sha: 'abc123',
    parents: ['p1'],
    authorName: 'Jo Junior',
    authorEmail: 'jo@example.com',
    committerName: 'Jo Junior',
    committerEmail: 'jo@example.com',
    authoredAt: 1_700_000_000,
    message,
    files: [],
    ...overrides,
  };
}

function withTrailer(trailer: string): string {
  return `Add retry to payment client\n\nRetries idempotent calls up to three times.\n\n${trailer}\n`;
}

describe('config patterns', () => {
  it('matches messages and identities with the configured tool', () => {
    const extra = [
      { tool: 'internal-bot', message: '^X-Internal-AI: yes$' },
      { tool: 'acme-agent', identity: '^Acme Agent <agent@acme\\.dev>$' },
    ];
    const result = commitProvenance(
      commit('Do thing\n\nX-Internal-AI: yes\n', { authorName: 'Acme Agent', authorEmail: 'agent@acme.dev' }),
      extra,
    );
    expect(result.tools).toEqual(['acme-agent', 'internal-bot']);
    expect(result.evidence).toContainEqual({
      tool: 'acme-agent',
      kind: 'config-pattern',
      text: 'Acme Agent <agent@acme.dev>',
      strength: 'strong',
    });
    expect(result.evidence).toContainEqual({
      tool: 'internal-bot',
      kind: 'config-pattern',
      text: 'X-Internal-AI: yes',
      strength: 'medium',
    });
  });

  it('matches co-author identities', () => {
    const result = commitProvenance(commit(withTrailer('Co-authored-by: Robo <robo@acme.dev>')), [
      { tool: 'robo', identity: '@acme\\.dev>$' },
    ]);
    expect(result.tools).toEqual(['robo']);
  });

  it('reports invalid patterns early and never throws at match time', () => {
    const extra = [
      { tool: 'x', message: '(unclosed' },
      { tool: '', message: 'a' },
      { tool: 'y' },
      { tool: 'ok', message: 'ok' },
    ];
    const { patterns, errors } = compilePatterns(extra);
    expect(patterns.map((pattern) => pattern.tool)).toEqual(['ok']);
    expect(errors).toEqual([
      { index: 0, field: 'message', message: expect.stringContaining('invalid regular expression') },
      { index: 1, field: 'tool', message: expect.any(String) },
      { index: 2, field: 'message', message: expect.any(String) },
    ]);
    expect(() => commitProvenance(commit('ok then'), extra)).not.toThrow();
    expect(commitProvenance(commit('ok then'), extra).tools).toEqual(['ok']);
  });
});
