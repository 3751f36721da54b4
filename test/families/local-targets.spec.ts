import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Destruction against something local, disposable or explicitly test/dev is everyday: a framework's test
// environment, a `*_test` database on the local server, a `*-dev` container or a kind cluster on this machine's
// engine, keys named on the local redis, a workspace or context the line selects before it acts, a deploy that
// only publishes a preview. Each beside a destructive twin through the same door — a production word, a remote
// server or engine, an unmarked or wholesale target, a selection that may not have happened — which stays held.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  // a directory whose selected terraform workspace is dev
  gate.write('infra/.terraform/environment', 'dev\n');
});
afterAll(() => gate.close());

describe('framework resets against the test or dev environment', () => {
  it.each([
    ['RAILS_ENV=test bin/rails db:reset', 'RAILS_ENV=production bin/rails db:reset'],
    ['bin/rake db:drop db:create RAILS_ENV=test', 'bin/rake db:drop RAILS_ENV=test RACK_ENV=staging'],
    [
      'RAILS_ENV=test bundle exec rails db:schema:load',
      'RAILS_ENV=test DATABASE_URL=postgres://app@pg.corp.io/shop bundle exec rails db:schema:load',
    ],
    ['MIX_ENV=test mix ecto.drop', 'MIX_ENV=prod mix ecto.drop'],
    ['MIX_ENV=dev mix ecto.reset', 'MIX_ENV=dev DATABASE_URL=ecto://app@pg.corp.io/shop mix ecto.reset'],
    ['php artisan db:wipe --env=testing', 'php artisan db:wipe --env=staging'],
    ['php artisan migrate:fresh --env=local', 'php artisan migrate:fresh --env=local --database=prod_mysql'],
    [
      'APP_ENV=dev php bin/console doctrine:schema:drop --force',
      'php bin/console doctrine:schema:drop --force',
    ],
    [
      'python manage.py flush --noinput --settings=shop.settings.test',
      'python manage.py flush --noinput --settings=shop.settings.live',
    ],
    [
      'DJANGO_SETTINGS_MODULE=shop.settings.dev ./manage.py reset_db',
      'DJANGO_SETTINGS_MODULE=shop.settings.dev ./manage.py reset_db --database prod',
    ],
    ['npx knex migrate:rollback --all --env test', 'npx knex migrate:rollback --all --env staging'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('test and dev databases on the local server', () => {
  it.each([
    ['dropdb shop_test', 'dropdb shop'],
    ['dropdb --if-exists billing_dev', 'PGHOST=pg.corp.io dropdb billing_dev'],
    ['dropdb billing_dev', 'dropdb billing_dev_prod'],
    [
      'pg_restore -d shop_dev --clean dump.pgdump',
      'pg_restore -h pg.corp.io -d shop_dev --clean dump.pgdump',
    ],
    ['pg_restore -h localhost -d shop --clean dump.pgdump', 'pg_restore -d shop --clean dump.pgdump'],
    ['mysqladmin -f drop shop_test', 'mysqladmin -f drop shop'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe("keys named on this machine's redis", () => {
  it.each([
    ['redis-cli DEL session:abc', 'redis-cli -h cache.corp.io DEL session:abc'],
    ['redis-cli -n 4 flushdb', 'redis-cli flushdb'],
    ['redis-cli UNLINK feed:1 feed:2', 'redis-cli FLUSHALL'],
    ['redis-cli DEL tmp:1', "redis-cli --scan --pattern 'tmp:*' | xargs redis-cli DEL"],
    ['redis-cli -n 2 FLUSHDB', 'redis-cli -n 2 CONFIG SET appendonly no'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe("containers and volumes on this machine's engine", () => {
  it.each([
    ['docker rm -f shop-test-db', 'docker rm -f shop-prod-db'],
    ['docker rm -f api-dev', 'docker rm -f api-prod-dev'],
    ['docker rm -f api-dev', 'DOCKER_HOST=ssh://ops@build.corp.io docker rm -f api-dev'],
    ['docker rm -f api-dev', 'docker --context build-box rm -f api-dev'],
    [
      'podman container rm -f worker-ci',
      'CONTAINER_HOST=ssh://ops@box.corp.io podman container rm -f worker-ci',
    ],
    ['docker volume rm web_node_modules', 'docker volume rm shop_pgdata_prod'],
    ['docker volume rm gradle-cache', 'docker system prune -a --volumes -f'],
    ['docker volume rm api_test_data', 'docker volume prune -af'],
    ['docker compose -p shop-test down -v', 'docker compose --env-file .env.prod down -v'],
    [
      'docker compose -f compose.dev.yml down -v',
      'docker compose -f compose.dev.yml -f compose.prod.yml down -v',
    ],
    ['docker exec shop-dev-redis redis-cli FLUSHALL', 'docker exec shop-redis redis-cli FLUSHALL'],
    [
      'docker exec shop-dev-redis redis-cli FLUSHALL',
      'docker -H ssh://ops@box.corp.io exec shop-dev-redis redis-cli FLUSHALL',
    ],
    ["docker exec api-test psql -c 'DROP TABLE runs'", "docker exec api-prod psql -c 'DROP TABLE runs'"],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('clusters run on this machine', () => {
  it.each([
    ['kind delete cluster --name ci', 'DOCKER_HOST=tcp://10.1.2.3:2376 kind delete cluster --name ci'],
    ['minikube delete --all', 'minikube delete -p prod'],
    ['k3d cluster delete sandbox', 'k3d cluster delete production'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('a workspace or context selected earlier on the line', () => {
  it.each([
    ['terraform workspace select dev && terraform destroy -auto-approve', 'terraform destroy -auto-approve'],
    [
      'terraform workspace select dev && terraform apply -auto-approve',
      'terraform workspace select prod && terraform apply -auto-approve',
    ],
    // a selection the line may go on without may have failed: where things stood (nowhere known) still counts
    [
      'terraform workspace select dev && terraform destroy',
      'terraform workspace select dev; terraform destroy',
    ],
    [
      'terraform workspace new dev && terraform destroy',
      'terraform workspace select dev | tee log && terraform destroy',
    ],
    [
      'kubectl config use-context kind-dev && kubectl delete ns web',
      'kubectl config use-context prod-eu && kubectl delete ns web',
    ],
    ['kubectx dev-sandbox && kubectl delete ns web', 'kubectx prod-us && kubectl delete ns web'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));

  it.each([
    // in a directory where dev is selected, a line that selects prod first destroys prod
    ['terraform destroy -auto-approve', 'terraform workspace select prod && terraform destroy -auto-approve'],
    [
      'terraform workspace select dev; terraform destroy',
      'terraform workspace select prod; terraform destroy',
    ],
    ['terraform destroy', "bash -c 'terraform workspace select prod' && terraform destroy"],
    [
      'terraform workspace select dev && terraform destroy',
      'terraform workspace select dev && cd ../ops && terraform destroy',
    ],
  ])('where dev is selected: %s is allowed; %s is held', (everyday, destructive) =>
    gate.allowedAndHeld(everyday, destructive, `${gate.repo}/infra`),
  );
});

describe('deploys that publish a preview, and remote one-offs judged on what they run', () => {
  it.each([
    ['netlify deploy --dir=dist', 'netlify deploy --dir=dist --prod'],
    ['netlify deploy --dir=dist', 'netlify deploy --dir=dist --site shop-production'],
    ['vercel deploy', 'vercel deploy --target=production'],
    [
      'heroku run --app shop-prod \'rails runner "puts Order.count"\'',
      "heroku run --app shop-prod 'rails db:schema:load'",
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe("docker's current context", () => {
  it.each([
    ['a remote context', JSON.stringify({ currentContext: 'build-box' })],
    ['a config that is not JSON', '{ not json'],
  ])('%s in config.json makes the engine not this machine', async (_, config) => {
    const own = await gateFixture();
    try {
      own.write('../.docker/config.json', config);
      expect(own.stopped('docker rm -f api-dev')).toBe(true);
    } finally {
      own.close();
    }
  });

  it('a local desktop context is this machine', async () => {
    const own = await gateFixture();
    try {
      own.write('../.docker/config.json', JSON.stringify({ currentContext: 'desktop-linux' }));
      expect(own.decide('docker rm -f api-dev').decision).toBe('allow');
    } finally {
      own.close();
    }
  });
});
