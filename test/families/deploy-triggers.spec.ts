import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Starting a production deploy pipeline is a deploy whose effect blastwall cannot know: a trigger verb (execute,
// submit, start, dispatch, run) whose pipeline is named for deploying to production, an HTTP POST that starts one,
// a store release to the production track, a converge agent run on production nodes, and a deploy to a server
// named by the tool's own address variable. The twin starts something else, or only looks.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('pipelines that deploy to production', () => {
  it.each([
    ['tkn pipeline start release-production -n ci', 'tkn pipeline start unit-tests -n ci'],
    [
      'az pipelines run --name prod-deploy --org https://dev.azure.com/acme',
      'az pipelines runs list --org https://dev.azure.com/acme',
    ],
    [
      'argo submit --from workflowtemplate/promote-prod -n argo',
      'argo submit --from workflowtemplate/lint -n argo',
    ],
    [
      'spin pipeline execute --application shop --name deploy-production',
      'spin pipeline get --application shop --name deploy-production',
    ],
    [
      'curl -X POST https://ci.corp.io/job/deploy-prod/buildWithParameters --user bot:$TOKEN',
      'curl -s https://ci.corp.io/job/deploy-prod/lastBuild/api/json --user bot:$TOKEN',
    ],
    [
      'curl -X POST https://api.github.com/repos/acme/shop/actions/workflows/deploy-production.yml/dispatches -d \'{"ref":"main"}\'',
      'curl -X POST https://api.buildkite.com/v2/organizations/acme/pipelines/nightly-tests/builds -d \'{"commit":"HEAD"}\'',
    ],
    [
      'bundle exec fastlane supply --track production --aab app.aab',
      'bundle exec fastlane supply --track internal --aab app.aab',
    ],
    ["knife ssh 'role:web AND chef_environment:prod' 'sudo chef-client'", "knife ssh 'role:web' 'uptime'"],
    ['sudo puppet agent --test', 'puppet --version'],
  ])('%s is held; %s is allowed', (deploy, twin) => {
    expect(gate.stopped(deploy)).toBe(true);
    const allowed = gate.decide(twin);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });

  it('reads a deploy tool’s own address variable: NOMAD_ADDR names the cluster a job runs on', () => {
    expect(gate.stopped('NOMAD_ADDR=https://nomad.prod.corp.io:4646 nomad job run jobs/web.nomad.hcl')).toBe(
      true,
    );
    expect(gate.decide('NOMAD_ADDR=http://127.0.0.1:4646 nomad job run jobs/web.nomad.hcl').decision).toBe(
      'allow',
    );
    expect(gate.decide('NOMAD_ADDR=https://nomad.prod.corp.io:4646 nomad job status web').decision).toBe(
      'allow',
    );
  });
});
