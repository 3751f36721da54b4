import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanReadError, readPlan, terraformWorkspaceFor } from './index.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'plans');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

describe('readPlan: Terraform', () => {
  it('reads replacements with their reason, tags, modules, and skips nothing it was given', () => {
    const plan = readPlan(fixture('tf-replace-db.json'), 'tf-replace-db.json', {
      terraformWorkspace: 'prod',
    });

    expect(plan.format).toBe('terraform');
    expect(plan.hints).toEqual({ terraformWorkspace: 'prod' });
    expect(plan.facts).toEqual(['workspace prod', 'AWS account 123456789012']);
    expect(plan.resources.map((r) => [r.address, r.change])).toEqual([
      ['module.payments.aws_db_instance.main', 'replace'],
      ['module.payments.aws_security_group_rule.db_ingress', 'update'],
      ['module.checkout.aws_instance.web[0]', 'no-op'],
      ['data.aws_caller_identity.current', 'read'],
    ]);
    expect(plan.resources[0]).toMatchObject({
      type: 'aws_db_instance',
      reason: 'replace_because_cannot_update',
      modules: ['payments'],
      labels: { Service: 'payments', Environment: 'prod' },
    });
  });

  it('takes labels from before for deletes, and the environment from a variable', () => {
    const plan = readPlan(fixture('tf-destroy.json'), 'tf-destroy.json');

    expect(plan.resources.every((r) => r.change === 'delete')).toBe(true);
    expect(plan.resources[0]?.labels).toEqual({ service: 'reports' });
    expect(plan.hints).toEqual({ environment: 'prod' });
  });

  it('takes profile and region from the default AWS provider, not from an aliased one', () => {
    const plan = readPlan(
      JSON.stringify({
        resource_changes: [],
        configuration: {
          provider_config: {
            aws: {
              name: 'aws',
              expressions: {
                profile: { constant_value: 'prod-deploy' },
                region: { constant_value: 'eu-west-1' },
              },
            },
            'aws.dr': { name: 'aws', alias: 'dr', expressions: { profile: { constant_value: 'dev' } } },
            kubernetes: {
              name: 'kubernetes',
              expressions: { config_context: { constant_value: 'prod-eu' } },
            },
          },
        },
      }),
      'p.json',
    );

    expect(plan.hints).toEqual({ awsProfile: 'prod-deploy', region: 'eu-west-1', kubeContext: 'prod-eu' });
  });

  it('gives a resource on an aliased provider that provider’s profile, in modules too', () => {
    const plan = readPlan(
      JSON.stringify({
        resource_changes: [
          { address: 'aws_s3_bucket.audit', type: 'aws_s3_bucket', change: { actions: ['delete'] } },
          {
            address: 'module.logs["eu"].aws_s3_bucket.archive[0]',
            type: 'aws_s3_bucket',
            change: { actions: ['delete'] },
          },
          { address: 'aws_instance.tools', type: 'aws_instance', change: { actions: ['delete'] } },
        ],
        configuration: {
          provider_config: {
            aws: { name: 'aws', expressions: { profile: { constant_value: 'dev-admin' } } },
            'aws.prod': {
              name: 'aws',
              alias: 'prod',
              expressions: { profile: { constant_value: 'prod-admin' } },
            },
          },
          root_module: {
            resources: [
              { address: 'aws_s3_bucket.audit', provider_config_key: 'aws.prod' },
              { address: 'aws_instance.tools', provider_config_key: 'aws' },
            ],
            module_calls: {
              logs: {
                module: {
                  resources: [{ address: 'aws_s3_bucket.archive', provider_config_key: 'aws.prod' }],
                },
              },
            },
          },
        },
      }),
      'p.json',
    );

    expect(plan.hints).toEqual({ awsProfile: 'dev-admin' });
    expect(plan.resources.map((r) => r.hints)).toEqual([
      { awsProfile: 'prod-admin' },
      { awsProfile: 'prod-admin' },
      undefined,
    ]);
  });

  it.each([
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['delete'], 'delete'],
    [['update'], 'update'],
    [['create'], 'create'],
    [['no-op'], 'no-op'],
    [['read'], 'read'],
    [['teleport'], 'unknown'],
  ])('maps actions %j to %s', (actions, change) => {
    const text = JSON.stringify({ resource_changes: [{ address: 'a.b', type: 'a', change: { actions } }] });

    expect(readPlan(text, 'p.json').resources[0]?.change).toBe(change);
  });
});

describe('readPlan: CloudFormation', () => {
  it('reads replacements, the stack as a workspace, region, tags and parameters', () => {
    const plan = readPlan(fixture('cfn-replace-rds.json'), 'cs.json');

    expect(plan.format).toBe('cloudformation');
    expect(plan.hints).toEqual({ terraformWorkspace: 'payments-prod', region: 'us-east-1' });
    expect(plan.serviceWords).toEqual(['payments', 'prod']);
    expect(plan.resources.map((r) => [r.address, r.type, r.change])).toEqual([
      ['payments-prod/PaymentsDatabase', 'AWS::RDS::DBInstance', 'replace'],
      ['payments-prod/WebInstance', 'AWS::EC2::Instance', 'maybe-replace'],
      ['payments-prod/SettlementFunction', 'AWS::Lambda::Function', 'create'],
    ]);
    expect(plan.resources[0]?.labels).toEqual({ Environment: 'prod', service: 'payments' });
  });

  it.each([
    ['Remove', undefined, undefined, 'delete', false],
    ['Remove', undefined, 'Retain', 'delete', true],
    ['Modify', 'True', 'ReplaceAndSnapshot', 'replace', true],
    ['Modify', 'False', undefined, 'update', false],
    ['Import', undefined, undefined, 'import', false],
    ['Dynamic', undefined, undefined, 'unknown', false],
  ])(
    'maps %s (Replacement %s, PolicyAction %s) to %s',
    (Action, Replacement, PolicyAction, change, retained) => {
      const text = JSON.stringify({
        ChangeSetName: 'cs',
        Changes: [
          {
            Type: 'Resource',
            ResourceChange: {
              Action,
              Replacement,
              PolicyAction,
              LogicalResourceId: 'Db',
              ResourceType: 'AWS::RDS::DBInstance',
            },
          },
        ],
      });

      const [resource] = readPlan(text, 'cs.json').resources;

      expect(resource?.change).toBe(change);
      expect(resource?.retained === true).toBe(retained);
    },
  );
});

describe('readPlan: Kubernetes', () => {
  it('reads multi-document YAML and Lists, with namespaces, cluster scope and stateful StatefulSets', () => {
    const plan = readPlan(fixture('k8s-shop.yaml'), 'k8s.yaml', { kubeContext: 'prod-eu' });

    expect(plan.hints).toEqual({ kubeContext: 'prod-eu' });
    expect(plan.resources.map((r) => r.address)).toEqual([
      'Namespace/shop',
      'Deployment/shop/checkout-web',
      'StatefulSet/shop/payments-db',
      'Service/shop/checkout-web',
      'PersistentVolumeClaim/shop/cache',
    ]);
    expect(plan.resources[0]).toMatchObject({ clusterScoped: true });
    expect(plan.resources[0]?.namespace).toBeUndefined();
    expect(plan.resources[2]).toMatchObject({
      stateful: true,
      namespace: 'shop',
      labels: { 'app.kubernetes.io/name': 'payments' },
    });
    expect(plan.resources.every((r) => r.change === 'apply')).toBe(true);
  });

  it('reads a manifest written as JSON', () => {
    const plan = readPlan(
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop' } }),
      'cm.json',
    );

    expect(plan.resources.map((r) => r.address)).toEqual(['ConfigMap/shop/x']);
  });
});

describe('readPlan: bad input', () => {
  it.each([
    ['an empty file', '  \n', /the file is empty/],
    ['binary', 'PK\u0003\u0004\u0000\u0000tfplan', /a binary file.*terraform show -json/],
    ['truncated JSON', '{"resource_changes": [ {"address": "x"', /not valid JSON \(/],
    ['broken YAML', 'this is: [not valid\n  yaml or json: {\n', /not valid JSON or YAML \(line 1: /],
    [
      'a state, not a plan',
      '{"format_version":"1.0","terraform_version":"1.9.5","values":{}}',
      /without resource_changes/,
    ],
    [
      'a future major version',
      '{"format_version":"2.0","resource_changes":[]}',
      /format_version 2\.0 is not supported/,
    ],
    [
      'resource_changes of the wrong shape',
      '{"resource_changes":[{"address":"x"}]}',
      /not a valid Terraform plan: resource_changes\.0\.type/,
    ],
    ['unknown JSON', '{"hello":"world"}', /unknown plan format/],
    ['a JSON array', '[1, 2]', /unknown plan format/],
    ['plain text', 'hello world', /unknown plan format/],
    [
      'a YAML document that is not an object',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- just\n- a list\n',
      /document 2 is not a Kubernetes object/,
    ],
    [
      'a change set without Changes',
      '{"ChangeSetName":"cs"}',
      /not a valid CloudFormation change set: Changes/,
    ],
  ])('rejects %s with a PlanReadError naming the file', (_, text, message) => {
    let caught: unknown;
    try {
      readPlan(text, 'input.file');
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(PlanReadError);
    expect((caught as Error).message).toMatch(/^input\.file: /);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('terraformWorkspaceFor', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers TF_WORKSPACE, then .terraform/environment beside the plan, then in cwd', () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-tfws-'));
    mkdirSync(join(dir, 'infra', '.terraform'), { recursive: true });
    mkdirSync(join(dir, '.terraform'));
    writeFileSync(join(dir, 'infra', '.terraform', 'environment'), 'prod\n');
    writeFileSync(join(dir, '.terraform', 'environment'), 'dev');

    expect(terraformWorkspaceFor('infra/plan.json', dir, { TF_WORKSPACE: 'staging' })).toBe('staging');
    expect(terraformWorkspaceFor('infra/plan.json', dir, {})).toBe('prod');
    expect(terraformWorkspaceFor('plan.json', dir, {})).toBe('dev');
    expect(terraformWorkspaceFor(undefined, join(dir, 'infra'), {})).toBe('prod');
    expect(terraformWorkspaceFor(undefined, tmpdir(), {})).toBeUndefined();
  });
});
