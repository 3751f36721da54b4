import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Remote execution carries its remote command: each line beside a read-only twin through the same tool.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('remote execution', () => {
  it.each([
    ["ssh ops@api.prod.corp.io 'rm -rf /srv/api'", "ssh ops@api.prod.corp.io 'uptime'"],
    // no command: the remote shell runs what arrives on stdin
    ["ssh ops@api.prod.corp.io <<'X'\nsudo rm -rf /srv/api\nX", "ssh ops@api.prod.corp.io <<'X'\ndf -h\nX"],
    ["echo 'rm -rf /srv/api' | ssh -T api.prod.corp.io", "echo 'uptime' | ssh -T api.prod.corp.io"],
    ['oc rsh -c web pod/web-1 rm -rf /var/www', 'oc rsh -c web pod/web-1 ls /var/www'],
    [
      "ansible web -i hosts/prod -m shell -a 'rm -rf /opt/web'",
      "ansible web -i hosts/prod -m shell -a 'df -h'",
    ],
    ["ansible db -a 'dropdb ledger'", "ansible db -a 'pg_isready'"],
    [
      "ansible all -m file -a 'path=/etc/web state=absent'",
      "ansible all -m file -a 'path=/etc/web state=directory'",
    ],
    ["salt 'web*' cmd.run 'rm -rf /var/www'", "salt 'web*' cmd.run 'uptime'"],
    ["pdsh -w node[1-4] 'sudo wipefs -a /dev/sdb'", "pdsh -w node[1-4] 'lsblk'"],
    ["pssh -h fleet.txt -l root 'shutdown -h now'", "pssh -h fleet.txt -l root 'uptime'"],
    ["clush -g edge 'rm -rf /data/*'", "clush -g edge 'du -sh /data'"],
    ['mosh web1.prod.corp.io -- sudo rm -rf /var/lib/docker', 'mosh web1.prod.corp.io -- htop'],
    ["tsh ssh root@db-7 'rm -rf /var/lib/mysql'", "tsh ssh root@db-7 'systemctl status mysql'"],
    [
      "gcloud compute ssh vm-1 --zone z --command 'sudo rm -rf /mnt/data'",
      "gcloud compute ssh vm-1 --zone z --command 'df -h'",
    ],
    [
      "az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts 'rm -rf /datadrive/*'",
      "az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts 'ls /datadrive'",
    ],
    ["fly ssh console -a api -C 'rm -rf /data'", "fly ssh console -a api -C 'ls /data'"],
    ['docker run --rm -v /:/host alpine rm -rf /host/etc', 'docker run --rm -v /:/host alpine ls /host/etc'],
    [
      "docker run --rm -v $HOME:/h busybox sh -c 'rm -rf /h/*'",
      "docker run --rm -v $HOME:/h busybox sh -c 'ls /h'",
    ],
    [
      'podman run --rm -v /home:/mnt/home:Z alpine rm -rf /mnt/home',
      'podman run --rm alpine rm -rf /var/cache/apk',
    ],
    [
      'kubectl --context prod-eu exec api-0 -- rm -rf /data',
      'kubectl --context prod-eu exec api-0 -- ls /data',
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));

  it('reads a container path under a workspace mount as the workspace path (build output stays disposable)', () => {
    const decision = gate.decide(`docker run --rm -v ${gate.repo}:/src -w /src alpine rm -rf dist`);
    expect(decision.decision, decision.reasons.join('\n')).toBe('allow');
  });
});

// Installing a cron table runs its entries later, unattended: each entry is judged now.
describe('scheduled execution', () => {
  it.each([
    [
      "echo '*/5 * * * * rm -rf /srv/uploads' | crontab -",
      "echo '*/5 * * * * date >> /tmp/ticks' | crontab -",
    ],
    ["printf '@reboot dropdb -h pg.prod.corp.io app\\n' | crontab -", 'crontab -l'],
    ["(crontab -l; echo '0 * * * * rm -rf ~/work') | crontab -", 'crontab -e'],
  ])('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));
});

describe('a script run on another machine', () => {
  it('cannot be read from here, so it is held unless its environment is unprotected', () => {
    expect(gate.stopped('ssh ops@api.prod.corp.io bash /tmp/job.sh')).toBe(true);
    expect(gate.stopped('docker exec api sh ./scripts/job.sh')).toBe(true);
    const dev = gate.decide('kubectl --context kind-dev exec api-0 -- bash /opt/job.sh');
    expect(dev.decision, dev.reasons.join('\n')).toBe('allow');
  });
});
