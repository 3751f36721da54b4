import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Safeguards switched off through an API or a configuration file: a field (or the setting a path names) that
// guards something set to off/false/null/0, an admin port opened to the whole internet, sshd told to accept
// passwords or root. The twin switches the same safeguard on, reads it, or opens an ordinary port.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('safeguards switched off through APIs and configuration', () => {
  it.each([
    [
      'glab api -X PUT projects/42/protected_branches/main -F allow_force_push=true -F code_owner_approval_required=false',
      'glab api projects/42/protected_branches',
    ],
    [
      'gh api -X PATCH repos/acme/shop -F security_and_analysis[secret_scanning][status]=disabled',
      'gh api -X PATCH repos/acme/shop -f description="Shop front"',
    ],
    [
      'gh api -X DELETE repos/acme/shop/branches/main/protection/enforce_admins',
      'gh api repos/acme/shop/branches/main/protection/enforce_admins',
    ],
    [
      'curl -X PATCH https://api.cloudflare.com/client/v4/zones/abc/settings/ssl -d \'{"value":"off"}\'',
      'curl -X PATCH https://api.cloudflare.com/client/v4/zones/abc/settings/ssl -d \'{"value":"strict"}\'',
    ],
    [
      'http PATCH https://api.acme-cdn.io/v1/sites/shop firewall_enabled:=false',
      'http PATCH https://api.acme-cdn.io/v1/sites/shop firewall_enabled:=true',
    ],
    [
      'xh PUT https://vault.corp.io/v1/sys/auth/userpass/tune mfa_required:=false',
      'xh GET https://vault.corp.io/v1/sys/auth/userpass/tune',
    ],
    [
      'gcloud compute firewall-rules create open-ssh --allow tcp:22 --source-ranges 0.0.0.0/0',
      'gcloud compute firewall-rules create web --allow tcp:443 --source-ranges 0.0.0.0/0',
    ],
    [
      "az network nsg rule create -g rg -n redis --nsg-name nsg --destination-port-ranges 6379 --source-address-prefixes '*'",
      'az network nsg rule create -g rg -n redis --nsg-name nsg --destination-port-ranges 6379 --source-address-prefixes 10.1.0.0/16',
    ],
    [
      "aws ec2 authorize-security-group-ingress --group-id sg-9 --ip-permissions IpProtocol=-1,IpRanges='[{CidrIp=0.0.0.0/0}]'",
      'aws ec2 authorize-security-group-ingress --group-id sg-9 --protocol tcp --port 443 --cidr 0.0.0.0/0',
    ],
    [
      'ssh bastion.corp.io "sudo sed -i \'s/^#\\?PermitRootLogin.*/PermitRootLogin yes/\' /etc/ssh/sshd_config"',
      'ssh bastion.corp.io "sudo sed -i \'s/^PermitRootLogin yes/PermitRootLogin no/\' /etc/ssh/sshd_config"',
    ],
    [
      "ssh bastion.corp.io 'echo PermitEmptyPasswords yes | sudo tee -a /etc/ssh/sshd_config.d/50-x.conf'",
      "ssh bastion.corp.io 'sudo sshd -T | grep -i permitemptypasswords'",
    ],
  ])('%s is held; %s is allowed', (off, twin) => {
    expect(gate.stopped(off)).toBe(true);
    const allowed = gate.decide(twin);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });

  it('judges a cloud CLI’s switch where its own options point: a dev profile or project is dev’s', () => {
    const dev = gate.decide(
      'aws rds modify-db-instance --db-instance-identifier lab --no-deletion-protection --profile dev-lab',
    );
    expect(dev.decision, dev.reasons.join('\n')).toBe('allow');
    expect(
      gate.stopped(
        'aws rds modify-db-instance --db-instance-identifier lab --no-deletion-protection --profile prod-lab',
      ),
    ).toBe(true);
    expect(
      gate.decide('gcloud sql instances patch lab-db --no-deletion-protection --project shop-dev').decision,
    ).toBe('allow');
    expect(
      gate.stopped('gcloud sql instances patch lab-db --no-deletion-protection --project shop-prod'),
    ).toBe(true);
  });
});
