import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Previews and reads mistaken for changes: a sync's dry run, Salt's `test=True`, a user named like a verb
// (`id release`), a build's console output, an auth role's configuration, a history analysis, a merged pull
// request's head branch. Each beside the change it previews, which stays held.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('previews and reads', () => {
  it.each([
    ['argocd app sync billing-prod --dry-run', 'argocd app sync billing-prod'],
    ["salt -G 'role:api' state.apply nginx test=True", "salt -G 'role:api' state.apply nginx test=False"],
    ["ssh app1.prod.corp.io 'id release; sudo lastlog -u release'", "ssh app1.prod.corp.io 'kamal deploy'"],
    [
      'java -jar jenkins-cli.jar -s https://ci.corp.io/ console release-prod 88',
      'java -jar jenkins-cli.jar -s https://ci.corp.io/ build release-prod',
    ],
    ['vault read auth/jwt/role/ci-deployer', 'vault read auth/approle/role/ci-deployer/role-id'],
    ['vault read auth/jwt/role/ci-deployer', 'vault read database/creds/prod-readonly'],
    [
      'git filter-repo --analyze --report-dir /tmp/r',
      'git filter-repo --analyze --path secrets/ --invert-paths',
    ],
    ['gh pr merge 77 --rebase -d', 'gh repo delete acme/widgets --yes'],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});
