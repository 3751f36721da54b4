import { describe, expect, it } from 'vitest';
import { createEnvironmentResolver } from './environment.js';
import type { EnvironmentHints } from './types.js';

// Environments that match on kube contexts and AWS profiles, none on cloud projects: a project's id names its
// environment by a word of it.
const resolver = createEnvironmentResolver([
  { id: 'production', protected: true, match: { kubeContext: ['prod-*'], awsProfile: ['prod*'] } },
  { id: 'dev', protected: false, match: { kubeContext: ['kind-*', 'dev-*'], awsProfile: ['dev*'] } },
  { id: 'qa', protected: false, match: { kubeContext: ['qa-*'] } },
]);

describe("a cloud project's id names its environment", () => {
  it.each<[EnvironmentHints, string, boolean]>([
    [{ gcpProject: 'shop-dev' }, 'dev', false],
    [{ gcpProject: 'dev-tools-production' }, 'production', true],
    [{ gcpProject: 'shop-dev', region: 'europe-west1' }, 'dev', false],
    [{ gcpProject: 'shop-dev', kubeContext: 'dev-eu' }, 'dev', false],
    // an unprotected environment called by a word that is shared elsewhere is still named by it
    [{ gcpProject: 'shop-qa' }, 'qa', false],
  ])('%j is %s', (hints, id, isProtected) => {
    const resolved = resolver.resolve(hints);
    expect(resolved.id).toBe(id);
    expect(resolved.protected).toBe(isProtected);
  });

  it.each<EnvironmentHints>([
    // a production word the protected environment is not called by still names production
    { gcpProject: 'dev-shop-prod' },
    { gcpProject: 'shop-live-dev' },
    { gcpProject: 'shop-dev-staging' },
    { gcpProject: 'shop-qa-prd' },
    // another system named beside the project that no environment matches is not the project's dev
    { gcpProject: 'shop-dev', kubeContext: 'gke_shop_main' },
    { gcpProject: 'shop-dev', awsProfile: 'billing-admin' },
    { gcpProject: 'shop-dev', terraformWorkspace: 'main' },
  ])('%j stays protected', (hints) => {
    const resolved = resolver.resolve(hints);
    expect(resolved.protected).toBe(true);
    expect(resolved.id).not.toBe('dev');
  });
});
