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

function gate(command: string) {
  return runCli(['gate', '--json', '--agent', 'claude-code', '--command', command], {
    cwd: repo.dir,
    env: { HOME: repo.dir, BLASTWALL_CACHE: 'off', PATH: process.env.PATH ?? '' },
  });
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
