import { z } from 'zod';
import type { InfrastructurePlan, PlanResource, ResourceChange } from '../../core/actions/plan.js';
import type { EnvironmentHints } from '../../core/actions/types.js';
import { PlanReadError } from './errors.js';

const resourceChange = z.object({
  Action: z.string(),
  LogicalResourceId: z.string(),
  PhysicalResourceId: z.string().optional(),
  ResourceType: z.string(),
  Replacement: z.string().optional(),
  PolicyAction: z.string().optional(),
});
const changeSet = z.object({
  ChangeSetName: z.string().optional(),
  StackName: z.string().optional(),
  StackId: z.string().optional(),
  Changes: z.array(z.object({ Type: z.string().optional(), ResourceChange: resourceChange.optional() })),
  Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
  Parameters: z
    .array(z.object({ ParameterKey: z.string(), ParameterValue: z.string().optional() }))
    .optional(),
});

// DeletionPolicy / UpdateReplacePolicy outcomes that keep the data (the resource leaves the stack, not the account).
const KEEPS = new Set(['Retain', 'Snapshot', 'ReplaceAndRetain', 'ReplaceAndSnapshot']);

/** Whether parsed JSON looks like `aws cloudformation describe-change-set` output. */
export function looksLikeChangeSet(data: Record<string, unknown>): boolean {
  return 'Changes' in data || 'ChangeSetId' in data || 'ChangeSetName' in data;
}

/** Reads a CloudFormation change set; throws PlanReadError when it is not one. */
export function readChangeSet(data: Record<string, unknown>, name: string): InfrastructurePlan {
  const parsed = changeSet.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlanReadError(
      name,
      `not a valid CloudFormation change set: ${issue?.path.join('.') || 'change set'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const set = parsed.data;
  const stack = set.StackName ?? /:stack\/([^/]+)\//.exec(set.StackId ?? '')?.[1];
  const arn = /^arn:aws[\w-]*:cloudformation:([\w-]+):(\d{12}):/.exec(set.StackId ?? '');
  const labels: Record<string, string> = {};
  for (const tag of set.Tags ?? []) labels[tag.Key] = tag.Value;
  const hints: EnvironmentHints = {};
  const facts: string[] = [];
  // A stack plays the part a workspace plays for Terraform, as for pulumi stacks and serverless stages.
  if (stack) hints.terraformWorkspace = stack;
  if (arn?.[1]) hints.region = arn[1];
  if (stack) facts.push(`stack ${stack}`);
  if (arn?.[1]) facts.push(`region ${arn[1]}`, `AWS account ${arn[2]}`);
  for (const parameter of set.Parameters ?? []) {
    if (
      /^(environment|env|stage)$/i.test(parameter.ParameterKey) &&
      parameter.ParameterValue &&
      labels.Environment === undefined
    )
      labels.Environment = parameter.ParameterValue;
  }
  const resources: PlanResource[] = [];
  const warnings: string[] = [];
  for (const change of set.Changes) {
    const rc = change.ResourceChange;
    if (!rc) continue;
    const resource: PlanResource = {
      address: stack ? `${stack}/${rc.LogicalResourceId}` : rc.LogicalResourceId,
      type: rc.ResourceType,
      change: changeOf(rc.Action, rc.Replacement),
      labels: { ...labels },
    };
    if (resource.change === 'unknown')
      warnings.push(`${rc.LogicalResourceId}: action ${rc.Action} is decided only when the change set runs`);
    const reason = [
      rc.Replacement ? `Replacement: ${rc.Replacement}` : '',
      rc.PolicyAction ? `PolicyAction: ${rc.PolicyAction}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    if (reason && resource.change !== 'create' && resource.change !== 'update') resource.reason = reason;
    if (rc.PolicyAction && KEEPS.has(rc.PolicyAction)) resource.retained = true;
    resources.push(resource);
  }
  return {
    format: 'cloudformation',
    name,
    resources,
    hints,
    facts,
    warnings,
    ...(stack ? { serviceWords: stack.split(/[-_]/) } : {}),
  };
}

function changeOf(action: string, replacement: string | undefined): ResourceChange {
  switch (action) {
    case 'Add':
      return 'create';
    case 'Import':
      return 'import';
    case 'Remove':
      return 'delete';
    case 'Modify':
      return replacement === 'True' ? 'replace' : replacement === 'Conditional' ? 'maybe-replace' : 'update';
    default:
      // Dynamic (and anything newer): what happens is only known when the change set executes.
      return 'unknown';
  }
}
