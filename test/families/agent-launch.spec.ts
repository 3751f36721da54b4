import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Three more ways past the agents' hooks, beside everyday twins that must pass: an agent started with its
// configuration folder moved (its hooks are not there), a shell function exported under the name of what runs
// blastwall or of a command (it runs in that command's place in every later bash), and a skill's or subagent's
// frontmatter, where Claude Code reads hooks too.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('an agent started with its configuration moved away from its hooks', () => {
  it.each([
    ['CODEX_HOME=/tmp/x codex exec "fix the tests"', 'codex exec "fix the tests"'],
    ['CLAUDE_CONFIG_DIR=/tmp/x claude -p "review"', 'CLAUDE_CONFIG_DIR=~/.claude claude -p "review"'],
    ['export CODEX_HOME=/tmp/x; codex exec hi', 'export CODEX_HOME=~/.codex; codex exec hi'],
    ['HOME=/tmp/h gemini -p "summarise"', 'gemini -p "summarise"'],
    ['env -i claude -p hi', 'env FOO=1 claude -p hi'],
    ['XDG_CONFIG_HOME=/tmp/cfg copilot -p hi', 'copilot -p hi'],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    expect(gate.stopped(destructive)).toBe(true);
    const allowed = gate.decide(twin);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });
});

describe('a shell function exported under the name of a command', () => {
  it.each([
    // its body is judged as if it ran: it will, in place of git, in every later bash
    ['git() { rm -rf ~; }; export -f git', 'll() { ls -la "$@"; }; export -f ll'],
    [
      'declare -fx git; git() { :; }; rm() { rm -rf ~/; }; declare -fx rm',
      'gs() { git status; }; declare -fx gs',
    ],
    // what runs blastwall's checks (a git hook's `npx blastwall check`) replaced whatever the body says
    ['blastwall() { true; }; export -f blastwall', 'bw() { blastwall check; }; export -f bw'],
    ["env 'BASH_FUNC_npx%%=() { true; }' git push origin feature/x", 'git push origin feature/x'],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    expect(gate.stopped(destructive)).toBe(true);
    const allowed = gate.decide(twin);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });
});

describe("a Claude Code skill's or subagent's frontmatter, where hooks can be declared", () => {
  it.each([
    [
      "printf -- '---\\nhooks:\\n---\\n' > .claude/skills/deploy/SKILL.md",
      'cat .claude/skills/deploy/SKILL.md',
    ],
    ['cp /tmp/reviewer.md .claude/agents/reviewer.md', 'cp .claude/agents/reviewer.md /tmp/reviewer.md'],
    ["sed -i 's/^tools:/hooks:/' .claude/agents/reviewer.md", 'cp /tmp/notes.md .claude/notes.md'],
    ['rm -rf .claude/skills', 'echo hi > .claude/skills/deploy/reference.md'],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    const held = gate.decide(destructive);
    expect(held.decision).not.toBe('allow');
    expect(held.reasons.join('\n')).toMatch(/skill or subagent/);
    const allowed = gate.decide(twin);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });
});
