// The agent changing where its tools find brokered credentials is held, like any switch of blastwall itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';
import { runCli } from '../../src/test-support/cli-testing.js';
import { PEOPLE } from './harness.js';

let repo: ScratchRepo;
beforeAll(() => {
  repo = createScratchRepo('bw-creds-guard-');
  repo.commit('config', { 'blastwall.yaml': PEOPLE });
});
afterAll(() => repo.remove());

function gate(command: string, env: Record<string, string> = {}) {
  return runCli(['gate', '--json', '--agent', 'claude-code', '--command', command], {
    cwd: repo.dir,
    env: { HOME: repo.dir, BLASTWALL_CACHE: 'off', PATH: process.env.PATH ?? '', ...env },
  });
}

/** The agent's environment after `blastwall creds setup prod`: its tools get credentials from the broker. */
function brokeredEnv(): Record<string, string> {
  const dir = `${repo.dir}/.blastwall/creds`;
  return {
    AWS_CONFIG_FILE: `${dir}/aws-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${dir}/aws-credentials`,
    AWS_PROFILE: 'blastwall-prod',
    KUBECONFIG: `${dir}/kubeconfig`,
    PGSERVICEFILE: `${dir}/pg_service.conf`,
    PGSERVICE: 'blastwall-prod',
  };
}

describe('brokered credential settings are guarded', () => {
  it.each([
    ['a credentials file with keys found on disk', 'AWS_SHARED_CREDENTIALS_FILE=~/old/credentials npm test'],
    ['exporting another AWS config', 'export AWS_CONFIG_FILE=/tmp/mine && make deploy'],
    ['another kubeconfig', 'KUBECONFIG=~/Downloads/admin.conf kubectl get pods'],
    ['dropping the service file', 'unset PGSERVICEFILE; psql -c "select 1"'],
    ['env -u of the shared credentials file', 'env -u AWS_SHARED_CREDENTIALS_FILE python deploy.py'],
    ['writing ~/.aws/credentials', 'printf "[default]\\naws_access_key_id=AKIA" > ~/.aws/credentials'],
    ['editing the kubeconfig', 'sed -i s/blastwall-prod/admin/ ~/.kube/config'],
    ['writing ~/.pgpass', 'echo "*:*:*:postgres:pw" >> ~/.pgpass'],
    ['rewriting the brokered profiles', 'cp /tmp/keys .blastwall/creds/aws-config'],
  ])('holds %s', async (_what, command) => {
    const result = await gate(command);
    const decision = JSON.parse(result.stdout);
    expect(decision.decision, result.stdout).not.toBe('allow');
    expect(result.code).not.toBe(0);
  });

  it.each([
    ['npm test'],
    ['aws s3 ls --profile blastwall-dev'],
    ['echo $KUBECONFIG'],
    // A profile only chooses among the brokered config's profiles.
    ['AWS_PROFILE=blastwall-dev aws s3 ls'],
  ])('leaves %s alone', async (command) => {
    expect(JSON.parse((await gate(command)).stdout).decision).toBe('allow');
  });
});

// With the broker in force, a line that makes the agent's tools use other credentials is held, whatever runs.
describe('switching away from brokered credentials', () => {
  it.each([
    [
      'AWS keys of its own',
      'AWS_ACCESS_KEY_ID=AKIAEXAMPLE AWS_SECRET_ACCESS_KEY=x npm test',
      /AWS credentials of its own/,
    ],
    [
      'an exported profile outside the brokered ones',
      'export AWS_PROFILE=prod-admin && pytest',
      /not a profile or service brokered/,
    ],
    ['an unset profile', 'unset AWS_PROFILE; make test', /clears AWS_PROFILE/],
    ['a cleared environment', 'env -i HOME=/root PATH=/usr/bin npm test', /clears the whole environment/],
    [
      'a database URL with its own password',
      'DATABASE_URL=postgres://admin:pw@db.prod.example/app npm test',
      /PostgreSQL URL with a password/,
    ],
    ['a PostgreSQL password', 'PGPASSWORD=hunter2 python migrate.py', /PGPASSWORD/],
  ])('holds %s', async (_what, command, reason) => {
    const result = await gate(command, brokeredEnv());
    const decision = JSON.parse(result.stdout);
    expect(decision.decision, result.stdout).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toMatch(reason);
  });

  it.each([
    ['npm test'],
    ['AWS_PROFILE=blastwall-prod-write npm test'],
    ['PGSERVICE=blastwall-prod psql -c "select 1"'],
  ])('leaves %s alone', async (command) => {
    expect(JSON.parse((await gate(command, brokeredEnv())).stdout).decision).toBe('allow');
  });

  it('leaves the same lines alone when no broker is in force (nothing to switch away from)', async () => {
    const result = await gate('AWS_ACCESS_KEY_ID=AKIAEXAMPLE AWS_SECRET_ACCESS_KEY=x npm test');
    expect(JSON.parse(result.stdout).decision).toBe('allow');
  });
});
