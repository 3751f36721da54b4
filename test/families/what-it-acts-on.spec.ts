import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// What a command acts on, read from what it is rather than from a word that looks like a verb or a place:
// a file name is not a subcommand, `--profile` is an AWS profile only for AWS's tools, a backup protects,
// a what-if previews, a pulumi stack is named by its last segment, a prune without volumes loses no data,
// a sqlite file or `--local` emulator marked for dev is local, mc's `local` alias is this machine, a
// repository under the temp dir is disposable, and a compose service's environment reaches its command.
// Each beside a twin through the same door that stays held.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('the generic reading of deploys', () => {
  it.each([
    // a file with an extension is data, not the subcommand `release` or `publish`
    ['gpg --verify release-2.4.tar.gz.asc release-2.4.tar.gz', 'acmectl publish --env production'],
    ['file release-2.4.tar.xz', 'relctl release live-eu'],
    // `--profile` of a tool that is not AWS's is its own profile; a production word in it still counts
    ['mkcert-tool create --profile self-signed localhost', 'acmectl create --profile prod-admin billing'],
    ['cargo-dist create --profile release', 'AWS_PROFILE=prod acmectl update billing'],
    // a backup or snapshot protects what it copies
    [
      'aws rds create-db-cluster-snapshot --db-cluster-identifier orders --db-cluster-snapshot-identifier pre --profile prod',
      'aws rds modify-db-cluster --db-cluster-identifier orders --profile prod',
    ],
    [
      'velero backup create nightly --include-namespaces shop --kubecontext prod-eu',
      'velero restore create --from-backup nightly --kubecontext prod-eu',
    ],
    // a what-if previews the deployment it names
    [
      'az deployment sub what-if --location westeurope --template-file main.bicep --subscription prod-sub',
      'az deployment sub create --location westeurope --template-file main.bicep --subscription prod-sub',
    ],
    // a pulumi stack is named by its own last segment
    ['pulumi up --stack acme/payments/dev --yes', 'pulumi up --stack acme/payments/prod --yes'],
    ['pulumi destroy --stack org/dev --yes', 'pulumi destroy --stack org/prod --yes'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));

  it('renaming a pulumi stack is environment spoofing', () => {
    const decision = gate.decide('pulumi stack rename org/dev --stack org/prod');
    expect(decision.decision).not.toBe('allow');
    expect(decision.reasons.join('\n')).toMatch(/environment spoofing/);
  });
});

describe('local containers, databases and stores', () => {
  it.each([
    ['docker system prune --force', 'docker system prune --volumes --force'],
    ['docker system prune -af', 'DOCKER_HOST=ssh://ops@build01.corp.io docker system prune -af'],
    [
      'docker rm -f $(docker ps -aq --filter label=com.docker.compose.project=shop)',
      'docker rm -f $(docker ps -aq)',
    ],
    [
      'podman rm -f $(podman ps -q --filter name=web-dev)',
      'docker rm -f $(docker ps -q --filter name=web; rm -rf ~)',
    ],
    // a filter selects one project's containers only when it names them: a broad one lists every container
    ...[
      'docker rm -f $(docker ps -aq --filter name=.)',
      'docker rm -f $(docker ps -aq --filter=name=)',
      'docker rm -f $(docker ps -aq --filter status=exited)',
      'docker rm -f $(docker ps -aq --filter before=web-dev)',
      'docker rm -f $(docker ps -aq --filter "name=$SVC")',
      'docker rm -f $(docker ps -aq --filter label=com.docker.compose.project)',
      'docker rm -f $(docker ps -aq --filter name=web-dev --filter name=.)',
    ].map((broad) => ['podman rm -f $(podman ps -q --filter name=web-dev)', broad]),
    ['sqlite3 tmp/dev.db "DROP TABLE events"', 'sqlite3 data/app.db "DROP TABLE events"'],
    ['sqlite3 db/test.sqlite3 "DELETE FROM jobs"', 'sqlite3 db/test_prod.sqlite3 "DELETE FROM jobs"'],
    [
      'wrangler d1 execute shop --local --command "DELETE FROM carts"',
      'wrangler d1 execute shop --remote --command "DELETE FROM carts"',
    ],
    // `--local` is the local copy only for a tool that documents it so; appended to any other, it proves nothing
    [
      'npx wrangler d1 execute shop --local --command "DROP TABLE carts"',
      'dbctl query --local "DROP TABLE users"',
    ],
    [
      'wrangler d1 execute shop --local --command "DELETE FROM carts"',
      "turso db shell acme-prod 'DELETE FROM users' --local",
    ],
    [
      'wrangler d1 execute shop --local --command "DELETE FROM carts"',
      "pscale shell shop main --execute 'DROP TABLE users' --local",
    ],
    [
      'wrangler d1 execute shop --local --command "DELETE FROM carts"',
      'wrangler kv bulk --local --command "DROP TABLE carts"',
    ],
    [
      'wrangler d1 execute shop --local --command "DELETE FROM carts"',
      'wrangler d1 execute shop --local --remote=true --command "DELETE FROM carts"',
    ],
    ['mc rb --force local/uploads-test', 'mc rb --force prod/uploads'],
    [
      'mc rm --recursive --force local/scratch/',
      'MC_HOST_local=https://key:secret@minio.prod.acme.io mc rm --recursive --force local/scratch/',
    ],
    ['restic -r /tmp/restic-try forget --keep-last 1 --prune', 'restic -r /srv/restic forget --prune'],
    ['borg delete --repo /tmp/borg-spike', 'borg delete --repo ssh://backup@nas/./borg'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));

  it('an mc alias its config file defines is read from that file', () => {
    gate.write(
      '../.mc/config.json',
      JSON.stringify({ aliases: { local: { url: 'https://s3.prod.acme.io' } } }),
    );
    try {
      expect(gate.stopped('mc rb --force local/uploads-test')).toBe(true);
    } finally {
      gate.write(
        '../.mc/config.json',
        JSON.stringify({ aliases: { local: { url: 'http://127.0.0.1:9000' } } }),
      );
    }
    expect(gate.stopped('mc rb --force local/uploads-test')).toBe(false);
    expect(gate.stopped('mc rb --force nowhere/uploads-test')).toBe(true);
  });
});

describe("a cloud project's id names its environment when no environment matches on projects", () => {
  it.each([
    [
      'gcloud compute instances delete build-vm-3 --zone europe-west1-b --project shop-dev --quiet',
      'gcloud compute instances delete build-vm-3 --zone europe-west1-b --project shop-prod --quiet',
    ],
    [
      'gcloud sql instances delete scratch-pg --project dev-shop',
      'gcloud sql instances delete scratch-pg --project dev-shop-prod',
    ],
    [
      'gcloud pubsub topics delete orders-test --project=shop-dev',
      'gcloud pubsub topics delete orders-test --project=shop-staging',
    ],
    // a production word in the id outweighs its dev word, whatever the protected environment is called
    [
      'gcloud sql instances delete scratch-pg --project dev-shop',
      'gcloud sql instances delete scratch-pg --project dev-shop-production',
    ],
    [
      'gcloud sql instances delete scratch-pg --project dev-shop',
      'gcloud sql instances delete pg --project shop-live-dev',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('reading ssh settings is not reading a key', () => {
  it.each([['cat ~/.ssh/config', 'cat ~/.ssh/id_rsa']])(
    '%s is allowed; %s is held',
    (everyday, destructive) => gate.allowedAndHeld(everyday, destructive),
  );

  it('writing ssh settings stays held as spoofing', () => {
    expect(gate.stopped('echo "Host db\\n  HostName db1.prod.acme.io" >> ~/.ssh/config')).toBe(true);
  });
});

describe("a compose service's environment reaches its command", () => {
  it('a reset against a sibling service is local; against a production server it is held', () => {
    const compose = (url: string): string =>
      [
        'services:',
        '  db:',
        '    image: postgres:16',
        '  migrate:',
        '    image: node:20',
        '    environment:',
        `      - DATABASE_URL=${url}`,
        '    command: npx prisma migrate reset --force',
        '',
      ].join('\n');
    gate.write('compose.yaml', compose('postgresql://app:app@db:5432/app_dev'));
    expect(gate.decide('docker compose up migrate').decision).toBe('allow');
    gate.write('compose.yaml', compose('postgresql://app@pg1.prod.acme.io:5432/app'));
    expect(gate.decide('docker compose up migrate').decision).not.toBe('allow');
    gate.write('compose.yaml', 'services: {}\n');
  });

  // compose's DNS answers for a sibling only on a network they share, after the hosts file, under a plain name
  const SIBLING = 'postgresql://app:app@db:5432/app_dev';
  const resetAgainst = (db: string, url: string, settings: string[] = []): string =>
    [
      'services:',
      `  ${db}:`,
      '    image: postgres:16',
      '    networks: [back, default]',
      '  migrate:',
      '    image: node:20',
      ...settings,
      '    environment:',
      `      - DATABASE_URL=${url}`,
      '    command: npx prisma migrate reset --force',
      '',
    ].join('\n');
  it.each([
    [
      'a sibling named as a production host',
      'db.prod.acme.io',
      'postgresql://app@db.prod.acme.io:5432/app',
      [],
    ],
    ['a sibling named with a production word', 'pg-prod', 'postgresql://app@pg-prod:5432/app', []],
    ['a name extra_hosts maps elsewhere', 'db', SIBLING, ['    extra_hosts: ["db:10.20.30.40"]']],
    ['a service on the host network', 'db', SIBLING, ['    network_mode: host']],
    ['a service on another network than the sibling', 'db', SIBLING, ['    networks: [front]']],
  ])('a reset against %s is held', (_, db, url, settings) => {
    gate.write('compose.yaml', resetAgainst(db, url, settings));
    expect(gate.decide('docker compose up migrate').decision).not.toBe('allow');
    gate.write('compose.yaml', resetAgainst('db', SIBLING, ['    networks: [back]']));
    expect(gate.decide('docker compose up migrate').decision).toBe('allow');
    gate.write('compose.yaml', 'services: {}\n');
  });

  it('docker run -e gives the command its variables', () => {
    gate.allowedAndHeld(
      'docker run --rm -e DATABASE_URL=postgres://app@localhost/app_test node:20 npx prisma migrate reset --force',
      "docker run --rm -e 'DATABASE_URL=postgres://app@pg1.prod.acme.io/app' node:20 npx prisma migrate reset --force",
    );
  });
});
