import { createScratchRepo, type Identity, type ScratchRepo } from '../../adapters/git/scratch-repo.js';

/** The example organisation's configuration: people at every level, tiered services with dependencies. */
export const DEMO_CONFIG = `people:
  - { id: jo,    level: junior,    emails: [jo@shop.example],    teams: [checkout] }
  - { id: ari,   level: junior,    emails: [ari@shop.example],   teams: [search] }
  - { id: max,   level: mid,       emails: [max@shop.example],   teams: [payments] }
  - { id: lee,   level: mid,       emails: [lee@shop.example],   teams: [platform] }
  - { id: sam,   level: senior,    emails: [sam@shop.example],   teams: [payments] }
  - { id: kim,   level: senior,    emails: [kim@shop.example],   teams: [checkout] }
  - { id: noor,  level: principal, emails: [noor@shop.example],  teams: [platform, payments] }
services:
  - { id: payments,  tier: 1, owner: payments, paths: ["services/payments/**"], dependsOn: [ledger-db] }
  - { id: ledger-db, tier: 1, owner: payments, paths: ["infra/ledger-db/**"] }
  - { id: checkout,  tier: 1, owner: checkout, paths: ["services/checkout/**"], dependsOn: [payments, catalog] }
  - { id: catalog,   tier: 2, owner: search,   paths: ["services/catalog/**"], dependsOn: [search] }
  - { id: search,    tier: 2, owner: search,   paths: ["services/search/**"] }
  - { id: storefront, tier: 1, owner: checkout, paths: ["web/storefront/**"], dependsOn: [checkout, catalog] }
  - { id: reports,   tier: 3, owner: platform, paths: ["services/reports/**"], dependsOn: [payments] }
  - { id: docs,      tier: 4, owner: platform, paths: ["docs/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"], awsProfile: ["prod*"], terraformWorkspace: ["prod"], host: ["*.prod.*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*", "dev-*"], awsProfile: ["dev*"] } }
`;

const people: Record<string, Identity> = {
  jo: { name: 'Jo Park', email: 'jo@shop.example' },
  ari: { name: 'Ari Cohen', email: 'ari@shop.example' },
  max: { name: 'Max Weber', email: 'max@shop.example' },
  sam: { name: 'Sam Okafor', email: 'sam@shop.example' },
  noor: { name: 'Noor Haddad', email: 'noor@shop.example' },
};
const copilotBot: Identity = {
  name: 'copilot-swe-agent[bot]',
  email: '198982749+Copilot@users.noreply.github.com',
};

/** A branch of the example and what it shows. */
export interface DemoBranch {
  name: string;
  story: string;
}

/** Builds the example repository: a main branch and feature branches by humans and AI tools. */
export function buildExampleRepo(): { repo: ScratchRepo; branches: DemoBranch[] } {
  const repo = createScratchRepo('blastwall-demo-');
  repo.commit(
    'Initial services',
    {
      'blastwall.yaml': DEMO_CONFIG,
      '.github/CODEOWNERS': '* @shop/platform\n/tools/ @shop/devex\n',
      'services/payments/retry.ts': 'export const maxRetries = 3;\n',
      'services/checkout/cart.ts':
        'export function total(items: number[]) { return items.reduce((a, b) => a + b, 0); }\n',
      'services/catalog/list.ts': 'export const pageSize = 20;\n',
      'services/search/index.ts': 'export const shards = 4;\n',
      'services/reports/daily.ts': 'export const hour = 2;\n',
      'infra/ledger-db/main.tf': 'resource "aws_db_instance" "ledger" { instance_class = "db.r6g.large" }\n',
      'docs/runbook.md': '# Runbook\n',
      'tools/lint.sh': '#!/bin/sh\nnpm run lint\n',
    },
    people.noor,
  );
  const branches: DemoBranch[] = [];
  const branch = (name: string, story: string, build: () => void): void => {
    repo.git('checkout', '-q', '-b', name, 'main');
    build();
    branches.push({ name, story });
  };
  branch(
    'jo/claude-payment-retries',
    'a junior engineer’s Claude-co-authored change to the tier-1 payments service',
    () => {
      repo.commit(
        'Retry failed card payments with backoff\n\nCo-authored-by: Claude Sonnet 4.5 <noreply@anthropic.com>\n',
        {
          'services/payments/retry.ts':
            'export const maxRetries = 5;\nexport const backoffMs = [100, 400, 1600, 6400, 25600];\n',
        },
        people.jo,
      );
    },
  );
  branch('sam/docs-runbook', 'a senior engineer’s human-written docs change', () => {
    repo.commit(
      'Document the payments failover',
      { 'docs/runbook.md': '# Runbook\n\n## Payments failover\nPromote the replica.\n' },
      people.sam,
    );
  });
  branch(
    'copilot/search-shards',
    'the Copilot coding agent changes search, which catalog, checkout and the storefront depend on',
    () => {
      repo.commit(
        'Increase search shards to 8\n\nCo-authored-by: ari <ari@shop.example>\n',
        { 'services/search/index.ts': 'export const shards = 8;\n' },
        copilotBot,
      );
    },
  );
  branch(
    'max/cursor-ledger-db',
    'a mid-level engineer’s Cursor change to the ledger database, reaching payments, checkout and the storefront',
    () => {
      repo.commit(
        'Resize the ledger database\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n',
        {
          'infra/ledger-db/main.tf':
            'resource "aws_db_instance" "ledger" { instance_class = "db.r6g.xlarge" }\n',
        },
        people.max,
      );
      repo.commit(
        'Report on ledger size',
        { 'services/reports/daily.ts': 'export const hour = 3;\n' },
        people.max,
      );
    },
  );
  branch('ari/tools-human', 'a junior’s human change to tooling owned only through CODEOWNERS', () => {
    repo.commit(
      'Lint shell scripts too',
      { 'tools/lint.sh': '#!/bin/sh\nnpm run lint && shellcheck tools/*.sh\n' },
      people.ari,
    );
  });
  repo.git('checkout', '-q', 'main');
  return { repo, branches };
}
