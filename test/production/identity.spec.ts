// Acceptance of issue 14 §3: environments are matched by what a kube context, AWS profile or gcloud
// configuration resolves to, and agent writes to those files are held as environment spoofing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGate } from '../../src/app/gate.js';
import { createLocalProbes } from '../../src/app/probes.js';

const CONFIG = `environments:
  prod:
    protected: true
    match:
      kubeContext: ['prod-*']
      kubeCluster: ['https://api.prod.example.com*']
      awsAccount: ['111111111111']
      gcpProject: ['shop-prod']
      azureSubscription: ['0b1f6471-prod']
  dev:
    protected: false
    match: { kubeContext: ['kind-*', 'dev-*'], awsProfile: ['dev*'], kubeCluster: ['https://127.0.0.1:*'], gcpProject: ['shop-dev'] }
`;
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: LS0t
    server: https://api.prod.example.com:6443
  name: prod-eu
- cluster:
    server: https://127.0.0.1:40123
  name: kind-local
contexts:
- context:
    cluster: prod-eu
    namespace: shop
    user: admin
  name: kind-prod-eu
- context:
    cluster: kind-local
    user: kind
  name: kind-local
current-context: kind-local
users: []
`;
const AWS_CONFIG = `[default]
region = eu-west-1

[profile dev-ops]
role_arn = arn:aws:iam::111111111111:role/ops
source_profile = default

[profile dev-sandbox]
sso_account_id = 222222222222
sso_role_name = Developer
`;

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'bw-identity-'));
  mkdirSync(join(home, '.git'));
  mkdirSync(join(home, '.kube'));
  mkdirSync(join(home, '.aws'));
  mkdirSync(join(home, '.config', 'gcloud', 'configurations'), { recursive: true });
  writeFileSync(join(home, 'blastwall.yaml'), CONFIG);
  writeFileSync(join(home, '.kube', 'config'), KUBECONFIG);
  writeFileSync(join(home, '.aws', 'config'), AWS_CONFIG);
  writeFileSync(join(home, '.config', 'gcloud', 'active_config'), 'work\n');
  mkdirSync(join(home, '.azure'));
  writeFileSync(
    join(home, '.azure', 'azureProfile.json'),
    '\uFEFF{"subscriptions":[{"id":"9d2c-dev","isDefault":false},{"id":"0b1f6471-prod","isDefault":true}]}',
  );
  writeFileSync(
    join(home, '.config', 'gcloud', 'configurations', 'config_work'),
    '[core]\nproject = shop-prod\n',
  );
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function decide(command: string) {
  const env = { HOME: home, PATH: '/usr/bin:/bin' };
  const gate = await createGate({ cwd: home, env, probes: createLocalProbes({ env }) });
  return gate.decideCommand({ command, agent: 'claude-code' });
}

describe('environments by what names resolve to', () => {
  it('a context named kind-prod-eu over the prod cluster server is prod (kubeCluster)', async () => {
    const decision = await decide('kubectl --context kind-prod-eu delete deployment web');
    expect(decision.operations[0]?.environment).toMatchObject({ id: 'prod', protected: true });
    expect(decision.operations[0]?.environment.matchedBy).toContain('https://api.prod.example.com:6443');
    expect(decision.decision).not.toBe('allow');
  });

  it('a kind context over a loopback cluster stays dev', async () => {
    const decision = await decide('kubectl --context kind-local delete deployment web');
    expect(decision.operations[0]?.environment).toMatchObject({ id: 'dev', protected: false });
    expect(decision.decision).toBe('allow');
  });

  it('a context the kubeconfig does not hold is not taken at its word', async () => {
    const decision = await decide('kubectl --context kind-elsewhere delete deployment web');
    expect(decision.operations[0]?.environment).toMatchObject({ known: false, protected: true });
  });

  it('without resolving (no probes, as on a server) a kube context is not matched by its name', async () => {
    const gate = await createGate({ cwd: home, env: { HOME: home } });
    const decision = gate.evaluateCommand({ command: 'kubectl --context kind-local delete deployment web' });
    expect(decision.operations[0]?.environment).toMatchObject({ known: false, protected: true });
  });

  it('an AWS profile named dev-ops that assumes a role in the prod account is prod (awsAccount)', async () => {
    const prod = await decide('aws s3 rb s3://orders --force --profile dev-ops');
    expect(prod.operations[0]?.environment).toMatchObject({ id: 'prod' });
    const sandbox = await decide('aws s3 rb s3://scratch --force --profile dev-sandbox');
    expect(sandbox.operations[0]?.environment).toMatchObject({ id: 'dev' });
  });

  it("an az command takes the CLI's default subscription (azureSubscription)", async () => {
    const decision = await decide('az group delete --name shop-rg --yes');
    expect(decision.operations[0]?.environment).toMatchObject({ id: 'prod' });
  });

  it('a gcloud command takes the active configuration project (gcpProject)', async () => {
    const decision = await decide('gcloud sql instances delete orders --quiet');
    expect(decision.operations[0]?.environment).toMatchObject({ id: 'prod' });
  });
});

describe('environment spoofing', () => {
  it.each([
    'aws configure set role_arn arn:aws:iam::222222222222:role/x --profile dev-ops',
    'kubectl config rename-context prod-eu kind-prod-eu',
    'kubectl config set-cluster kind-local --server https://api.prod.example.com:6443',
    'gcloud config set project shop-dev',
    'cat cluster.yaml >> ~/.kube/config',
    'printf "Host db\\n  HostName db.prod.example.com\\n" >> ~/.ssh/config',
    'cp other-credentials ~/.aws/credentials',
  ])('%s is held', async (command) => {
    const decision = await decide(command);
    expect(decision.decision).toBe('needs-approval');
    expect(decision.reasons.join('\n')).toContain('[agent-environment-spoofing]');
  });

  it('an editor write to the kubeconfig is held too', async () => {
    const gate = await createGate({ cwd: home, env: { HOME: home } });
    const decision = gate.evaluateOperations({
      description: 'Write ~/.kube/config',
      operations: [
        {
          kind: 'write',
          category: 'editor',
          destructive: false,
          reversible: true,
          target: join(home, '.kube', 'config'),
          summary: 'Write .kube/config',
          hints: { local: true },
          source: 'Write',
        },
      ],
    });
    expect(decision.reasons.join('\n')).toContain('[agent-environment-spoofing]');
  });

  it('switching contexts and reading the config are not spoofing', async () => {
    expect((await decide('kubectl config use-context kind-local')).decision).toBe('allow');
    expect((await decide('kubectl config get-contexts')).decision).toBe('allow');
    expect((await decide('aws configure list')).decision).toBe('allow');
  });
});

describe('loopback hosts', () => {
  it('are the workstation, not an unknown environment', async () => {
    const decision = await decide("psql -h 127.0.0.1 -c 'delete from sessions'");
    expect(decision.operations[0]?.environment).toMatchObject({ id: 'workstation', known: true });
  });
});
