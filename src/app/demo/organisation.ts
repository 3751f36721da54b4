import type { Level } from '../../core/model.js';

/** A person of the example organisation, as `blastwall.yaml` lists them plus a display name. */
export interface DemoPerson {
  /** The GitHub login, which is also the person's id. */
  id: string;
  name: string;
  level: Level;
  team: string;
  email: string;
}

/** A service of the example organisation. */
export interface DemoService {
  id: string;
  tier: 1 | 2 | 3 | 4;
  owner: string;
  dependsOn: string[];
  /** Has Terraform under `infra/<id>/` besides its code under `services/<id>/`. */
  infra?: boolean;
}

/** The email domain of the example organisation. */
const DEMO_DOMAIN = 'shop.example';

/** Eight teams; the first person of each list is its most senior. */
const TEAMS: Record<string, Array<[login: string, name: string, level: Level]>> = {
  payments: [
    ['noor-h', 'Noor Haddad', 'principal'],
    ['sokafor', 'Sam Okafor', 'senior'],
    ['lwerner', 'Lena Werner', 'senior'],
    ['max-weber', 'Max Weber', 'mid'],
    ['tchen', 'Tao Chen', 'mid'],
    ['jpark', 'Jo Park', 'junior'],
  ],
  checkout: [
    ['kimura-k', 'Kenji Kimura', 'senior'],
    ['adeyemi', 'Funmi Adeyemi', 'senior'],
    ['rsantos', 'Rafael Santos', 'mid'],
    ['ivanova', 'Mila Ivanova', 'mid'],
    ['dnguyen', 'Duc Nguyen', 'junior'],
  ],
  identity: [
    ['hbrandt', 'Hanna Brandt', 'principal'],
    ['omalley', 'Ciara O’Malley', 'senior'],
    ['vkumar', 'Vikram Kumar', 'mid'],
    ['ebakker', 'Eva Bakker', 'mid'],
    ['zali', 'Zara Ali', 'junior'],
  ],
  search: [
    ['mrossi', 'Marco Rossi', 'senior'],
    ['yuki-t', 'Yuki Tanaka', 'mid'],
    ['acohen', 'Ari Cohen', 'junior'],
    ['bmensah', 'Ben Mensah', 'junior'],
    ['lfischer', 'Lea Fischer', 'mid'],
  ],
  platform: [
    ['gpatel', 'Gita Patel', 'principal'],
    ['lee-j', 'Lee Jordan', 'senior'],
    ['fdubois', 'Farid Dubois', 'senior'],
    ['skowalski', 'Sofia Kowalski', 'mid'],
    ['cobrien', 'Cal O’Brien', 'junior'],
  ],
  data: [
    ['ajohansson', 'Astrid Johansson', 'senior'],
    ['pmehta', 'Priya Mehta', 'mid'],
    ['wzhang', 'Wei Zhang', 'mid'],
    ['nkariuki', 'Njeri Kariuki', 'junior'],
  ],
  fulfilment: [
    ['dmorales', 'Diego Morales', 'senior'],
    ['hsato', 'Hiro Sato', 'mid'],
    ['kwalsh', 'Kate Walsh', 'mid'],
    ['tbianchi', 'Teo Bianchi', 'junior'],
    ['ooyelaran', 'Ola Oyelaran', 'junior'],
  ],
  growth: [
    ['rlindqvist', 'Rut Lindqvist', 'principal'],
    ['mgarcia', 'Maria García', 'senior'],
    ['jkim', 'Jae Kim', 'mid'],
    ['sahmed', 'Sami Ahmed', 'junior'],
    ['evans-l', 'Lucy Evans', 'junior'],
  ],
};

/** The senior reviewer whose sign-in token `blastwall demo` prints. */
export const DEMO_REVIEWER = 'sokafor';

/** The teams of the example organisation. */
export const DEMO_TEAMS = Object.keys(TEAMS);

/** About forty people at every level. */
export const DEMO_PEOPLE: readonly DemoPerson[] = Object.entries(TEAMS).flatMap(([team, members]) =>
  members.map(([id, name, level]) => ({ id, name, level, team, email: `${id}@${DEMO_DOMAIN}` })),
);

type Row = [id: string, tier: 1 | 2 | 3 | 4, owner: string, dependsOn: string[], infra?: boolean];

/** Sixty services; payments, ledger, auth, the API gateway and the message bus are the hubs. */
const SERVICES: Row[] = [
  [
    'payments',
    1,
    'payments',
    ['ledger', 'fraud-detection', 'currency-rates', 'auth', 'secrets-broker'],
    true,
  ],
  ['ledger', 1, 'payments', ['secrets-broker', 'message-bus'], true],
  ['fraud-detection', 2, 'payments', ['ml-features', 'user-profile']],
  ['billing', 2, 'payments', ['ledger', 'payments', 'email-sender']],
  ['refunds', 2, 'payments', ['payments', 'ledger', 'orders']],
  ['payouts', 2, 'payments', ['ledger', 'secrets-broker']],
  ['currency-rates', 3, 'payments', ['config-service']],
  ['invoice-pdf', 4, 'payments', ['billing']],
  [
    'checkout',
    1,
    'checkout',
    ['payments', 'cart', 'pricing', 'tax', 'shipping-quotes', 'orders', 'auth'],
    true,
  ],
  ['cart', 1, 'checkout', ['pricing', 'catalog', 'sessions']],
  ['pricing', 1, 'checkout', ['catalog', 'promotions', 'feature-flags']],
  ['promotions', 2, 'checkout', ['user-profile', 'feature-flags']],
  ['tax', 2, 'checkout', ['config-service']],
  ['shipping-quotes', 2, 'checkout', ['carrier-integrations']],
  ['gift-cards', 3, 'checkout', ['ledger', 'auth']],
  ['auth', 1, 'identity', ['sessions', 'secrets-broker', 'user-profile'], true],
  ['sessions', 1, 'identity', ['secrets-broker'], true],
  ['user-profile', 2, 'identity', ['message-bus']],
  ['permissions', 2, 'identity', ['auth']],
  ['sso-gateway', 2, 'identity', ['auth', 'permissions']],
  ['mfa', 2, 'identity', ['auth', 'notifications']],
  ['account-recovery', 3, 'identity', ['auth', 'email-sender']],
  ['catalog', 1, 'search', ['product-images', 'message-bus'], true],
  ['search', 2, 'search', ['catalog', 'search-indexer']],
  ['search-indexer', 3, 'search', ['catalog', 'message-bus']],
  ['recommendations', 3, 'search', ['catalog', 'ml-features', 'user-profile']],
  ['product-images', 2, 'search', ['config-service']],
  ['reviews', 3, 'search', ['catalog', 'auth']],
  ['autocomplete', 3, 'search', ['search']],
  ['api-gateway', 1, 'platform', ['auth', 'rate-limiter', 'config-service'], true],
  ['message-bus', 1, 'platform', [], true],
  ['secrets-broker', 1, 'platform', [], true],
  ['feature-flags', 2, 'platform', ['config-service']],
  ['config-service', 2, 'platform', []],
  ['rate-limiter', 2, 'platform', ['config-service']],
  ['observability', 3, 'platform', []],
  ['ci-runners', 4, 'platform', ['secrets-broker']],
  ['event-stream', 2, 'data', ['message-bus']],
  ['data-warehouse', 3, 'data', ['event-stream'], true],
  ['analytics', 3, 'data', ['data-warehouse']],
  ['reporting', 3, 'data', ['data-warehouse', 'ledger']],
  ['etl-jobs', 4, 'data', ['event-stream', 'data-warehouse']],
  ['ml-features', 3, 'data', ['event-stream']],
  ['experiments', 3, 'data', ['feature-flags', 'event-stream']],
  ['orders', 1, 'fulfilment', ['inventory', 'payments', 'message-bus'], true],
  ['inventory', 1, 'fulfilment', ['warehouse-api', 'message-bus'], true],
  ['warehouse-api', 2, 'fulfilment', ['auth']],
  ['shipping', 2, 'fulfilment', ['orders', 'carrier-integrations']],
  ['returns', 2, 'fulfilment', ['orders', 'refunds']],
  ['carrier-integrations', 3, 'fulfilment', ['secrets-broker']],
  ['label-printer', 4, 'fulfilment', ['shipping']],
  [
    'storefront',
    1,
    'growth',
    ['api-gateway', 'catalog', 'cart', 'checkout', 'search', 'recommendations', 'reviews'],
  ],
  ['mobile-bff', 1, 'growth', ['api-gateway', 'catalog', 'cart', 'checkout', 'search']],
  ['notifications', 2, 'growth', ['message-bus', 'user-profile']],
  ['email-sender', 3, 'growth', ['notifications']],
  ['loyalty', 3, 'growth', ['orders', 'user-profile']],
  ['referrals', 4, 'growth', ['loyalty']],
  ['admin-console', 3, 'growth', ['auth', 'permissions', 'orders']],
  ['marketing-site', 4, 'growth', ['catalog']],
  ['docs', 4, 'platform', []],
];

/** About sixty services with tiers, owners and a dependency graph. */
export const DEMO_SERVICES: readonly DemoService[] = SERVICES.map(([id, tier, owner, dependsOn, infra]) => ({
  id,
  tier,
  owner,
  dependsOn,
  ...(infra && { infra }),
}));

/** Where a service's code lives. */
function servicePaths(service: DemoService): string[] {
  if (service.id === 'docs') return ['docs/**'];
  return [`services/${service.id}/**`, ...(service.infra ? [`infra/${service.id}/**`] : [])];
}

/** The example organisation's `blastwall.yaml`: people, services and the three environments. */
export function demoConfigYaml(): string {
  const lines = ['# The example organisation of `blastwall demo`.', 'people:'];
  for (const p of DEMO_PEOPLE)
    lines.push(
      `  - { id: ${p.id}, level: ${p.level}, emails: [${p.email}], teams: [${p.team}], github: ${p.id} }`,
    );
  lines.push('services:');
  for (const s of DEMO_SERVICES) {
    const paths = servicePaths(s)
      .map((path) => `"${path}"`)
      .join(', ');
    const deps = s.dependsOn.length > 0 ? `, dependsOn: [${s.dependsOn.join(', ')}]` : '';
    lines.push(`  - { id: ${s.id}, tier: ${s.tier}, owner: ${s.owner}, paths: [${paths}]${deps} }`);
  }
  lines.push(
    'environments:',
    '  prod:    { protected: true,  match: { kubeContext: ["prod-*"], awsProfile: ["prod*"], terraformWorkspace: ["prod"], host: ["*.prod.*"] } }',
    '  staging: { protected: false, match: { kubeContext: ["staging-*"], awsProfile: ["staging*"], terraformWorkspace: ["staging"], host: ["*.staging.*"] } }',
    '  dev:     { protected: false, match: { kubeContext: ["kind-*", "dev-*"], awsProfile: ["dev*"], terraformWorkspace: ["dev"], host: ["*.dev.*", "localhost"] } }',
    '# The services are all listed above: no Backstage catalog-info.yaml files to look for.',
    'catalog: { enabled: false }',
    '',
  );
  return lines.join('\n');
}
