import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Framework and migration CLIs are decided on where they act: a URL or host on the line or in the environment, an
// environment option or variable, else the project's own database configuration, read as it stands. A reset or
// rollback against this machine's development database is everyday; the same against another server, a production
// environment or a configuration blastwall cannot read is held, and a forward migration there is a deploy.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  // a Rails app whose development database is local and whose staging one is not
  gate.write(
    'rails-app/config/database.yml',
    [
      'default: &default',
      '  adapter: postgresql',
      '  host: <%= ENV.fetch("PGHOST") { "localhost" } %>',
      'development:',
      '  <<: *default',
      '  database: bakery_development',
      'staging:',
      '  <<: *default',
      '  host: pg-stage.bakery.example',
      '',
    ].join('\n'),
  );
  // a Prisma project whose schema reads DATABASE_URL from .env
  gate.write(
    'prisma-local/prisma/schema.prisma',
    'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
  );
  gate.write('prisma-local/.env', 'DATABASE_URL="postgresql://dev:dev@127.0.0.1:5433/bakery_dev"\n');
  gate.write(
    'prisma-remote/prisma/schema.prisma',
    'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
  );
  gate.write('prisma-remote/.env', 'DATABASE_URL=postgresql://app@orders-db.internal.example:5432/orders\n');
  // a Prisma schema that reads a variable set nowhere: its place is known only when it runs
  gate.write(
    'prisma-unset/prisma/schema.prisma',
    'datasource db {\n  provider = "mysql"\n  url      = env("ORDERS_DB")\n}\n',
  );
  // alembic projects, one local and one pointed at a shared server
  gate.write(
    'alembic-local/alembic.ini',
    '[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///local.db\n',
  );
  gate.write(
    'alembic-remote/alembic.ini',
    '[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://svc@reporting.example.net/reports\n',
  );
  gate.write('flyway-remote/flyway.conf', 'flyway.url=jdbc:mysql://billing-db.example.org:3306/billing\n');
  gate.write('laravel-remote/.env', 'APP_ENV=local\nDB_HOST=mysql.shared.example.com\n');
});
afterAll(() => gate.close());

describe('resets and rollbacks: this machine allowed, elsewhere held', () => {
  it.each([
    // the line names the environment
    ['bin/rails db:rollback STEP=2', 'RAILS_ENV=production bin/rails db:rollback STEP=2'],
    [
      'bundle exec rake db:migrate:redo VERSION=2',
      'RACK_ENV=staging bundle exec rake db:migrate:redo VERSION=2',
    ],
    ['MIX_ENV=test mix ecto.rollback --all', 'MIX_ENV=prod mix ecto.rollback --all'],
    ['php artisan migrate:refresh --env=testing', 'php artisan migrate:refresh --force --env=production'],
    ['npx sequelize-cli db:seed:undo:all --env test', 'npx sequelize-cli db:seed:undo:all --env production'],
    ['npx knex migrate:down --env development', 'npx knex migrate:down --env live'],
    ['alembic -x env=dev downgrade base', 'alembic -x env=prod downgrade base'],
    ['atlas migrate down --env dev', 'atlas migrate down --env production'],
    // the line names the server
    [
      'sqlx database drop -y --database-url postgres://localhost/bakery_test',
      'sqlx database drop -y --database-url postgres://db.bakery.example/bakery',
    ],
    [
      'dbmate --url postgres://127.0.0.1/bakery_dev rollback',
      'dbmate --url postgres://pg.bakery.example/bakery rollback',
    ],
    [
      'goose -dir sql mysql "root@tcp(localhost:3306)/bakery" down',
      'goose -dir sql postgres "postgres://svc@pg.bakery.example/bakery" down',
    ],
    [
      'liquibase rollback-count --count=1 --url=jdbc:postgresql://localhost/bakery',
      'liquibase rollback-count --count=1 --url=jdbc:postgresql://pg.bakery.example/bakery',
    ],
    [
      'bundle exec sequel -m migrations -M 3 sqlite://bakery.db',
      'bundle exec sequel -m migrations -M 3 postgres://pg.bakery.example/bakery',
    ],
    // the environment names the server
    [
      'DATABASE_URL=postgres://localhost/bakery_dev diesel migration revert',
      'DATABASE_URL=postgres://pg.bakery.example/bakery diesel migration revert',
    ],
    [
      'MIKRO_ORM_HOST=localhost npx mikro-orm schema:fresh --run',
      'MIKRO_ORM_HOST=pg.bakery.example npx mikro-orm schema:fresh --run',
    ],
    [
      'DB_HOST=127.0.0.1 npx typeorm migration:revert -d src/db.ts',
      'DB_HOST=orders.example.io npx typeorm migration:revert -d src/db.ts',
    ],
    // a variable the line reads names production by its name
    ['npx prisma migrate reset --force', 'npx prisma db push --force-reset --url "$LIVE_DB_URL"'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe("the project's own configuration says where a bare command acts", () => {
  it.each([
    ['rails-app', 'bin/rails db:reset', 'RAILS_ENV=staging bin/rails db:reset'],
    [
      'prisma-local',
      'npx prisma migrate reset --force',
      'npx prisma db push --accept-data-loss --schema ../prisma-unset/prisma/schema.prisma',
    ],
    ['alembic-local', 'alembic downgrade base', 'alembic -c ../alembic-remote/alembic.ini downgrade base'],
  ])('in %s: %s is allowed; %s is held', (dir, everyday, destructive) =>
    gate.allowedAndHeld(everyday, destructive, `${gate.repo}/${dir}`),
  );

  it.each([
    ['prisma-remote', 'npx prisma migrate reset --force'],
    ['prisma-unset', 'npx prisma migrate reset --force'],
    ['alembic-remote', 'alembic downgrade -1'],
    ['flyway-remote', 'flyway clean -cleanDisabled=false'],
    ['laravel-remote', 'php artisan migrate:fresh --seed'],
  ])('in %s: %s is held', (dir, command) => {
    expect(gate.stopped(command, `${gate.repo}/${dir}`)).toBe(true);
  });
});

describe('forward migrations: a deploy where they reach a protected or unknown environment', () => {
  it.each([
    ['python manage.py migrate', 'python manage.py migrate --settings=bakery.settings.production'],
    ['php artisan migrate', 'php artisan migrate --force --env=production'],
    [
      'npx prisma migrate deploy',
      'DATABASE_URL=postgres://pg.bakery.example/bakery npx prisma migrate deploy',
    ],
    ['alembic upgrade head', 'DATABASE_URL=postgresql://pg.bakery.example/bakery alembic upgrade head'],
    ['flyway -environment=dev migrate', 'flyway -environment=prod migrate'],
    [
      'liquibase update --url=jdbc:postgresql://localhost/bakery',
      'liquibase update --url=jdbc:postgresql://pg.bakery.example/bakery',
    ],
    ['MIX_ENV=dev mix ecto.migrate', 'MIX_ENV=prod mix ecto.migrate'],
    ['npx drizzle-kit push', 'DATABASE_URL=postgres://pg.bakery.example/bakery npx drizzle-kit push'],
  ])('%s is allowed; %s is held', (everyday, deploy) => gate.allowedAndHeld(everyday, deploy));
});

describe('reads, plans and SQL output stay allowed against production', () => {
  it.each([
    ['alembic upgrade head --sql', 'DATABASE_URL=postgres://pg.bakery.example/bakery alembic upgrade head'],
    ['php artisan migrate --pretend --env=production', 'php artisan migrate --env=production --force'],
    [
      'liquibase rollback-count-sql --count=2 --url=jdbc:postgresql://pg.bakery.example/bakery',
      'liquibase rollback-count --count=2 --url=jdbc:postgresql://pg.bakery.example/bakery',
    ],
    [
      'MIKRO_ORM_HOST=pg.bakery.example npx mikro-orm schema:drop --dump',
      'MIKRO_ORM_HOST=pg.bakery.example npx mikro-orm schema:drop --run',
    ],
    ['RAILS_ENV=production bin/rails db:migrate:status', 'RAILS_ENV=production bin/rails db:migrate'],
    ['flyway -environment=prod info', 'flyway -environment=prod clean'],
    [
      'npx typeorm migration:show -d src/db.ts',
      'NODE_ENV=production DB_HOST=orders.example.io npx typeorm schema:sync -d src/db.ts',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('code and SQL a framework runs in the app, judged on what it deletes', () => {
  it.each([
    [
      "RAILS_ENV=production bin/rails runner 'puts Invoice.count'",
      "RAILS_ENV=production bin/rails runner 'Invoice.where(paid: true).delete_all'",
    ],
    [
      "DJANGO_SETTINGS_MODULE=bakery.settings.prod python manage.py shell -c 'print(Loaf.objects.count())'",
      "DJANGO_SETTINGS_MODULE=bakery.settings.prod python manage.py shell -c 'Loaf.objects.filter(stale=True).delete()'",
    ],
    [
      "APP_ENV=production php artisan tinker --execute='echo App\\Models\\Loaf::count();'",
      "APP_ENV=production php artisan tinker --execute='App\\Models\\Loaf::truncate();'",
    ],
    [
      'python manage.py sqlflush --settings=bakery.settings.prod',
      'python manage.py sqlflush --settings=bakery.settings.prod | python manage.py dbshell --settings=bakery.settings.prod',
    ],
    [
      "echo 'SELECT 1;' | npx prisma db execute --url postgres://localhost/bakery_dev --stdin",
      'echo \'DELETE FROM loaves;\' | npx prisma db execute --url "$PRODUCTION_DB" --stdin',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('a framework command a remote runner carries is judged where it runs', () => {
  it.each([
    [
      "kamal app exec -d production 'ls log'",
      "kamal app exec --reuse -d production 'bin/rails db:rollback STEP=1'",
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('a task runner that sets the connection for the framework command it runs', () => {
  it("reads a poe task's env table", () => {
    const task = (url: string) =>
      `[tool.poe.tasks.rewind]\ncmd = "alembic downgrade base"\nenv = { DATABASE_URL = "${url}" }\n`;
    gate.write('poe-local/pyproject.toml', task('postgresql://dev@localhost/bakery_dev'));
    gate.write('poe-remote/pyproject.toml', task('postgresql://svc@pg.bakery.example/bakery'));
    expect(gate.decide('poe rewind', `${gate.repo}/poe-local`).decision).toBe('allow');
    expect(gate.stopped('poe rewind', `${gate.repo}/poe-remote`)).toBe(true);
  });
});
