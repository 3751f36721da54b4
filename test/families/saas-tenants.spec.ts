import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Hosted commerce and SaaS services: the tenant a CLI names (a Salesforce org, a Shopify store, an IoT hub, a
// Contentful environment, a dataset) says by its owners' words which environment it is; Stripe acts in test mode
// unless told `--live`. Ending live objects, deploying into an unnamed or production tenant and API calls whose path
// or body asks for deletion (an archive batch, a GDPR deletion, an `"op":"…delete"`) are held.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('commerce and SaaS tenants', () => {
  it.each([
    ['stripe invoices void in_1Abc', 'stripe invoices void in_1Abc --live'],
    ['stripe payment_methods detach pm_1Abc', 'stripe payment_methods detach pm_1Abc --live'],
    ['stripe refunds list --live', 'stripe refunds create --charge ch_1Abc --live'],
    [
      'stripe subscriptions cancel sub_1Q --api-key sk_test_abc',
      'stripe subscriptions cancel sub_1Q --api-key sk_live_abc',
    ],
    [
      'shopify theme push --unpublished --store widgets-dev.myshopify.com',
      'shopify theme push --store widgets-production.myshopify.com --live',
    ],
    [
      'shopify theme delete --store widgets-dev.myshopify.com --theme 7 --force',
      'shopify theme delete --store widgets.myshopify.com --theme 7 --force',
    ],
    [
      'sf project deploy start --target-org bugfix-scratch',
      'sf project deploy start --target-org widgets-main',
    ],
    [
      'sf data delete record --sobject Lead --record-id 00Q1 --target-org bugfix-scratch',
      'sf data delete record --sobject Lead --record-id 00Q1 --target-org widgets-prod',
    ],
    ['sanity dataset delete pr-7-scratch', 'sanity dataset delete main'],
    [
      'contentful space environment delete --environment-id dev-feature-9 --space-id s1',
      'contentful space environment delete --environment-id main --space-id s1',
    ],
    [
      'hs upload dist/theme widgets-theme --account=widgets-dev',
      'hs upload dist/theme widgets-theme --account=widgets-production',
    ],
    ['a0deploy export -c config/dev.json -f yaml -o /tmp/t', 'a0deploy deploy -c tenant.json -i tenant.yaml'],
    [
      'curl -s -X POST https://api.crm.example/v3/objects/tickets/search -d \'{"limit":5}\'',
      'curl -X POST https://api.crm.example/v3/objects/tickets/batch/archive -d \'{"inputs":[{"id":"5"}]}\'',
    ],
    [
      'curl -s -X POST https://analytics.example/api/exports -d \'{"type":"csv"}\'',
      'curl -X POST https://analytics.example/api/privacy/user-deletions -d \'{"ids":["u1"]}\'',
    ],
    [
      'curl -s -X POST https://cdp.example/v1/jobs -d \'{"job_type":"export"}\'',
      'curl -X POST https://cdp.example/v1/jobs -d \'{"job_type":"delete_profiles"}\'',
    ],
  ])('%s is everyday, %s is not', (everyday, destructive) => {
    gate.allowedAndHeld(everyday, destructive);
  });
});
