import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Issue 19: the developer's own dev stack on this machine. The local container engine's containers, volumes and
// compose project, a service of the local compose project, and a migration tool pointed at the loopback or at
// supabase's local stack are disposable dev resources: every independent corpus writer resets them as everyday
// work. Each beside a destructive twin through the same door — production named in a name, a compose file or env
// file, a remote engine (DOCKER_HOST, -H, --context), a remote database URL, a linked project, or a wholesale
// removal of every volume on the machine — which stays held.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe("the local container engine's containers, volumes and compose project", () => {
  it.each([
    ['docker compose down -v', 'docker --context prod-swarm compose down -v'],
    ['docker compose down --volumes --remove-orphans', 'docker compose --env-file .env.production down -v'],
    ['docker-compose down --volumes', 'docker-compose -f docker-compose.prod.yml down --volumes'],
    ['docker compose -p shop down -v', 'docker -H ssh://ops@db1.prod.acme.io compose down -v'],
    ['docker rm -f project-db-1', 'DOCKER_HOST=tcp://db.prod.acme.io:2376 docker rm -f project-db-1'],
    ['docker rm -f postgres', 'docker rm -f $(docker ps -aq)'],
    ['docker volume rm pgdata', 'docker volume rm pgdata_prod'],
    ['podman volume rm pgdata', 'podman volume rm --force --all'],
    ['docker container prune -f', 'docker volume prune -f'],
    ['docker container prune -f', 'docker system prune -af --volumes'],
    ['docker container prune -f', 'docker --context prod-db container prune -f'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('a command run in a service of the local compose project', () => {
  it.each([
    [
      'docker compose exec redis redis-cli FLUSHALL',
      'docker compose -f compose.prod.yml exec redis redis-cli FLUSHALL',
    ],
    [
      'docker compose exec postgres psql -U postgres -d acme_dev -c "TRUNCATE events"',
      'docker --context prod-db compose exec postgres psql -U postgres -c "TRUNCATE events"',
    ],
    ['docker-compose exec redis redis-cli FLUSHALL', 'docker exec redis redis-cli FLUSHALL'],
    [
      'docker compose run --rm redis redis-cli FLUSHALL',
      'docker compose --env-file .env.production run --rm app bin/rails db:drop DISABLE_DATABASE_ENVIRONMENT_CHECK=1',
    ],
    ['docker compose exec redis redis-cli FLUSHALL', 'docker compose exec redis-prod redis-cli FLUSHALL'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe("migration tools pointed at this machine's own database", () => {
  it.each([
    [
      'flyway -url=jdbc:postgresql://localhost:5432/app_dev clean -cleanDisabled=false',
      'flyway -url=jdbc:postgresql://db.acme.io:5432/app clean -cleanDisabled=false',
    ],
    [
      'flyway clean -url=jdbc:postgresql://127.0.0.1/app',
      'flyway clean -url=jdbc:postgresql://localhost:5432/app_prod',
    ],
    ['supabase db reset', 'supabase db reset --linked'],
    ['supabase db reset', 'supabase db reset --db-url postgres://postgres@db.acme.io:5432/postgres'],
    ['supabase db reset', 'DOCKER_HOST=ssh://ops@box.acme.io supabase db reset'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('a two-step recipe resetting a service of the local compose project', () => {
  it('allows the local service and holds the production host', () => {
    gate.write('justfile', 'reset:\n    docker compose exec redis redis-cli FLUSHALL\n');
    const allowed = gate.decide('just reset');
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
    gate.write('justfile', 'reset:\n    redis-cli -h cache.prod.acme.io FLUSHALL\n');
    expect(gate.decide('just reset').decision).not.toBe('allow');
  });
});

describe('well-known caches deep in the home directory', () => {
  it.each([
    ['rm -rf ~/Library/Developer/Xcode/DerivedData/Acme-*', 'rm -rf ~/Library/Developer/Xcode'],
    ['rm -rf ~/Library/Caches/com.acme.app', 'rm -rf ~/Library/Keychains'],
    ['rm -rf ~/.gradle/caches', 'rm -rf ~/.gradle'],
    ['rm -rf ~/.m2/repository', 'rm -rf ~/.m2'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});
