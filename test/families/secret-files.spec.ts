import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Secrets printed to the agent: CLIs' credential files told by how CLIs name them (a `cfg` dotfile, a tool
// folder's extensionless `config`, a `.config/<tool>/hosts.yml`, a file named for credentials or tokens), the
// system's password hashes, an environment file by its `.env` extension (also over ssh), the raw kubeconfig, and
// any CLI's `secrets … get|access|show` verb. The twin reads a tool's settings, a listing, or only counts.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('secret files and values printed', () => {
  it.each([
    ['cat ~/.s3cfg', 'cat ~/.bashrc'],
    ['head ~/.acmecfg', 'cat ~/.codex/config.toml'],
    ['cat ~/.pulumi/credentials.json', 'ls ~/.pulumi'],
    ['cat ~/.config/hub/hosts.yml', 'cat ~/.config/hub/settings.yml'],
    ['less ~/.circleci/cli.yml.token', 'cat ~/.gitconfig'],
    ['cat ~/.rediscli/config', 'cat ~/.ssh/config'],
    ['sudo tail /etc/gshadow', 'cat /etc/group'],
    ["ssh app1.corp.io 'cat /srv/shop/shared/prod.env'", "ssh app1.corp.io 'ls /srv/shop/shared'"],
    ['oc config view --raw', 'oc config view'],
    ['doctl-secrets get-secret payments/stripe', 'databricks secrets list-scopes'],
    ['acme secrets:reveal STRIPE_KEY --app shop', 'acme secrets:list --app shop'],
    ['grep STRIPE .env.production', 'grep -c STRIPE .env.production'],
  ])('%s is held; %s is allowed', (read, twin) => {
    expect(gate.stopped(read)).toBe(true);
    const allowed = gate.decide(twin);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });
});
