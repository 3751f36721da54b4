import { z } from 'zod';
import type { InfrastructurePlan, PlanResource, ResourceChange } from '../../core/actions/plan.js';
import type { EnvironmentHints } from '../../core/actions/types.js';
import { PlanReadError } from './errors.js';
import { record, stringEntries } from './values.js';

// Only the fields blastwall uses; Terraform adds fields in minor versions and they must not break reading.
const resourceChange = z.object({
  address: z.string(),
  mode: z.string().optional(),
  type: z.string(),
  action_reason: z.string().optional(),
  deposed: z.string().optional(),
  change: z.object({
    actions: z.array(z.string()),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  }),
});
const planSchema = z.object({
  format_version: z.string().optional(),
  resource_changes: z.array(resourceChange),
  variables: z.record(z.string(), z.object({ value: z.unknown().optional() })).optional(),
  configuration: z
    .object({
      provider_config: z.record(z.string(), z.unknown()).optional(),
      root_module: z.unknown().optional(),
    })
    .optional(),
});

/** Whether parsed JSON looks like `terraform show -json` output of a plan. */
export function looksLikeTerraform(data: Record<string, unknown>): boolean {
  return 'resource_changes' in data || 'terraform_version' in data || 'planned_values' in data;
}

/** Reads `terraform show -json plan.out` output; throws PlanReadError when it is not a usable plan. */
export function readTerraformPlan(data: Record<string, unknown>, name: string): InfrastructurePlan {
  if (!('resource_changes' in data)) {
    throw new PlanReadError(
      name,
      'Terraform JSON without resource_changes: not a saved plan (terraform show -json of a state?) or a plan with no changes; nothing to decide',
    );
  }
  const major = typeof data.format_version === 'string' ? data.format_version.split('.')[0] : '1';
  if (major !== '0' && major !== '1')
    throw new PlanReadError(
      name,
      `Terraform JSON format_version ${String(data.format_version)} is not supported (1.x expected)`,
    );
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlanReadError(
      name,
      `not a valid Terraform plan: ${issue?.path.join('.') || 'plan'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const plan = parsed.data;
  const { hints, facts } = providerHints(plan.configuration?.provider_config ?? {});
  const environment = variableEnvironment(plan.variables ?? {});
  if (environment !== undefined) {
    hints.environment = environment;
    facts.push(`var environment=${environment}`);
  }
  const aliased = aliasedHints(plan.configuration?.provider_config ?? {}, plan.configuration?.root_module);
  const resources: PlanResource[] = [];
  const warnings: string[] = [];
  for (const rc of plan.resource_changes) {
    const change = changeOf(rc.change.actions, rc.mode);
    if (change === 'unknown')
      warnings.push(`${rc.address}: unrecognised actions ${JSON.stringify(rc.change.actions)}`);
    const values = record(rc.change.after) ?? record(rc.change.before) ?? {};
    const resource: PlanResource = {
      address: rc.deposed ? `${rc.address} (deposed ${rc.deposed})` : rc.address,
      type: rc.type,
      change,
      labels: labelsOf(values, record(rc.change.before) ?? {}),
      modules: [...rc.address.matchAll(/module\.([A-Za-z0-9_-]+)/g)].map((m) => m[1] ?? ''),
    };
    if (rc.action_reason) resource.reason = rc.action_reason;
    const own = aliased.get(withoutIndexes(rc.address));
    if (own) resource.hints = own;
    resources.push(resource);
  }
  return { format: 'terraform', name, resources, hints, facts, warnings };
}

function changeOf(actions: string[], mode: string | undefined): ResourceChange {
  if (mode === 'data') return 'read';
  const key = actions.join(',');
  switch (key) {
    case 'no-op':
      return 'no-op';
    case 'read':
      return 'read';
    case 'create':
      return 'create';
    case 'update':
    case 'forget': // removed from state only; the real object stays
      return 'update';
    case 'delete':
      return 'delete';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    default:
      return 'unknown';
  }
}

/** Tags and labels, after the change when there is an after, else before; tags_all carries provider default_tags. */
function labelsOf(values: Record<string, unknown>, before: Record<string, unknown>): Record<string, string> {
  const metadata = Array.isArray(values.metadata) ? record(values.metadata[0]) : record(values.metadata);
  return {
    ...stringEntries(before.tags_all),
    ...stringEntries(before.tags),
    ...stringEntries(values.tags_all),
    ...stringEntries(values.labels),
    ...stringEntries(metadata?.labels),
    ...stringEntries(values.tags),
  };
}

function constant(expressions: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record(expressions?.[key])?.constant_value;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Profile, region, account, project, subscription and kube context from the root module's default providers. */
function providerHints(providers: Record<string, unknown>): { hints: EnvironmentHints; facts: string[] } {
  const hints: EnvironmentHints = {};
  const facts: string[] = [];
  for (const value of Object.values(providers)) {
    const provider = record(value);
    if (!provider || provider.alias !== undefined || provider.module_address !== undefined) continue;
    const found = hintsOfProvider(provider);
    Object.assign(hints, found.hints);
    facts.push(...found.facts);
  }
  return { hints, facts };
}

/**
 * Hints for resources that use an aliased provider (`provider = aws.prod`), by address without indexes:
 * without this a resource on a prod alias would take the default provider's dev profile.
 */
function aliasedHints(
  providers: Record<string, unknown>,
  rootModule: unknown,
): Map<string, EnvironmentHints> {
  const byAddress = new Map<string, EnvironmentHints>();
  const walk = (module: Record<string, unknown> | undefined, prefix: string): void => {
    const resources = Array.isArray(module?.resources) ? module.resources : [];
    for (const entry of resources) {
      const resource = record(entry);
      const key = resource?.provider_config_key;
      const provider = typeof key === 'string' ? record(providers[key]) : undefined;
      if (!resource || typeof resource.address !== 'string' || provider?.alias === undefined) continue;
      byAddress.set(`${prefix}${resource.address}`, hintsOfProvider(provider).hints);
    }
    for (const [name, call] of Object.entries(record(module?.module_calls) ?? {}))
      walk(record(record(call)?.module), `${prefix}module.${name}.`);
  };
  walk(record(rootModule), '');
  return byAddress;
}

/** `module.a["x"].aws_instance.web[0]` → `module.a.aws_instance.web`, the form configuration addresses take. */
function withoutIndexes(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

function hintsOfProvider(provider: Record<string, unknown>): { hints: EnvironmentHints; facts: string[] } {
  const hints: EnvironmentHints = {};
  const facts: string[] = [];
  const expressions = record(provider.expressions);
  const name = String(provider.name ?? '');
  if (name === 'aws') {
    const profile = constant(expressions, 'profile');
    const region = constant(expressions, 'region');
    const roleBlock = Array.isArray(expressions?.assume_role)
      ? record(expressions.assume_role[0])
      : undefined;
    const account = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(constant(roleBlock, 'role_arn') ?? '')?.[1];
    if (profile) hints.awsProfile = profile;
    if (region) hints.region = region;
    facts.push(
      ...(profile ? [`AWS profile ${profile}`] : []),
      ...(region ? [`region ${region}`] : []),
      ...(account ? [`AWS account ${account}`] : []),
    );
  } else if (name === 'google' || name === 'google-beta') {
    const project = constant(expressions, 'project');
    if (project) hints.gcpProject = project;
    if (project) facts.push(`project ${project}`);
  } else if (name === 'azurerm') {
    const subscription = constant(expressions, 'subscription_id');
    if (subscription) hints.azureSubscription = subscription;
  } else if (name === 'kubernetes' || name === 'helm') {
    const nested = Array.isArray(expressions?.kubernetes) ? record(expressions.kubernetes[0]) : undefined;
    const context = constant(expressions, 'config_context') ?? constant(nested, 'config_context');
    if (context) hints.kubeContext = context;
    if (context) facts.push(`kube context ${context}`);
  }
  return { hints, facts };
}

function variableEnvironment(variables: Record<string, { value?: unknown }>): string | undefined {
  for (const key of ['environment', 'env', 'stage']) {
    const value = variables[key]?.value;
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
