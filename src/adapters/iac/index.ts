import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { InfrastructurePlan } from '../../core/actions/plan.js';
import { readChangeSet, looksLikeChangeSet } from './cloudformation.js';
import { PlanReadError } from './errors.js';
import { record } from './values.js';
import { looksLikeKubernetes, readManifests } from './kubernetes.js';
import { looksLikeTerraform, readTerraformPlan } from './terraform.js';

export { PlanReadError } from './errors.js';

const UNKNOWN =
  'unknown plan format: not a Terraform plan (resource_changes), a CloudFormation change set (Changes) or Kubernetes manifests (apiVersion and kind)';

/** What the surroundings say about where a plan applies, for what the plan itself does not say. */
export interface PlanContext {
  /** `TF_WORKSPACE` or `.terraform/environment` next to the plan or in cwd. */
  terraformWorkspace?: string;
  /** The current kube context (kubectl applies manifests there). */
  kubeContext?: string;
}

/** Reads a Terraform plan JSON, a CloudFormation change set or Kubernetes manifests, telling them apart by content. */
export function readPlan(text: string, name: string, context: PlanContext = {}): InfrastructurePlan {
  if (text.trim() === '') throw new PlanReadError(name, 'the file is empty');
  if (text.includes('\u0000'))
    throw new PlanReadError(
      name,
      'a binary file, not JSON or YAML (for a saved Terraform plan run: terraform show -json FILE)',
    );
  const trimmed = text.trimStart();
  let jsonError: string | undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return fromObject(JSON.parse(text), name, context);
    } catch (error) {
      if (error instanceof PlanReadError) throw error;
      // Not JSON after all; flow-style YAML is still possible.
      jsonError = (error as Error).message;
    }
  }
  const documents = parseAllDocuments(text);
  const docs = Array.isArray(documents) ? documents : [];
  const broken = docs.find((doc) => doc.errors.length > 0)?.errors[0];
  if (broken || docs.length === 0) {
    if (jsonError !== undefined) throw new PlanReadError(name, `not valid JSON (${jsonError})`);
    const line = broken?.linePos?.[0].line;
    const why = broken ? broken.message.split(' at line ')[0] : 'no documents';
    throw new PlanReadError(
      name,
      `not valid JSON or YAML (${line !== undefined ? `line ${line}: ` : ''}${why})`,
    );
  }
  const values: unknown[] = docs.map((doc) => doc.toJS());
  const objects = values.filter((value) => value !== null && value !== undefined);
  if (objects.length === 0) throw new PlanReadError(name, 'the file holds no documents');
  const first = record(objects[0]);
  if (objects.length === 1 && first && !looksLikeKubernetes(first)) return fromObject(first, name, context);
  if (!objects.some((value) => looksLikeKubernetes(record(value) ?? {})))
    throw new PlanReadError(name, UNKNOWN);
  return readManifests(values, name, context.kubeContext ? { kubeContext: context.kubeContext } : {});
}

function fromObject(data: unknown, name: string, context: PlanContext): InfrastructurePlan {
  const object = record(data);
  if (!object) throw new PlanReadError(name, UNKNOWN);
  if (looksLikeTerraform(object)) {
    const plan = readTerraformPlan(object, name);
    if (context.terraformWorkspace && plan.hints.terraformWorkspace === undefined) {
      plan.hints.terraformWorkspace = context.terraformWorkspace;
      plan.facts = [`workspace ${context.terraformWorkspace}`, ...(plan.facts ?? [])];
    }
    return plan;
  }
  if (looksLikeChangeSet(object)) return readChangeSet(object, name);
  if (looksLikeKubernetes(object)) {
    return readManifests([object], name, context.kubeContext ? { kubeContext: context.kubeContext } : {});
  }
  throw new PlanReadError(name, UNKNOWN);
}

/** The terraform workspace for a plan file: TF_WORKSPACE, else `.terraform/environment` beside the plan, else in cwd. */
export function terraformWorkspaceFor(
  planPath: string | undefined,
  cwd: string,
  env: Record<string, string | undefined>,
): string | undefined {
  if (env.TF_WORKSPACE) return env.TF_WORKSPACE;
  const folders = [...(planPath ? [dirname(resolve(cwd, planPath))] : []), resolve(cwd)];
  for (const folder of folders) {
    try {
      const name = readFileSync(join(folder, '.terraform', 'environment'), 'utf8').trim();
      if (name) return name;
    } catch {
      // no workspace file here; try the next folder
    }
  }
  return undefined;
}
