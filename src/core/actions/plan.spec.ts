import { describe, expect, it } from 'vitest';
import { createEnvironmentResolver } from './environment.js';
import {
  isStatefulType,
  planOperations,
  type InfrastructurePlan,
  type PlanFormat,
  type PlanResource,
  type ResourceChange,
} from './plan.js';

const SERVICES = new Set(['payments', 'checkout', 'reports']);

function planOf(
  format: PlanFormat,
  resources: Partial<PlanResource>[],
  extra: Partial<InfrastructurePlan> = {},
): InfrastructurePlan {
  return {
    format,
    name: 'plan.json',
    resources: resources.map((r, i) => ({
      address: `res.${i}`,
      type: 'aws_instance',
      change: 'update',
      labels: {},
      ...r,
    })),
    hints: {},
    ...extra,
  };
}

describe('isStatefulType', () => {
  it.each([
    ['terraform', 'aws_db_instance', true],
    ['terraform', 'aws_rds_cluster', true],
    ['terraform', 'google_sql_database_instance', true],
    ['terraform', 'azurerm_mssql_database', true],
    ['terraform', 'azurerm_postgresql_flexible_server', true],
    ['terraform', 'azurerm_postgresql_firewall_rule', false],
    ['terraform', 'aws_ebs_volume', true],
    ['terraform', 'aws_s3_bucket', true],
    ['terraform', 'aws_s3_bucket_policy', false],
    ['terraform', 'aws_dynamodb_table', true],
    ['terraform', 'aws_kms_key', true],
    ['terraform', 'aws_elasticache_replication_group', true],
    ['terraform', 'kubernetes_persistent_volume_claim_v1', true],
    ['terraform', 'aws_instance', false],
    ['terraform', 'aws_security_group_rule', false],
    ['terraform', 'aws_iam_policy', false],
    ['cloudformation', 'AWS::RDS::DBInstance', true],
    ['cloudformation', 'AWS::DynamoDB::Table', true],
    ['cloudformation', 'AWS::EC2::Instance', false],
    ['cloudformation', 'AWS::IAM::Role', false],
    ['kubernetes', 'PersistentVolumeClaim', true],
    ['kubernetes', 'Namespace', true],
    ['kubernetes', 'Deployment', false],
  ] as const)('%s %s → %s', (format, type, expected) => {
    expect(isStatefulType(format, type)).toBe(expected);
  });
});

describe('planOperations', () => {
  it.each<
    [
      string,
      PlanFormat,
      string,
      ResourceChange,
      Partial<PlanResource>,
      { kind: string; destructive: boolean; reversible: boolean } | undefined,
    ]
  >([
    [
      'replacing a database loses its data',
      'terraform',
      'aws_db_instance',
      'replace',
      {},
      { kind: 'replace', destructive: true, reversible: false },
    ],
    [
      'replacing a stateless instance is re-creatable',
      'terraform',
      'aws_instance',
      'replace',
      {},
      { kind: 'replace', destructive: true, reversible: true },
    ],
    [
      'deleting a stateless instance is re-creatable',
      'terraform',
      'aws_instance',
      'delete',
      {},
      { kind: 'delete', destructive: true, reversible: true },
    ],
    [
      'deleting a bucket loses its data',
      'terraform',
      'aws_s3_bucket',
      'delete',
      {},
      { kind: 'delete', destructive: true, reversible: false },
    ],
    [
      'updating a database in place is a write',
      'terraform',
      'aws_db_instance',
      'update',
      {},
      { kind: 'write', destructive: false, reversible: true },
    ],
    [
      'creating is a write',
      'terraform',
      'aws_db_instance',
      'create',
      {},
      { kind: 'write', destructive: false, reversible: true },
    ],
    ['no-op is nothing', 'terraform', 'aws_db_instance', 'no-op', {}, undefined],
    ['a data source read is nothing', 'terraform', 'aws_caller_identity', 'read', {}, undefined],
    [
      'a conditional replacement is held, not refused',
      'cloudformation',
      'AWS::RDS::DBInstance',
      'maybe-replace',
      {},
      { kind: 'replace', destructive: true, reversible: true },
    ],
    [
      'a retained database removal keeps its data',
      'cloudformation',
      'AWS::RDS::DBInstance',
      'delete',
      { retained: true },
      { kind: 'delete', destructive: true, reversible: true },
    ],
    [
      'a dynamic change is unknown',
      'cloudformation',
      'AWS::CloudFormation::Stack',
      'unknown',
      {},
      { kind: 'unknown', destructive: true, reversible: true },
    ],
    [
      'a reader-marked stateful resource loses data',
      'kubernetes',
      'StatefulSet',
      'delete',
      { stateful: true },
      { kind: 'delete', destructive: true, reversible: false },
    ],
    [
      'applying a manifest is a write',
      'kubernetes',
      'StatefulSet',
      'apply',
      { stateful: true },
      { kind: 'write', destructive: false, reversible: true },
    ],
  ])('%s', (_, format, type, change, extra, expected) => {
    const result = planOperations(planOf(format, [{ type, change, ...extra }]), { services: SERVICES });

    if (expected === undefined) expect(result.operations).toEqual([]);
    else
      expect(result.operations).toEqual([
        expect.objectContaining({
          ...expected,
          category: format === 'kubernetes' ? 'kubernetes' : 'infrastructure',
          target: 'res.0',
        }),
      ]);
  });

  it('says why a resource is replaced and that its data goes', () => {
    const plan = planOf('terraform', [
      {
        address: 'module.payments.aws_db_instance.main',
        type: 'aws_db_instance',
        change: 'replace',
        reason: 'replace_because_cannot_update',
      },
    ]);

    const [op] = planOperations(plan, { services: SERVICES }).operations;

    expect(op?.summary).toBe(
      'delete and recreate module.payments.aws_db_instance.main (aws_db_instance, stateful) [replace_because_cannot_update: a changed attribute cannot be updated in place]: its data is gone unless restored from a backup',
    );
  });

  it.each<[string, Partial<PlanResource>, Partial<InfrastructurePlan>, string[]]>([
    ['a service tag', { labels: { Service: 'payments' } }, {}, ['payments']],
    ['an app label, any case', { labels: { app: 'Checkout' } }, {}, ['checkout']],
    ['the blastwall label', { labels: { 'blastwall.dev/service': 'reports' } }, {}, ['reports']],
    ['a module path', { modules: ['payments', 'db'] }, {}, ['payments']],
    ['a namespace named after a service', { namespace: 'checkout' }, {}, ['checkout']],
    ['the words of a stack name', {}, { serviceWords: ['payments', 'prod'] }, ['payments']],
    ['a tag naming no configured service', { labels: { service: 'ghost' }, modules: ['network'] }, {}, []],
  ])('maps a resource to services by %s', (_, resource, extra, expected) => {
    const result = planOperations(planOf('terraform', [{ change: 'delete', ...resource }], extra), {
      services: SERVICES,
    });

    expect(result.services).toEqual(expected);
    expect(result.operations[0]?.services).toEqual(expected.length > 0 ? expected : undefined);
  });

  it('merges plan and resource hints, takes an Environment tag, and lets a stated environment override all of it', () => {
    const plan = planOf(
      'terraform',
      [{ change: 'delete', labels: { Environment: 'staging' }, hints: { region: 'eu-west-1' } }],
      { hints: { terraformWorkspace: 'prod', awsProfile: 'ops' } },
    );

    const guessed = planOperations(plan, { services: SERVICES }).operations[0]?.hints;
    const stated = planOperations(plan, { services: SERVICES, environment: 'dev' }).operations[0]?.hints;

    expect(guessed).toEqual({
      terraformWorkspace: 'prod',
      awsProfile: 'ops',
      region: 'eu-west-1',
      environment: 'staging',
    });
    expect(stated).toEqual({ environment: 'dev' });
  });

  it('adds one held delete of unknown extent per namespace when manifests are applied with prune', () => {
    const plan = planOf('kubernetes', [
      { address: 'Namespace/shop', type: 'Namespace', change: 'apply', clusterScoped: true },
      {
        address: 'Deployment/shop/web',
        type: 'Deployment',
        change: 'apply',
        namespace: 'shop',
        labels: { app: 'checkout' },
      },
      {
        address: 'PersistentVolumeClaim/shop/data',
        type: 'PersistentVolumeClaim',
        change: 'apply',
        namespace: 'shop',
      },
      { address: 'ConfigMap/settings', type: 'ConfigMap', change: 'apply' },
    ]);

    const without = planOperations(plan, { services: SERVICES });
    const pruned = planOperations(plan, { services: SERVICES, prune: true });

    expect(without.operations.every((op) => op.kind === 'write')).toBe(true);
    const prunes = pruned.operations.filter((op) => op.kind === 'delete');
    expect(prunes.map((op) => op.target)).toEqual([
      'cluster-scoped objects (prune)',
      'namespace shop (prune)',
      "the kube context's current namespace (prune)",
    ]);
    expect(prunes.every((op) => op.destructive && op.reversible)).toBe(true);
    expect(prunes[1]).toMatchObject({
      services: ['checkout'],
      summary: expect.stringMatching(/persistent volume claims live there/),
    });
    expect(pruned.description).toBe('plan plan.json (kubernetes): 4 write, 3 prune');
  });

  it('counts services only for resources the plan changes', () => {
    const plan = planOf('terraform', [
      { change: 'no-op', modules: ['checkout'] },
      { change: 'read', labels: { service: 'reports' } },
      { change: 'update', modules: ['payments'] },
    ]);

    expect(planOperations(plan, { services: SERVICES }).services).toEqual(['payments']);
  });

  it('ignores --prune for plans that are not manifests', () => {
    const result = planOperations(planOf('terraform', [{ change: 'update' }]), {
      services: SERVICES,
      prune: true,
    });

    expect(result.operations.map((op) => op.kind)).toEqual(['write']);
  });

  it('describes the plan with its facts and counts', () => {
    const plan = planOf(
      'terraform',
      [{ change: 'replace' }, { change: 'delete' }, { change: 'delete' }, { change: 'no-op' }],
      { facts: ['workspace prod'] },
    );

    expect(planOperations(plan, { services: SERVICES }).description).toBe(
      'plan plan.json (terraform, workspace prod): 1 replace, 2 delete',
    );
    expect(
      planOperations(planOf('terraform', []), { services: SERVICES, environment: 'prod' }).description,
    ).toBe('plan plan.json (terraform, environment prod (stated)): no changes');
  });
});

describe('environment named by a plan', () => {
  const resolver = createEnvironmentResolver([
    { id: 'prod', protected: true, match: { terraformWorkspace: ['prod'] } },
    { id: 'dev', protected: false, match: { kubeContext: ['kind-*'] } },
  ]);

  it.each([
    ['a named environment, any case', { environment: 'PROD' }, 'prod', true],
    ['a workspace over a dev tag', { terraformWorkspace: 'prod', environment: 'dev' }, 'prod', true],
    ['a name no environment has', { environment: 'shop' }, 'unknown', false],
  ])('resolves %s', (_, hints, id, known) => {
    const resolved = resolver.resolve(hints);

    expect(resolved).toMatchObject({ id, known, protected: id !== 'dev' });
  });
});
