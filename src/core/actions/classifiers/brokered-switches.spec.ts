import { describe, expect, it } from 'vitest';
import type { SimpleCommand } from '../types.js';
import { UNKNOWN_VALUE } from '../types.js';
import { classifyBrokeredSwitches } from './brokered-switches.js';
import { cmd, surroundings } from './command-factory.js';

const CREDS = '/home/dev/project/.blastwall/creds';
/** An agent whose tools get AWS, Kubernetes and PostgreSQL credentials from the broker (`blastwall creds setup`). */
const brokered = surroundings({
  env: {
    AWS_CONFIG_FILE: `${CREDS}/aws-config`,
    AWS_PROFILE: 'blastwall-prod',
    KUBECONFIG: `${CREDS}/kubeconfig`,
    PGSERVICEFILE: `${CREDS}/pg_service.conf`,
  },
});
const onlyKube = surroundings({ env: { KUBECONFIG: `${CREDS}/kubeconfig` } });
const unbrokered = surroundings({ env: { AWS_CONFIG_FILE: '/home/dev/.aws/config' } });

/** `VAR=value cmd …`, as the parser gives it. */
const withEnv = (text: string, env: Record<string, string>) => cmd(text, { env });
/** A change the line made before the command (`unset X`, `env -u X`, `env -i`, `X=…; cmd`). */
const changed = (text: string, name: string, value: string | null) =>
  cmd(text, { envChanges: { [name]: { value, ifInherited: false } } });

function held(command: SimpleCommand, where = brokered): string[] {
  return classifyBrokeredSwitches(command, where).map((op) => `${op.target}: ${op.summary}`);
}

describe('classifyBrokeredSwitches', () => {
  it.each([
    [
      'AWS keys of its own',
      withEnv('npm test', { AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'y' }),
      /AWS_ACCESS_KEY_ID: sets AWS_ACCESS_KEY_ID, AWS credentials of its own/,
    ],
    [
      'an exported session token',
      changed('export AWS_SESSION_TOKEN=x', 'AWS_SESSION_TOKEN', 'x'),
      /AWS_SESSION_TOKEN/,
    ],
    [
      'a web identity token file',
      withEnv('python deploy.py', { AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/t' }),
      /AWS_WEB_IDENTITY_TOKEN_FILE/,
    ],
    [
      'container credentials',
      withEnv('make', { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://x' }),
      /AWS_CONTAINER_CREDENTIALS_FULL_URI/,
    ],
    [
      'a profile outside the brokered ones',
      withEnv('npm test', { AWS_PROFILE: 'prod-admin' }),
      /sets AWS_PROFILE to prod-admin, not a profile or service brokered/,
    ],
    [
      'an exported default profile',
      changed('export AWS_DEFAULT_PROFILE=admin', 'AWS_DEFAULT_PROFILE', 'admin'),
      /AWS_DEFAULT_PROFILE/,
    ],
    [
      'an empty profile',
      withEnv('npm test', { AWS_PROFILE: '' }),
      /clears AWS_PROFILE, so AWS tools fall back/,
    ],
    ['an unset profile', changed('unset AWS_PROFILE', 'AWS_PROFILE', null), /clears AWS_PROFILE/],
    [
      'a profile known only when the line runs',
      withEnv('npm test', { AWS_PROFILE: UNKNOWN_VALUE }),
      /AWS_PROFILE/,
    ],
    [
      'a password of its own',
      withEnv('npm test', { PGPASSWORD: 'pw' }),
      /PGPASSWORD: sets PGPASSWORD, PostgreSQL credentials/,
    ],
    [
      'a system-wide service file',
      withEnv('psql', { PGSYSCONFDIR: '/etc/postgresql-common' }),
      /PGSYSCONFDIR/,
    ],
    [
      'a service outside the brokered ones',
      withEnv('psql', { PGSERVICE: 'admin' }),
      /sets PGSERVICE to admin/,
    ],
    [
      'a database URL with a password',
      withEnv('npm test', { DATABASE_URL: 'postgres://admin:pw@db.prod/app' }),
      /DATABASE_URL: sets DATABASE_URL to a PostgreSQL URL with a password/,
    ],
    [
      'an exported postgresql URL with a password',
      changed('export PG_URL=postgresql://a:b@h/d', 'PG_URL', 'postgresql://a:b@h/d'),
      /PG_URL/,
    ],
    ['env -i', changed('npm test', '*', null), /the environment: clears the whole environment/],
  ])('holds %s', (_what, command, reason) => {
    expect(held(command)).toContainEqual(expect.stringMatching(reason));
  });

  it('holds env -i when only Kubernetes is brokered', () => {
    expect(held(changed('kubectl get pods', '*', null), onlyKube)).toHaveLength(1);
  });

  it.each([
    ['a brokered profile', withEnv('aws s3 ls', { AWS_PROFILE: 'blastwall-prod-write' })],
    ['a brokered service', withEnv('psql', { PGSERVICE: 'blastwall-prod' })],
    ['a region', withEnv('aws s3 ls', { AWS_REGION: 'eu-west-1' })],
    [
      'a database URL without a password',
      withEnv('npm test', { DATABASE_URL: 'postgres://app@localhost/app' }),
    ],
    ['unsetting a key', changed('unset AWS_ACCESS_KEY_ID', 'AWS_ACCESS_KEY_ID', null)],
    ['an ordinary variable', withEnv('npm test', { NODE_ENV: 'test', CI: '1' })],
    ['AWS keys for an agent whose AWS is not brokered', withEnv('npm test', { AWS_ACCESS_KEY_ID: 'AKIAX' })],
  ])('leaves %s alone', (_what, command) => {
    const where = _what.includes('not brokered') ? onlyKube : brokered;
    expect(held(command, where)).toEqual([]);
  });

  it('leaves every line alone when no broker is in force', () => {
    const lines = [
      withEnv('npm test', { AWS_ACCESS_KEY_ID: 'AKIAX', AWS_PROFILE: 'prod-admin', PGPASSWORD: 'pw' }),
      changed('npm test', '*', null),
    ];
    for (const line of lines) expect(held(line, unbrokered)).toEqual([]);
  });
});
