import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Everyday lines that read near a secret, a guardrail or a dangerous word but act on nothing: keys of a secret
// without its values, lookups whose operand is a name, dry runs of package managers and pushes, programs in the
// system's folders by path, package caches in the home folder, local brokers named by their admin flags. Each
// beside a destructive twin through the same door, which stays held.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.write('.env.staging', 'API_TOKEN=abc\n');
});
afterAll(() => gate.close());

describe('names, counts and dry runs are everyday; values and real runs are not', () => {
  it.each([
    // only the keys of a secret reach the agent
    ['cut -d= -f1 .env.staging', 'cut -d= -f2 .env.staging'],
    ["cat .env.staging | cut -d '=' -f 1 | sort", 'cat .env.staging | sort'],
    ["awk -F= '{print $1}' .env.staging", "awk -F= '{print $2}' .env.staging"],
    ["sed 's/=.*//' .env.staging", "sed 's/TOKEN/X/' .env.staging"],
    ["grep -o '^[A-Za-z_]*=' .env.staging", "grep -o 'TOKEN=.*' .env.staging"],
    ['wc -l .env.staging', 'head -3 .env.staging'],
    [
      "kubectl --context prod-us get secret api -o jsonpath='{.data}' | jq 'keys'",
      "kubectl --context prod-us get secret api -o jsonpath='{.data}' | jq '.password'",
    ],
    // a lookup's operand is a name, not a verb
    ['getent group release', 'userdel -r release'],
    // a header dump reads; a format writes
    ['sudo cryptsetup luksDump /dev/sdb2', 'sudo cryptsetup luksFormat /dev/sdb2'],
    // listing blastwall's data folder shows names and sizes, never the key
    ['ls -la ~/.local/share/blastwall', 'cat ~/.local/share/blastwall/attest-key.pem'],
    ['du -sh ~/.local/share/blastwall', 'base64 ~/.local/share/blastwall/attest-key.pem'],
    // dry runs
    ['git push --dry-run --force origin main', 'git push --force origin main'],
    ['sudo apt-get -s purge postgresql-16', 'sudo apt-get purge postgresql-16'],
    ['sudo dnf remove --assumeno nginx', 'sudo dnf remove -y nginx'],
    // a program in the system's folders is the tool its name says
    ['/bin/rm -rf ./build', '/bin/rm -rf ~/Documents'],
    ['/usr/bin/env rm -rf ./coverage', '/usr/bin/env rm -rf ~/.ssh'],
    // package caches in home come back on the next build
    ['rm -rf ~/.cargo/registry/cache', 'rm -rf ~/.cargo'],
    ['rm -rf ~/go/pkg/mod/cache', 'rm -rf ~/go/src'],
    // a broker named by its admin flag on this machine
    [
      'rpk topic delete scratch --brokers 127.0.0.1:9092',
      'rpk topic delete scratch --brokers kafka.prod.example.com:9092',
    ],
    [
      'pulsar-admin --admin-url http://localhost:8080 namespaces delete public/scratch',
      'pulsar-admin --admin-url https://pulsar.prod.example.com namespaces delete public/scratch',
    ],
    ['rabbitmqctl delete_vhost /dev-scratch', 'rabbitmqctl delete_vhost /orders'],
  ])('%s is allowed; %s is held', (everyday, destructive) => {
    gate.allowedAndHeld(everyday, destructive);
  });
});
