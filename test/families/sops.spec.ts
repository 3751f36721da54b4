import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Secrets kept in repository files (sops): reading or editing one is everyday; decrypting it in place (the
// plaintext replaces the encrypted file) or blanking a secret loses what the encryption protects.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('secrets in repository files', () => {
  it.each([
    // (decrypting a prod file to the terminal prints its values to the agent: secret-values.spec.ts)
    [
      'sops --decrypt --in-place config/prod/app.enc.json',
      'sops --decrypt config/prod/app.enc.json > /tmp/app.json',
    ],
    ['sops -d -i deploy/secrets.yaml', 'sops deploy/secrets.yaml'],
    [
      `sops --set '["api"]["token"] ""' secrets/prod.yaml`,
      `sops --set '["api"]["timeout"] 30' secrets/dev.yaml`,
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));

  it('allows what the file names as an unprotected environment', () => {
    expect(gate.decide('sops -d -i secrets/dev.enc.yaml').decision).toBe('allow');
  });
});
