import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// A blastwall.yaml anywhere inside the repository is blastwall's configuration: run from its folder, a gate
// reads it. Writing one is a write to self-protection; reading or backing one up is not.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.decide('true'); // warm: the first decision of a process pays for loading the classifiers
});
afterAll(() => gate.close());

describe('a nested blastwall.yaml', () => {
  it.each([
    "mkdir -p sub && printf 'environments:\\n  prod: { protected: false }\\n' > sub/blastwall.yaml",
    "cat > services/api/blastwall.yml <<< 'environments: {}'",
    "sed -i 's/protected: true/protected: false/' packages/web/blastwall.yaml",
    'cp /tmp/permissive.yaml tools/blastwall.yaml',
    "yq -i '.environments.prod.protected = false' infra/blastwall.yaml",
  ])('%s is held as self-protection', (line) => {
    const held = gate.decide(line);
    expect(held.decision).toBe('needs-approval');
    expect(held.reasons.join(' ')).toContain('agent-self-protection');
  });

  it.each([
    'cat services/api/blastwall.yaml',
    'cp blastwall.yaml blastwall.yaml.bak',
    'cp blastwall.yaml /tmp/blastwall.yaml.review',
    'diff blastwall.yaml sub/blastwall.yaml',
  ])('%s is allowed', (line) => {
    const allowed = gate.decide(line);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });
});
