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
    // deletes by other words: ClickHouse mutations, a restore over a database, replication slots dropped
    [
      "clickhouse-client --host ch.prod.example.com --query 'ALTER TABLE logs.raw ADD COLUMN v UInt8'",
      "clickhouse-client --host ch.prod.example.com --query 'ALTER TABLE logs.raw DELETE WHERE 1 = 1'",
    ],
    [
      "sqlcmd -S sql.prod.example.com -Q 'RESTORE VERIFYONLY FROM DISK = N''/b/x.bak'''",
      "sqlcmd -S sql.prod.example.com -Q 'RESTORE DATABASE Orders FROM DISK = N''/b/x.bak'' WITH REPLACE'",
    ],
    [
      "psql -h pg.prod.example.com -c 'SELECT slot_name FROM pg_replication_slots'",
      'psql -h pg.prod.example.com -c "SELECT pg_drop_replication_slot(\'replica_2\')"',
    ],
    // git reading configuration from outside the workspace, ssh options that run commands
    [
      'git config --local include.path .gitconfig.team',
      'git config --local include.path /var/tmp/x.gitconfig',
    ],
    [
      "git config core.sshCommand 'ssh -i ~/.ssh/ci_key'",
      'git config core.sshCommand \'ssh -o ProxyCommand="socat - TCP:203.0.113.9:22"\'',
    ],
    // second factors and alerting switched off through APIs
    [
      "curl -X PUT -H 'PRIVATE-TOKEN: x' 'https://gitlab.example.com/api/v4/groups/ops?require_two_factor_authentication=true'",
      "curl -X PUT -H 'PRIVATE-TOKEN: x' 'https://gitlab.example.com/api/v4/groups/ops?require_two_factor_authentication=false'",
    ],
    [
      'curl -s https://api.datadoghq.eu/api/v1/monitor',
      'curl -X POST https://api.datadoghq.eu/api/v1/monitor/mute_all',
    ],
    // files replaced by a forced link, a move, an emptied archive or an in-place edit that deletes every line
    ['ln -sf ../shared/.editorconfig .editorconfig', 'ln -sf /dev/null ~/notes/todo.md'],
    ['mv dist/app.tar.gz ~/Downloads/', 'mv -f /tmp/empty ~/notes/todo.md'],
    ["zip -d dist/bundle.zip '*.map'", "zip -d ~/archive/photos.zip '*'"],
    ["7z d build/out.7z '*.tmp'", "7z d ~/archive/mail.7z '*' -r"],
    ["sed -i '1,$d' build/generated.txt", "sed -i '1,$d' ~/notes/todo.md"],
    ["vim -es -c '%d' -c 'wq' build/out.log", "vim -es -c '%d' -c 'wq' ~/notes/journal.md"],
    // caches, dry runs, scratch mirrors and the repository named by -C
    ['apptainer cache clean -f', 'apptainer delete library://acme/prod/app:latest'],
    ['zfs destroy -nv tank/data@old', 'zfs destroy tank/data@old'],
    ['git push --mirror /tmp/backup.git', 'git push --mirror git@example.com:acme/app.git'],
    // subscriptions, backup retention, acknowledged messages
    [
      'aws sns list-subscriptions --profile prod',
      'aws sns unsubscribe --subscription-arn arn:aws:sns:us-east-1:1:t:x --profile prod',
    ],
    ['pgbackrest --stanza=main info', 'pgbackrest --stanza=main expire --repo1-retention-full=1'],
    [
      'gcloud pubsub subscriptions pull orders-sub --limit 5 --project shop-prod',
      'gcloud pubsub subscriptions pull orders-sub --auto-ack --project shop-prod',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => {
    gate.allowedAndHeld(everyday, destructive);
  });
});
