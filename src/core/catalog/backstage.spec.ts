import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER, linkDependents, parseCatalogEntities } from './backstage.js';

function docs(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => doc.toJS() as unknown);
}

const PAYMENTS_FILE = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  annotations:
    blastwall.dev/tier: "1"
    github.com/project-slug: acme/payments
spec:
  type: service
  lifecycle: production
  owner: group:default/payments-team
  system: shop
  dependsOn:
    - resource:default/orders-db
    - component:ledger
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: orders-db
  tags: [postgres, tier_1]
spec:
  type: database
  owner: user:default/sam
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-api
spec:
  type: openapi
  owner: payments-team
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: shop
spec:
  owner: shop-team
---
# an empty document, as left by a trailing separator
`;

describe('a multi-document catalog file', () => {
  const { services, errors, dependents } = parseCatalogEntities(
    docs(PAYMENTS_FILE),
    'services/payments/catalog-info.yaml',
  );

  it('yields Components, Resources and Systems and ignores other kinds', () => {
    expect(errors).toEqual([]);
    expect(services.map((service) => [service.id, service.kind])).toEqual([
      ['payments', 'component'],
      ['orders-db', 'resource'],
      ['shop', 'system'],
    ]);
  });

  it('reads owner, dependencies, tier and paths of a component', () => {
    expect(services[0]).toEqual({
      id: 'payments',
      tier: 1,
      owner: 'payments-team',
      paths: ['services/payments/**'],
      dependsOn: ['orders-db', 'ledger'],
      kind: 'component',
    });
  });

  it('takes an OpsLevel-style tier tag and strips user: and default/ from owners', () => {
    expect(services[1]).toMatchObject({ id: 'orders-db', tier: 1, owner: 'sam' });
  });

  it('makes a system depend on its components and gives it no paths of its own', () => {
    expect(services[2]).toMatchObject({ id: 'shop', tier: DEFAULT_TIER, paths: [], dependsOn: ['payments'] });
    expect(dependents).toEqual([]);
  });
});

describe('fields', () => {
  function one(entity: string, file = 'catalog-info.yaml') {
    const result = parseCatalogEntities(docs(`apiVersion: backstage.io/v1alpha1\n${entity}`), file);
    return { service: result.services[0], errors: result.errors };
  }

  it.each([
    ['annotation as a number', 'annotations: { blastwall.dev/tier: 2 }', 2],
    ['annotation as a string', 'annotations: { blastwall.dev/tier: "4" }', 4],
    ['tag tier_2', 'tags: [tier_2]', 2],
    ['tag tier-1', 'tags: [web, tier-1]', 1],
    ['label value tier_1', 'labels: { opslevel-tier: tier_1 }', 1],
    ['label tier: "2"', 'labels: { tier: "2" }', 2],
    ['annotation wins over tags', 'annotations: { blastwall.dev/tier: 4 }\n  tags: [tier_1]', 4],
    ['nothing: the default', 'tags: [web]', 3],
  ])('tier from %s', (_label, metadata, tier) => {
    const { service, errors } = one(
      `kind: Component\nmetadata:\n  name: web\n  ${metadata}\nspec: { owner: web }`,
    );
    expect(errors).toEqual([]);
    expect(service?.tier).toBe(tier);
  });

  it.each([
    ['catalog-info.yaml', undefined, ['**']],
    ['services/api/catalog-info.yaml', undefined, ['services/api/**']],
    ['services/api/catalog-info.yaml', 'libs/api/**, services/api/**', ['libs/api/**', 'services/api/**']],
    ['services/api/catalog-info.yaml', './src/**,/proto/api/**', ['services/api/src/**', 'proto/api/**']],
  ])('paths for %s with annotation %j', (file, annotation, paths) => {
    const annotations =
      annotation === undefined ? '' : `\n  annotations: { blastwall.dev/paths: "${annotation}" }`;
    const { service } = one(
      `kind: Component\nmetadata:\n  name: api${annotations}\nspec: { owner: api }`,
      file,
    );
    expect(service?.paths).toEqual(paths);
  });

  it.each([
    ['group:default/payments', 'payments'],
    ['group:payments', 'payments'],
    ['user:jo', 'jo'],
    ['payments', 'payments'],
    ['group:finance/payments', 'finance/payments'],
  ])('owner %s → %s', (ref, owner) => {
    expect(one(`kind: Component\nmetadata: { name: x }\nspec: { owner: "${ref}" }`).service?.owner).toBe(
      owner,
    );
  });

  it('keeps non-default namespaces in ids and references', () => {
    const { service } = one(
      'kind: Component\nmetadata: { name: x, namespace: ops }\nspec: { dependsOn: ["resource:ops/db", "component:default/y", "z"] }',
    );
    expect(service).toMatchObject({ id: 'ops/x', dependsOn: ['ops/db', 'y', 'z'] });
  });

  it('ignores documents that are not Backstage entities', () => {
    const result = parseCatalogEntities(
      [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'k8s' } }, 'text', null],
      'catalog-info.yaml',
    );
    expect(result.services).toEqual([]);
    expect(result.errors).toEqual([
      { file: 'catalog-info.yaml', document: 2, message: 'document 2 is not a mapping' },
    ]);
  });
});

describe('errors', () => {
  it.each([
    ['kind: Component\nmetadata: {}', 'metadata.name is missing'],
    ['kind: Component\nmetadata: { name: "bad name!" }', 'is not a valid entity name'],
    ['metadata: { name: x }', 'kind is missing'],
    ['kind: Component\nmetadata: { name: x, annotations: { blastwall.dev/tier: "0" } }', 'from 1 to 4'],
    ['kind: Component\nmetadata: { name: x, annotations: { blastwall.dev/tier: high } }', 'from 1 to 4'],
    [
      'kind: Component\nmetadata: { name: x }\nspec: { dependsOn: component:y }',
      'spec.dependsOn must be a list',
    ],
    ['kind: Component\nmetadata: { name: x }\nspec: { owner: [a] }', 'spec.owner'],
    [
      'kind: Component\nmetadata: { name: x, annotations: { blastwall.dev/paths: [a] } }',
      'blastwall.dev/paths',
    ],
  ])('%j → %s', (entity, message) => {
    const result = parseCatalogEntities(
      docs(`apiVersion: backstage.io/v1alpha1\n${entity}`),
      'a/catalog-info.yaml',
    );
    expect(result.errors).toEqual([
      { file: 'a/catalog-info.yaml', document: 1, message: expect.stringContaining(message) },
    ]);
  });

  it('reports a name defined twice in one file, with the document number', () => {
    const text =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: x }\n---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: { name: x }\n';
    const result = parseCatalogEntities(docs(text), 'catalog-info.yaml');
    expect(result.services).toHaveLength(1);
    expect(result.errors).toEqual([
      {
        file: 'catalog-info.yaml',
        document: 2,
        message: 'Resource "x" (document 2): "x" is defined twice in this file',
      },
    ]);
  });
});

describe('reverse edges across files', () => {
  it('returns edges to systems in other files, for linking once all files are read', () => {
    const component = parseCatalogEntities(
      docs(
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: cart }\nspec: { system: "system:shop", dependencyOf: [component:web] }',
      ),
      'services/cart/catalog-info.yaml',
    );
    const system = parseCatalogEntities(
      docs('apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: shop }'),
      'catalog-info.yaml',
    );
    expect(component.dependents).toEqual([
      { dependent: 'web', dependency: 'cart' },
      { dependent: 'shop', dependency: 'cart' },
    ]);
    const all = [...component.services, ...system.services];
    expect(linkDependents(all, component.dependents)).toEqual([{ dependent: 'web', dependency: 'cart' }]);
    expect(system.services[0]?.dependsOn).toEqual(['cart']);
  });
});
