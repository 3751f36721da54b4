import { describe, expect, it } from 'vitest';
import { createEnvironmentResolver } from '../environment.js';
import { cmd, surroundings } from './command-factory.js';
import {
  disposableWord,
  frameworkTestEnvironment,
  localTestDatabase,
  testOrDevWord,
} from './local-target.js';

describe('names of local test/dev things', () => {
  it.each([
    ['app_test', 'test'],
    ['project-dev-db', 'dev'],
    ['config.settings.test', 'test'],
    ['shopTesting', 'testing'],
    ['app_test_prod', undefined],
    ['devops-production', undefined],
    ['latest', undefined],
    ['pgdata', undefined],
  ])('%s → %s', (name, word) => {
    expect(testOrDevWord(name)).toBe(word);
  });

  it.each([
    ['web_node_modules', 'node_modules'],
    ['gradle-cache', 'cache'],
    ['api-ci', 'ci'],
    ['cache_prod', undefined],
    ['pgdata', undefined],
  ])('%s is disposable by %s', (name, word) => {
    expect(disposableWord(name)).toBe(word);
  });
});

describe('a framework pointed at its test/dev environment', () => {
  const here = surroundings();
  it.each([
    ['rails db:drop RAILS_ENV=test', {}, true],
    ['rake db:reset', { RAILS_ENV: 'test' }, true],
    ['mix ecto.reset', { MIX_ENV: 'dev' }, true],
    ['php artisan migrate:fresh --env=testing', {}, true],
    ['python manage.py flush --settings=app.settings.test', {}, true],
    // every marker must say test or dev, and nothing may name production or another server
    ['rails db:drop RAILS_ENV=test', { RACK_ENV: 'production' }, false],
    ['rails db:drop RAILS_ENV=test --trace prod', {}, false],
    ['rails db:drop RAILS_ENV=test', { DATABASE_URL: 'postgres://db.corp.io/app' }, false],
    ['rails db:drop RAILS_ENV=test', { DATABASE_URL: 'postgres://localhost/app_test' }, true],
    ['rails db:drop', {}, false],
    // a variable only a framework reads says nothing of another tool's target
    ['acmectl purge-all', { NODE_ENV: 'test' }, false],
  ])('%s with %j: %s', (text, env, local) => {
    expect(frameworkTestEnvironment(cmd(text, { env }), here) !== undefined).toBe(local);
  });

  it('reads variables the command inherits, but not inside a remote command', () => {
    const inherited = surroundings({ env: { MIX_ENV: 'test' } });
    expect(frameworkTestEnvironment(cmd('mix ecto.drop'), inherited)).toContain('MIX_ENV=test');
    const remote = cmd('mix ecto.drop', { env: { MIX_ENV: 'test' }, remote: { kind: 'ssh', host: 'h' } });
    expect(frameworkTestEnvironment(remote, inherited)).toBeUndefined();
  });

  it('a test database counts only on the local default server', () => {
    expect(localTestDatabase(cmd('dropdb app_test'), surroundings(), 'app_test', ['PGHOST'])).toBeDefined();
    const elsewhere = surroundings({ env: { PGHOST: 'pg.corp.io' } });
    expect(localTestDatabase(cmd('dropdb app_test'), elsewhere, 'app_test', ['PGHOST'])).toBeUndefined();
  });
});

describe('the environment of a local test/dev target', () => {
  const resolver = createEnvironmentResolver([
    { id: 'prod', protected: true, match: { host: ['*.prod.*'], database: ['*_ledger'] } },
  ]);
  const localTarget = 'RAILS_ENV=test';
  it.each([
    [{ local: true, localTarget }, false],
    [{ host: 'localhost', localTarget }, false],
    [{ host: 'db.corp.io', localTarget }, true],
    [{ local: true, localTarget, awsProfile: 'sandbox' }, true],
    [{ local: true, localTarget, environment: 'preview' }, true],
    // a protected match anywhere still decides
    [{ local: true, localTarget, database: 'app_ledger' }, true],
    [{ local: true }, true],
  ])('%j is protected: %s', (hints, isProtected) => {
    expect(resolver.resolve(hints).protected).toBe(isProtected);
  });
});
