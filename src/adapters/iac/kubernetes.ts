import type { InfrastructurePlan, PlanResource } from '../../core/actions/plan.js';
import type { EnvironmentHints } from '../../core/actions/types.js';
import { PlanReadError } from './errors.js';
import { record, stringEntries } from './values.js';

// Kinds that live outside namespaces; everything else is namespaced.
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'VolumeSnapshotClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ClusterIssuer',
]);

/** Whether a parsed object is a Kubernetes object (or a List of them). */
export function looksLikeKubernetes(data: Record<string, unknown>): boolean {
  return typeof data.kind === 'string' && typeof data.apiVersion === 'string';
}

/** Reads Kubernetes manifests (YAML documents, already parsed to plain values) into plan resources applied with `kubectl apply`. */
export function readManifests(
  documents: unknown[],
  name: string,
  hints: EnvironmentHints,
): InfrastructurePlan {
  const resources: PlanResource[] = [];
  for (const [index, value] of documents.entries()) {
    if (value === null || value === undefined) continue; // an empty document between `---` separators
    const object = record(value);
    if (!object || !looksLikeKubernetes(object)) {
      throw new PlanReadError(
        name,
        `document ${index + 1} is not a Kubernetes object (it needs apiVersion and kind)`,
      );
    }
    const items =
      object.kind === 'List' || (String(object.kind).endsWith('List') && Array.isArray(object.items))
        ? Array.isArray(object.items)
          ? object.items
          : []
        : [object];
    for (const [itemIndex, item] of items.entries()) {
      const entry = record(item);
      if (!entry || !looksLikeKubernetes(entry))
        throw new PlanReadError(
          name,
          `document ${index + 1}, item ${itemIndex + 1} is not a Kubernetes object (it needs apiVersion and kind)`,
        );
      resources.push(resourceOf(entry));
    }
  }
  if (resources.length === 0) throw new PlanReadError(name, 'no Kubernetes objects in the manifests');
  const facts = hints.kubeContext ? [`kube context ${hints.kubeContext}`] : ['no kube context'];
  return { format: 'kubernetes', name, resources, hints, facts };
}

function resourceOf(object: Record<string, unknown>): PlanResource {
  const kind = String(object.kind);
  const metadata = record(object.metadata) ?? {};
  const objectName =
    typeof metadata.name === 'string'
      ? metadata.name
      : typeof metadata.generateName === 'string'
        ? `${metadata.generateName}*`
        : '(unnamed)';
  const namespace =
    typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const clusterScoped = CLUSTER_SCOPED.has(kind);
  const templates = record(object.spec)?.volumeClaimTemplates;
  const resource: PlanResource = {
    address: namespace && !clusterScoped ? `${kind}/${namespace}/${objectName}` : `${kind}/${objectName}`,
    type: kind,
    change: 'apply',
    labels: stringEntries(metadata.labels),
  };
  if (namespace && !clusterScoped) resource.namespace = namespace;
  if (clusterScoped) resource.clusterScoped = true;
  if (kind === 'StatefulSet' && Array.isArray(templates) && templates.length > 0) {
    resource.stateful = true;
    resource.reason = `${templates.length} volumeClaimTemplates`;
  }
  return resource;
}
