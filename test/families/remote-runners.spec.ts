import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Cloud and orchestrator runners carry their remote command: it is judged as run on the machine the runner
// names, in the environment its options name (a prod profile, a `*.prod.*` address). A harmless command is
// allowed even there, so these runners are no longer read as deploys; a command the line does not spell out
// (a file, a variable) is held.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('remote runners', () => {
  it.each([
    [
      'nomad alloc exec -address=https://nomad.prod.corp.io:4646 -task cache 7c1e redis-cli FLUSHDB',
      'nomad alloc exec -address=https://nomad.prod.corp.io:4646 -task cache 7c1e redis-cli INFO',
    ],
    [
      'NOMAD_ADDR=https://nomad.prod.corp.io:4646 nomad alloc exec -task web 9a8b rm -rf /srv/uploads',
      'NOMAD_ADDR=https://nomad.prod.corp.io:4646 nomad alloc exec -task web 9a8b ls /srv/uploads',
    ],
    [
      "az vm run-command invoke -g rg-live -n vm-web-2 --command-id RunShellScript --scripts 'rm -rf /opt/web'",
      "az vm run-command invoke -g rg-live -n vm-web-2 --command-id RunShellScript --scripts 'df -h'",
    ],
    [
      "az vm run-command create -g rg-live --vm-name vm-web-2 --name wipe --script 'sudo rm -rf /opt/web'",
      "az vm run-command create -g rg-live --vm-name vm-web-2 --name check --script 'uptime'",
    ],
    [
      'aws ssm send-command --profile prod --instance-ids i-0f1 --document-name AWS-RunShellScript --parameters \'commands=["rm -rf /var/lib/pg"]\'',
      'aws ssm send-command --profile prod --instance-ids i-0f1 --document-name AWS-RunShellScript --parameters \'commands=["uptime"]\'',
    ],
    [
      'aws ssm send-command --profile prod --instance-ids i-0f1 --document-name AWS-RunShellScript --parameters \'{"commands":["df -h","rm -rf /var/lib/pg"]}\'',
      'aws ssm send-command --profile prod --instance-ids i-0f1 --document-name AWS-RunShellScript --parameters \'{"commands":["df -h","free -m"]}\'',
    ],
    [
      "aws ssm send-command --profile prod --instance-ids i-0f1 --document-name AWS-RunShellScript --parameters 'commands=uptime,rm -rf /var/lib/pg'",
      "aws ssm send-command --profile prod --instance-ids i-0f1 --document-name AWS-RunShellScript --parameters 'commands=uptime,df -h'",
    ],
    [
      "aws ecs execute-command --profile prod --cluster shop --task 3f2a --container api --interactive --command 'rm -rf /app/media'",
      "aws ecs execute-command --profile prod --cluster shop --task 3f2a --container api --interactive --command 'ls /app/media'",
    ],
    [
      "gcloud compute ssh web-3 --project shop-live --zone europe-west1-b --command 'sudo rm -rf /var/www'",
      "gcloud compute ssh web-3 --project shop-live --zone europe-west1-b --command 'df -h'",
    ],
    [
      'gcloud compute ssh web-3 --project shop-live --zone europe-west1-b -- sudo rm -rf /var/www',
      'gcloud compute ssh web-3 --project shop-live --zone europe-west1-b -- uptime',
    ],
    [
      "doctl compute ssh shop-db-1 --ssh-command 'sudo rm -rf /var/lib/mysql'",
      "doctl compute ssh shop-db-1 --ssh-command 'uptime'",
    ],
    [
      "fly ssh console -a shop-api -C 'rm -rf /data/uploads'",
      "fly ssh console -a shop-api -C 'ls /data/uploads'",
    ],
    ['lxc exec web1 -- rm -rf /var/www', 'lxc exec web1 -- ls /var/www'],
    ['incus exec db1 -- sh -c "rm -rf /var/lib/postgresql"', 'incus exec db1 -- sh -c "df -h"'],
    // a Vagrant or Multipass VM runs on this machine (local-machines.spec.ts); one on a cloud provider does not
    ["VAGRANT_DEFAULT_PROVIDER=aws vagrant ssh web -c 'sudo rm -rf /var/www'", "vagrant ssh web -c 'uptime'"],
    ['multipass exec builder -- ssh db.prod.corp.io sudo rm -rf /srv', 'multipass exec builder -- df -h'],
    ["consul exec -node=web-4 'rm -rf /srv/app'", "consul exec -node=web-4 'uptime'"],
    [
      "az aks command invoke -g rg-live -n shop-aks --command 'kubectl delete namespace payments'",
      "az aks command invoke -g rg-live -n shop-aks --command 'kubectl get pods -A'",
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));

  it('judges the remote command in the environment the runner names (a dev profile is not prod)', () => {
    const line = (profile: string) =>
      `aws ssm send-command --profile ${profile} --instance-ids i-0f1 --document-name AWS-RunShellScript --parameters 'commands=["rm -rf /var/lib/pg"]'`;
    const prod = gate.decide(line('prod'));
    expect(prod.decision).not.toBe('allow');
    expect(prod.reasons.join('\n')).toMatch(/in prod/);
    expect(gate.decide(line('dev')).decision).toBe('allow');
  });

  it.each([
    'aws ssm send-command --instance-ids i-0f1 --document-name AWS-RunShellScript --parameters file://commands.json',
    'az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts @wipe.sh',
    'az vm run-command create -g rg --vm-name vm --name x --script-uri https://example.com/x.sh',
    'vagrant ssh -c "$REMOTE_CMD"',
    'gcloud compute ssh web-3 --command "$(cat remote.sh)"',
  ])('%s is held: its remote command cannot be read', (line) => {
    expect(gate.stopped(line)).toBe(true);
  });
});
