import { describe, expect, it } from 'vitest';
import type { Commit } from '../model.js';
import { changeProvenance, commitProvenance, labelEvidence } from './index.js';

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

describe('co-author trailers of AI tools', () => {
  it.each([
    ['Co-Authored-By: Claude <noreply@anthropic.com>', 'claude'],
    ['Co-authored-by: Claude Opus 4.5 <noreply@anthropic.com>', 'claude'],
    ['Co-authored-by: Claude Sonnet 4.5 <noreply@anthropic.com>', 'claude'],
    ['co-authored-by: Claude Haiku 4.5 <noreply@anthropic.com>', 'claude'],
    ['Co-authored-by: Claude 3.7 Sonnet <claude@anthropic.com>', 'claude'],
    // Seen on renovatebot/renovate: the tool is named in the plus tag of a colleague's address.
    ['Co-authored-by: Claude Fable 5 <someone+claude-code@mend.io>', 'claude'],
    ['Co-authored-by: Claude Fable 5 <noreply@anthropic.com>', 'claude'],
    ['Co-authored-by: Charm Crush <crush@charm.land>', 'crush'],
    ['Co-authored-by: cline-cloud[bot] <276134852+cline-cloud[bot]@users.noreply.github.com>', 'cline'],
    ['Co-authored-by: continue[bot] <230936708+continue[bot]@users.noreply.github.com>', 'continue'],
    ['Co-authored-by: codeflash-ai[bot] <148906541+codeflash-ai[bot]@users.noreply.github.com>', 'codeflash'],
    ['Co-authored-by: aider (vertex_ai/gemini-2.5-pro-exp-03-25) <noreply@aider.dev>', 'aider'],
    ['Co-authored-by: claude[bot] <209825114+claude[bot]@users.noreply.github.com>', 'claude'],
    ['Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>', 'copilot'],
    ['Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>', 'copilot'],
    ['Co-authored-by: GitHub Copilot <copilot@github.com>', 'copilot'],
    ['Co-authored-by: Cursor Agent <cursoragent@cursor.com>', 'cursor'],
    ['Co-authored-by: Cursor <cursoragent@cursor.com>', 'cursor'],
    ['Co-authored-by: Codex <codex@openai.com>', 'codex'],
    [
      'Co-authored-by: chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>',
      'codex',
    ],
    ['Co-authored-by: aider (anthropic/claude-3-7-sonnet) <noreply@aider.chat>', 'aider'],
    ['Co-authored-by: aider (gpt-4o) <noreply@aider.chat>', 'aider'],
    [
      'Co-authored-by: devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>',
      'devin',
    ],
    ['Co-authored-by: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>', 'devin'],
    [
      'Co-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>',
      'jules',
    ],
    ['Co-authored-by: Jules <noreply@example.com>', 'jules'],
    ['Co-authored-by: Devin', 'devin'],
    ['Co-authored-by: Junie <junie-noreply@example.com>', 'junie'],
    [
      'Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>',
      'gemini',
    ],
    ['Co-authored-by: Gemini CLI <gemini@example.com>', 'gemini'],
    ['Co-authored-by: Amazon Q Developer <q@example.com>', 'amazon-q'],
    ['Co-authored-by: Kiro <kiro@example.com>', 'kiro'],
    ['Co-authored-by: Windsurf <windsurf@example.com>', 'windsurf'],
    ['Co-authored-by: openhands <openhands@all-hands.dev>', 'openhands'],
    ['Co-authored-by: Amp <amp@ampcode.com>', 'amp'],
    ['Co-authored-by: Cline <cline@example.com>', 'cline'],
    ['Co-authored-by: factory-droid[bot] <138933559+factory-droid[bot]@users.noreply.github.com>', 'factory'],
    ['Co-authored-by: Qwen-Coder <qwen-coder@example.com>', 'qwen-code'],
    ['Co-authored-by: Warp <agent@example.com>', 'warp'],
  ])('%s → %s', (trailer, tool) => {
    const result = commitProvenance(commit(withTrailer(trailer)), []);
    expect(result.aiAssisted).toBe(true);
    expect(result.tools).toEqual([tool]);
    expect(result.evidence[0]).toEqual({ tool, kind: 'co-author', text: trailer, strength: 'strong' });
  });

  it('finds co-authors among other trailers and several tools at once', () => {
    const message = withTrailer(
      'Signed-off-by: Jo Junior <jo@example.com>\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>',
    );
    expect(commitProvenance(commit(message), []).tools).toEqual(['claude', 'cursor']);
  });

  it('tolerates a co-author mid-message, as in a squash of several commits', () => {
    const message =
      'Payments retries (#42)\n\n* add retry\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\n* tidy up tests\n';
    expect(commitProvenance(commit(message), []).tools).toEqual(['claude']);
  });
});

describe('human messages are not mistaken for AI provenance', () => {
  it.each([
    ['fix claude integration bug'],
    ['feat: add Copilot seat sync to billing'],
    ['Refactor cursor handling in the editor\n\nThe cursor moved past the end of the line.'],
    ['Add Codex and Gemini to the model picker\n\nSupports Claude, Gemini, Codex and Copilot backends.'],
    ['Co-authored-by: Claude <noreply@anthropic.com>'], // a subject line is never a trailer
    [withTrailer('Co-authored-by: Claude Monet <claude.monet@example.com>')],
    [withTrailer('Co-authored-by: Sam Senior <sam@example.com>')],
    [withTrailer('Co-authored-by: Claude <claude.dupont@example.fr>')],
    [withTrailer('Co-authored-by: Devin <devin.smith@example.com>')],
    [withTrailer('Co-authored-by: Jules <jules@example.fr>')],
    [withTrailer('Co-authored-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>')],
    [withTrailer('Co-authored-by: renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>')],
    [
      withTrailer(
        'Co-authored-by: github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
      ),
    ],
    // People at AI vendors are people (anthropics/claude-code-action: 133 such commits were flagged).
    [withTrailer('Co-authored-by: Ashwin Bhat <ashwin@anthropic.com>')],
    [withTrailer('Co-authored-by: Some Model <model@anthropic.com>')],
    [withTrailer('Co-authored-by: Kazuhiro Sera <seratch@openai.com>')],
    // A release bot named after the product is not the AI (google-gemini/gemini-cli).
    [withTrailer('Co-authored-by: gemini-cli-robot <224641728+gemini-cli-robot@users.noreply.github.com>')],
    [withTrailer('Reviewed-by: Claude <noreply@anthropic.com>')],
    [withTrailer('Assisted-by: Jane Doe <jane@example.com>')],
    [withTrailer('AI-assisted: no')],
    ['Regenerate protobufs\n\nGenerated by protoc 25.1 from api.proto.'],
    ['Fix selection\n\nCreated by moving cursor logic into its own module.'],
    ['Update docs\n\nWe evaluated Claude Code and Cursor for this; the change is hand-written.'],
  ])('%j', (message) => {
    const result = commitProvenance(commit(message), []);
    expect(result.aiAssisted).toBe(false);
    expect(result.tools).toEqual([]);
  });

  it('does not take a Cursor employee for the Cursor agent', () => {
    const result = commitProvenance(
      commit('Fix', { authorName: 'Ana Dev', authorEmail: 'ana@cursor.com' }),
      [],
    );
    expect(result.aiAssisted).toBe(false);
  });
});

describe('bot authors and committers', () => {
  it.each([
    ['copilot-swe-agent[bot]', '198982749+Copilot@users.noreply.github.com', 'copilot'],
    ['Copilot', '198982749+Copilot@users.noreply.github.com', 'copilot'],
    ['Cursor Agent', 'cursoragent@cursor.com', 'cursor'],
    ['Paul Gauthier (aider)', 'paul@example.com', 'aider'],
    ['devin-ai-integration[bot]', '158243242+devin-ai-integration[bot]@users.noreply.github.com', 'devin'],
    ['google-labs-jules[bot]', '161369871+google-labs-jules[bot]@users.noreply.github.com', 'jules'],
    ['claude[bot]', '209825114+claude[bot]@users.noreply.github.com', 'claude'],
    ['openhands', 'openhands@all-hands.dev', 'openhands'],
  ])('author %s <%s> → %s', (name, email, tool) => {
    const result = commitProvenance(
      commit('Implement feature', { authorName: name, authorEmail: email }),
      [],
    );
    expect(result.tools).toEqual([tool]);
    expect(result.evidence).toEqual([
      { tool, kind: 'bot-author', text: `author: ${name} <${email}>`, strength: 'strong' },
    ]);
  });

  it('checks the committer too, but not GitHub itself', () => {
    const byAider = commit('x', { committerName: 'Jo (aider)', committerEmail: 'jo@example.com' });
    const byGithub = commit('x', { committerName: 'GitHub', committerEmail: 'noreply@github.com' });
    expect(commitProvenance(byAider, []).tools).toEqual(['aider']);
    expect(commitProvenance(byGithub, []).aiAssisted).toBe(false);
  });

  it('ignores bots that are not AI coding agents', () => {
    const renovate = commit('chore(deps): update', {
      authorName: 'renovate[bot]',
      authorEmail: '29139614+renovate[bot]@users.noreply.github.com',
    });
    expect(commitProvenance(renovate, []).aiAssisted).toBe(false);
  });

  it('takes an Anthropic employee for a person, and Claude for Claude', () => {
    const person = commit('Fix', { authorName: 'Ashwin Bhat', authorEmail: 'ashwin@anthropic.com' });
    const claude = commit('Fix', { authorName: 'Claude', authorEmail: 'noreply@anthropic.com' });
    expect(commitProvenance(person, []).aiAssisted).toBe(false);
    expect(commitProvenance(claude, []).tools).toEqual(['claude']);
  });
});

describe('identities the organisation declares to be people', () => {
  it('excludes a matching author or co-author, and only that one', () => {
    const message = withTrailer(
      'Co-authored-by: Devin AI <devin@example.com>\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>',
    );
    const result = commitProvenance(commit(message), [], ['^Devin AI <devin@example\\.com>$']);
    expect(result.tools).toEqual(['copilot']);
    const alone = commitProvenance(
      commit(withTrailer('Co-authored-by: Devin AI <devin@example.com>')),
      [],
      ['^devin ai <'],
    );
    expect(alone.aiAssisted).toBe(false);
    expect(
      commitProvenance(commit(withTrailer('Co-authored-by: Devin AI <devin@example.com>')), []).aiAssisted,
    ).toBe(true);
  });
});

describe('Assisted-by / Generated-by style trailers', () => {
  it.each([
    ['Assisted-by: Claude:claude-opus-4-5', 'claude', 'strong'],
    ['Assisted-by: GitHub Copilot', 'copilot', 'strong'],
    ['Generated-by: Cursor', 'cursor', 'strong'],
    ['AI-assisted: yes (Codex)', 'codex', 'strong'],
    ['AI-assisted: true', 'unknown', 'strong'],
    ['AI-Tool: Gemini CLI', 'gemini', 'strong'],
    ['Amp-Thread-ID: https://ampcode.com/threads/T-1234', 'amp', 'strong'],
    ['Generated-by: some-internal-llm', 'unknown', 'weak'],
  ])('%s → %s (%s)', (trailer, tool, strength) => {
    const result = commitProvenance(commit(withTrailer(trailer)), []);
    expect(result.evidence).toContainEqual({ tool, kind: 'trailer', text: trailer, strength });
    expect(result.aiAssisted).toBe(strength !== 'weak');
  });

  it('gives an Assisted-by line outside the trailer block medium strength', () => {
    const message = 'Add parser\n\nAssisted-by: Claude Code\n\nMore notes here.\n';
    expect(commitProvenance(commit(message), []).evidence).toEqual([
      expect.objectContaining({ tool: 'claude', kind: 'trailer', strength: 'medium' }),
    ]);
  });
});

describe('footers', () => {
  it.each([
    ['🤖 Generated with [Claude Code](https://claude.com/claude-code)', 'claude'],
    ['🤖 Generated with [Claude Code](https://claude.ai/code)', 'claude'],
    ['Generated with Cursor', 'cursor'],
    ['Generated by GitHub Copilot', 'copilot'],
    ['Written with Aider', 'aider'],
    ['Generated with the help of Windsurf', 'windsurf'],
    ['Codex task: https://chatgpt.com/codex/tasks/task_e_68a1b2c3', 'codex'],
    ['Link to Devin run: https://app.devin.ai/sessions/0123abcd', 'devin'],
  ])('%s → %s (medium)', (footer, tool) => {
    const result = commitProvenance(commit(`Implement export\n\nAdds CSV export.\n\n${footer}\n`), []);
    expect(result.evidence).toContainEqual({ tool, kind: 'footer', text: footer, strength: 'medium' });
    expect(result.tools).toEqual([tool]);
  });

  it('reports a passing mention in prose as weak evidence that does not decide', () => {
    const result = commitProvenance(
      commit('Tidy\n\nMost of this was written with Claude and then reviewed.'),
      [],
    );
    expect(result.evidence).toEqual([expect.objectContaining({ tool: 'claude', strength: 'weak' })]);
    expect(result.aiAssisted).toBe(false);
    expect(result.tools).toEqual([]);
  });

  it('collapses a Claude Code commit (footer and trailer) into one tool', () => {
    const message =
      'Add rate limiter\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n';
    const result = commitProvenance(commit(message), []);
    expect(result.tools).toEqual(['claude']);
    expect(result.evidence.map((item) => item.kind).sort()).toEqual(['co-author', 'footer']);
  });
});

describe('labels', () => {
  it.each([
    ['ai-assisted', ['unknown']],
    ['AI-generated', ['unknown']],
    ['copilot', ['copilot']],
    ['claude', ['claude']],
    ['ai: cursor', ['cursor']],
    ['no-ai', []],
    ['human-only', []],
    ['bug', []],
    ['maintainer', []],
    ['claude-code', ['claude']],
    ['GitHub Copilot', ['copilot']],
    ['generated-by: codex', ['codex']],
    ['ai', ['unknown']],
    ['area/ai', []],
    ['area/claude-integration', []],
    ['copilot-seat-billing', []],
    ['agent', []],
  ])('%s → %j', (label, tools) => {
    expect(labelEvidence([label]).map((item) => item.tool)).toEqual(tools);
  });
});

describe('change provenance', () => {
  const human = commit('Fix typo in README');
  const ai = { ...commit(withTrailer('Co-authored-by: Claude <noreply@anthropic.com>')), sha: 'def456' };
  const cursor = {
    ...commit('x', { authorName: 'Cursor Agent', authorEmail: 'cursoragent@cursor.com' }),
    sha: 'fff',
  };

  it('is AI-assisted when any commit is, with tools sorted and the AI share of commits', () => {
    const result = changeProvenance([human, ai, cursor, human], []);
    expect(result.aiAssisted).toBe(true);
    expect(result.tools).toEqual(['claude', 'cursor']);
    expect(result.aiShare).toBe(0.5);
    expect(result.commits.map((item) => item.aiAssisted)).toEqual([false, true, true, false]);
  });

  it('is human when no commit or label says otherwise', () => {
    expect(changeProvenance([human], [], ['bug'])).toEqual({
      aiAssisted: false,
      tools: [],
      aiShare: 0,
      commits: [expect.objectContaining({ aiAssisted: false })],
    });
  });

  it('takes labels as change-level evidence', () => {
    const result = changeProvenance([human], [], ['ai-assisted', 'copilot']);
    expect(result.aiAssisted).toBe(true);
    expect(result.tools).toEqual(['copilot', 'unknown']);
    expect(result.aiShare).toBe(0);
    expect(result.evidence).toHaveLength(2);
  });

  it('handles an empty range', () => {
    expect(changeProvenance([], [])).toEqual({ aiAssisted: false, tools: [], aiShare: 0, commits: [] });
  });

  // Guards against super-linear work (a backtracking pattern takes minutes on these inputs, not milliseconds),
  // not a speed claim — that is bench/provenance.mjs's. CPU time, not the clock: waiting for a core on a busy
  // machine does not count.
  const cpuMs = (run: () => void): number => {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };

  it('stays linear over 2,000 commits', () => {
    const commits = Array.from({ length: 2_000 }, (_, i) => (i % 3 === 0 ? ai : human));
    expect(cpuMs(() => changeProvenance(commits, [{ tool: 'x', message: 'X-AI: yes' }]))).toBeLessThan(1000);
  });

  it.each([
    ['a long run of spaces in a trailer', `Subject\n\nAssisted-by: x${' '.repeat(100_000)}y`],
    ['a long co-author without an email', `Subject\n\nCo-authored-by: ${'a '.repeat(100_000)}`],
    ['a long footer-like line', `Subject\n\n${'Generated with '.repeat(20_000)}`],
  ])('stays linear on %s', (_label, message) => {
    expect(cpuMs(() => commitProvenance(commit(message), []))).toBeLessThan(1000);
  });
});
