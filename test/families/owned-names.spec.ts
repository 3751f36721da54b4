import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Where a cloud command acts, and names fixed by their owners. Every operation built from a command carries the
// place its own words name (an AWS tool's `--profile`, gcloud's `--project`), so a safeguard switched off under a
// dev profile is judged in dev — and under a prod profile, or none, stays held. A project, hosting app, search
// index or Argo CD application is named by its owners when they make it: a dev word that is a whole
// dash/underscore-separated segment of it names dev, but only when no other segment names production or a
// shared environment; a word merely inside another (`devtools`, `developer`) names nothing.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe("a safeguard switched off is judged where the command's own words say it acts", () => {
  it.each([
    [
      'aws dynamodb update-table --table-name carts --no-deletion-protection-enabled --profile dev-team',
      'aws dynamodb update-table --table-name carts --no-deletion-protection-enabled --profile prod-team',
    ],
    [
      'aws dynamodb update-table --table-name carts --no-deletion-protection-enabled --profile dev-team',
      'aws dynamodb update-table --table-name carts --no-deletion-protection-enabled',
    ],
    [
      'AWS_PROFILE=dev-ops aws ec2 modify-instance-attribute --instance-id i-0abc --no-disable-api-termination',
      'AWS_PROFILE=prod-ops aws ec2 modify-instance-attribute --instance-id i-0abc --no-disable-api-termination',
    ],
    [
      'gcloud compute instances update vm-1 --no-deletion-protection --project=payments-sandbox',
      'gcloud compute instances update vm-1 --no-deletion-protection --project=payments-sandbox-prd',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('names their owners fixed', () => {
  it.each([
    ['fly apps destroy reviews-dev -y', 'fly apps destroy reviews-live -y'],
    [
      'heroku pg:reset DATABASE_URL --app billing-test --confirm billing-test',
      'heroku pg:reset DATABASE_URL --app billing --confirm billing',
    ],
    [
      'firebase database:remove /carts --project shop-development -f',
      'firebase database:remove /carts --project shop-production -f',
    ],
    ['algolia indices clear test_catalog --confirm', 'algolia indices clear catalog_production --confirm'],
    ['algolia indices clear test_catalog --confirm', 'algolia indices clear catalog --confirm'],
    ['argocd app delete web-development-pr-7 --cascade', 'argocd app delete web-prod-pr-7 --cascade'],
    ['argocd app delete web-development-pr-7 --cascade', 'argocd app delete web-dev-staging --cascade'],
    [
      'heroku run -a ledger-sandbox -- bin/rake db:schema:load',
      'heroku run -a ledger -- bin/rake db:schema:load',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));

  it.each([
    // a dev word only as a whole segment
    'fly apps destroy developer-tools -y',
    'gcloud compute instances update vm-1 --no-deletion-protection --project=devtools',
    // a production word fused into a segment still counts
    'fly apps destroy shopprod-dev -y',
    'algolia indices delete dev_products_prod2 --confirm',
    // more than one name after the verb: the words could be the agent's own
    'algolia indices delete dev_a prod_b --confirm',
  ])('%s is held', (line) => {
    expect(gate.stopped(line)).toBe(true);
  });
});
