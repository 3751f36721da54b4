import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// A machine's own administration (packages removed by a flag, the network taken down, kernel protections and
// passwords switched off, system files edited in place, an emptied crontab, tar deleting what it archived) and
// secrets revealed by tools that are no secrets store (Terraform outputs in plain text, Rails credentials, a
// container's environment, a secret file of a commit, a private key's parts, a credential field picked by jq, the
// environment filtered for secrets). Each beside an everyday twin through the same door.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('system administration and revealed secrets', () => {
  it.each([
    ['rpm -qi openssl', 'sudo rpm -e --nodeps openssl'],
    ['pacman -Qi bash', 'sudo pacman -Rdd --noconfirm systemd'],
    ['dpkg -L curl', 'sudo dpkg -P openssh-server'],
    ['ip route show', 'sudo ip link set ens3 down'],
    ['nmcli device status', 'nmcli networking off'],
    ['tc qdisc show dev eth0', 'sudo tc qdisc replace dev eth0 root netem loss 100%'],
    ['sysctl net.ipv4.ip_forward', 'sudo sysctl -w kernel.kptr_restrict=0'],
    ['passwd --status deploy', 'sudo passwd --delete deploy'],
    ["sed -i 's/x/y/' config/app.ini", "sudo sed -i '/swap/d' /etc/fstab"],
    [
      "perl -pi -e 's/a/b/' src/main.pl",
      "sudo perl -pi -e 's/^PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config",
    ],
    ["echo '0 3 * * * make backup' | crontab -", 'echo | crontab -'],
    ['tar -czf /tmp/logs.tgz ./logs --remove-files', 'tar -czf /tmp/home.tgz ~/Pictures --remove-files'],
    ['xargs -n1 echo < branches.txt', 'git branch -r | xargs -I{} git push origin --delete {}'],
    ['terraform output -json', 'terraform output -raw api_token'],
    ['bin/rails credentials:help', 'bin/rails credentials:show'],
    [
      "docker inspect api --format '{{.State.Health.Status}}'",
      "docker inspect api --format '{{json .Config.Env}}'",
    ],
    ['git show HEAD~1:src/index.ts', 'git show HEAD~1:.env'],
    ['openssl rsa -in tls/server.key -pubout', 'openssl pkey -in tls/server.key -text -noout'],
    ["jq -r '.client_id' deploy/sa.json", "jq -r '.client_secret' deploy/sa.json"],
    ['printenv | grep -i lang', 'printenv | grep -i -e passw -e secret'],
  ])('%s is allowed; %s is held', (everyday, destructive) => {
    gate.allowedAndHeld(everyday, destructive);
  });
});
