import type { EnvironmentHints, Operation } from './types.js';

/** Where an infrastructure plan came from. */
export type PlanFormat = 'terraform' | 'cloudformation' | 'kubernetes';

/** What a plan would do to one resource, in the plan's own terms reduced to a common set. */
export type ResourceChange =
  | 'create'
  | 'update'
  | 'apply'
  | 'import'
  | 'delete'
  | 'replace'
  | 'maybe-replace'
  | 'read'
  | 'no-op'
  | 'unknown';

/** One resource of a plan, as a reader found it. */
export interface PlanResource {
  /** Terraform address, CloudFormation logical id, or `Kind/namespace/name`. */
  address: string;
  /** `aws_db_instance`, `AWS::RDS::DBInstance`, `StatefulSet` … */
  type: string;
  change: ResourceChange;
  /** Why, in the plan's words (`replace_because_cannot_update`, `Replacement: Conditional`). */
  reason?: string;
  /** Tags or labels (key → value), used for services and environment. */
  labels: Record<string, string>;
  /** Terraform module names along the address, outermost first (`payments` for `module.payments.…`). */
  modules?: string[];
  /** Kubernetes namespace, when the manifest names one. */
  namespace?: string;
  /** A Kubernetes kind that lives outside namespaces (Namespace, ClusterRole, PersistentVolume …). */
  clusterScoped?: boolean;
  /** The reader knows it holds data (a StatefulSet with volumeClaimTemplates), whatever its type. */
  stateful?: boolean;
  /** The provider keeps the data anyway (CloudFormation DeletionPolicy Retain or Snapshot). */
  retained?: boolean;
  /** Hints that apply to this resource only. */
  hints?: EnvironmentHints;
}

/** A plan reduced to resources plus what it says about where it applies. */
export interface InfrastructurePlan {
  format: PlanFormat;
  /** The file, for messages (`-` for stdin). */
  name: string;
  resources: PlanResource[];
  /** Hints for every resource: workspace, provider profile/region/project, stack. */
  hints: EnvironmentHints;
  /** Words that may name a service for every resource (a CloudFormation stack name's parts). */
  serviceWords?: string[];
  /** Plan-level facts for the description (`workspace prod`, `stack payments-prod`). */
  facts?: string[];
  /** Things the reader could not use, for the decision's warnings. */
  warnings?: string[];
}

/** How to turn a plan into operations. */
export interface PlanOptions {
  /** Service ids from the configuration; only these are reported as services. */
  services: ReadonlySet<string>;
  /** An environment stated outright (`--environment prod`); overrides everything the plan says. */
  environment?: string;
  /** Kubernetes manifests will be applied with `--prune`. */
  prune?: boolean;
}

/** The operations of a plan and the services it touches. */
export interface PlanOperations {
  operations: Operation[];
  services: string[];
  /** One line for a person: file, format, where, counts. */
  description: string;
}

// Types whose deletion loses data that re-applying the plan cannot bring back.
const STATEFUL_TERRAFORM: RegExp[] = [
  /^aws_(db_instance|rds_cluster|rds_global_cluster|docdb_cluster|neptune_cluster|redshift_cluster|dynamodb_table|dynamodb_global_table|s3_bucket|ebs_volume|ebs_snapshot|efs_file_system|kms_key|kinesis_stream|sqs_queue|secretsmanager_secret|cognito_user_pool|ecr_repository|backup_vault|cloudwatch_log_group|msk_cluster|memorydb_cluster|elasticsearch_domain|opensearch_domain|glacier_vault|timestreamwrite_table|qldb_ledger|keyspaces_table)$/,
  /^aws_elasticache_(cluster|replication_group|serverless_cache)$/,
  /^aws_fsx_\w+_file_system$/,
  /^google_(sql_database_instance|sql_database|storage_bucket|compute_disk|compute_region_disk|bigquery_dataset|bigquery_table|spanner_instance|spanner_database|bigtable_instance|bigtable_table|filestore_instance|kms_crypto_key|kms_key_ring|redis_instance|firestore_database|alloydb_cluster|secret_manager_secret)$/,
  /^azurerm_\w*(sql|postgresql|mysql|mariadb|cosmosdb)\w*$/,
  /^azurerm_(storage_account|storage_container|storage_share|managed_disk|key_vault|key_vault_key|key_vault_secret|redis_cache|data_lake_store)$/,
  /^kubernetes_(persistent_volume|persistent_volume_claim|namespace|stateful_set)(_v1)?$/,
  /^(digitalocean_(database_cluster|volume|spaces_bucket)|cloudflare_r2_bucket|mongodbatlas_(cluster|advanced_cluster)|snowflake_(database|table|schema))$/,
];
// Parts of a database server that hold no data of their own (rules, settings, admins).
const STATELESS_PARTS =
  /_(firewall_rule|virtual_network_rule|configuration|active_directory_administrator|server_key|vulnerability_assessment\w*|security_alert_policy|threat_detection_policy|auditing_policy|extended_auditing_policy)$/;

const STATEFUL_CLOUDFORMATION: RegExp[] = [
  /^AWS::(RDS::(DBInstance|DBCluster|GlobalCluster)|DocDB::DBCluster|Neptune::DBCluster|Redshift::Cluster|DynamoDB::(Table|GlobalTable)|S3::Bucket|EC2::Volume|EFS::FileSystem|FSx::FileSystem|KMS::Key|Kinesis::Stream|SQS::Queue|SecretsManager::Secret|Cognito::UserPool|ECR::Repository|Backup::BackupVault|Logs::LogGroup|MSK::Cluster|MemoryDB::Cluster|Elasticsearch::Domain|OpenSearchService::Domain|QLDB::Ledger|Cassandra::Table|Timestream::Table)$/,
  /^AWS::ElastiCache::(CacheCluster|ReplicationGroup|ServerlessCache)$/,
];

const STATEFUL_KUBERNETES = new Set(['PersistentVolume', 'PersistentVolumeClaim', 'Namespace']);

/** Whether deleting or replacing a resource of this type loses data (databases, volumes, buckets, keys …). */
export function isStatefulType(format: PlanFormat, type: string): boolean {
  if (format === 'kubernetes') return STATEFUL_KUBERNETES.has(type);
  const table = format === 'terraform' ? STATEFUL_TERRAFORM : STATEFUL_CLOUDFORMATION;
  if (format === 'terraform' && STATELESS_PARTS.test(type)) return false;
  return table.some((pattern) => pattern.test(type));
}

const SERVICE_KEYS = new Set([
  'service',
  'app',
  'application',
  'blastwall.dev/service',
  'app.kubernetes.io/name',
  'app.kubernetes.io/part-of',
]);
const ENVIRONMENT_KEYS = new Set(['environment', 'env', 'stage', 'blastwall.dev/environment']);

const REASONS: Record<string, string> = {
  replace_because_cannot_update: 'a changed attribute cannot be updated in place',
  replace_because_tainted: 'the object is tainted',
  replace_by_request: 'replacement was requested with -replace',
  replace_by_triggers: 'replace_triggered_by fired',
  delete_because_no_resource_config: 'it was removed from the configuration',
  delete_because_no_module: 'its module was removed',
  delete_because_wrong_repetition: 'count/for_each changed shape',
  delete_because_count_index: 'count shrank',
  delete_because_each_key: 'its for_each key was removed',
  delete_because_no_move_target: 'its moved target does not exist',
};

/** Turns a plan into operations for the agent gate, with environment hints and services per resource. */
export function planOperations(plan: InfrastructurePlan, options: PlanOptions): PlanOperations {
  const operations: Operation[] = [];
  const services = new Set<string>();
  const counts = new Map<string, number>();
  const category = plan.format === 'kubernetes' ? 'kubernetes' : 'infrastructure';
  for (const resource of plan.resources) {
    const draft = operationFor(plan, resource);
    // Resources the plan leaves alone (no-op, reads) touch no service.
    if (!draft) continue;
    const ids = servicesOf(resource, plan, options.services);
    for (const id of ids) services.add(id);
    counts.set(draft.kind, (counts.get(draft.kind) ?? 0) + 1);
    operations.push({
      ...draft,
      category,
      target: resource.address,
      hints: hintsFor(plan, resource, options),
      ...(ids.length > 0 ? { services: ids } : {}),
      source: `${plan.name}: ${resource.address}`,
    });
  }
  if (options.prune && plan.format === 'kubernetes') {
    for (const op of pruneOperations(plan, options)) {
      operations.push(op);
      counts.set('prune', (counts.get('prune') ?? 0) + 1);
    }
  }
  return { operations, services: [...services], description: describe(plan, options, counts) };
}

type Draft = Pick<Operation, 'kind' | 'destructive' | 'reversible' | 'summary'>;

function operationFor(plan: InfrastructurePlan, resource: PlanResource): Draft | undefined {
  const stateful = resource.stateful === true || isStatefulType(plan.format, resource.type);
  const keeps = resource.retained === true;
  const what = `${resource.address} (${resource.type}${stateful ? ', stateful' : ''})`;
  const why = reasonWords(resource.reason);
  const loss =
    stateful && !keeps
      ? ': its data is gone unless restored from a backup'
      : keeps
        ? ': the provider keeps its data (retain/snapshot)'
        : '';
  switch (resource.change) {
    case 'read':
    case 'no-op':
      return undefined;
    case 'create':
    case 'update':
    case 'apply':
    case 'import':
      return {
        kind: 'write',
        destructive: false,
        reversible: true,
        summary: `${resource.change} ${what}${why}`,
      };
    case 'delete':
      return {
        kind: 'delete',
        destructive: true,
        reversible: !stateful || keeps,
        summary: `delete ${what}${why}${loss}`,
      };
    case 'replace':
      return {
        kind: 'replace',
        destructive: true,
        reversible: !stateful || keeps,
        summary: `delete and recreate ${what}${why}${loss}`,
      };
    case 'maybe-replace':
      // "Conditional": the replacement is not certain, so it is held for a person rather than refused.
      return {
        kind: 'replace',
        destructive: true,
        reversible: true,
        summary: `may delete and recreate ${what}${why}${stateful ? ': if it is replaced its data is gone' : ''}`,
      };
    case 'unknown':
      return {
        kind: 'unknown',
        destructive: true,
        reversible: true,
        summary: `change to ${what} cannot be known before it runs${why}`,
      };
  }
}

function reasonWords(reason: string | undefined): string {
  if (!reason) return '';
  const words = REASONS[reason];
  return ` [${reason}${words ? `: ${words}` : ''}]`;
}

function hintsFor(plan: InfrastructurePlan, resource: PlanResource, options: PlanOptions): EnvironmentHints {
  // An environment stated outright is the only hint: a typo must resolve to "unknown", not fall back to the plan's guess.
  if (options.environment !== undefined) return { environment: options.environment };
  const hints: EnvironmentHints = { ...plan.hints, ...resource.hints };
  const named = labelValue(resource.labels, ENVIRONMENT_KEYS) ?? resource.namespace;
  if (named !== undefined && hints.environment === undefined) hints.environment = named;
  return hints;
}

function labelValue(labels: Record<string, string>, keys: ReadonlySet<string>): string | undefined {
  for (const [key, value] of Object.entries(labels)) if (keys.has(key.toLowerCase()) && value) return value;
  return undefined;
}

function servicesOf(resource: PlanResource, plan: InfrastructurePlan, known: ReadonlySet<string>): string[] {
  const candidates: string[] = [];
  for (const [key, value] of Object.entries(resource.labels))
    if (SERVICE_KEYS.has(key.toLowerCase())) candidates.push(value);
  candidates.push(
    ...(resource.modules ?? []),
    ...(resource.namespace ? [resource.namespace] : []),
    ...(plan.serviceWords ?? []),
  );
  const found: string[] = [];
  for (const candidate of candidates) {
    const id = known.has(candidate)
      ? candidate
      : known.has(candidate.toLowerCase())
        ? candidate.toLowerCase()
        : undefined;
    if (id !== undefined && !found.includes(id)) found.push(id);
  }
  return found;
}

function pruneOperations(plan: InfrastructurePlan, options: PlanOptions): Operation[] {
  const scopes = new Map<string, PlanResource[]>();
  for (const resource of plan.resources) {
    const key =
      resource.namespace !== undefined
        ? `namespace ${resource.namespace}`
        : resource.clusterScoped
          ? 'cluster-scoped objects'
          : "the kube context's current namespace";
    scopes.set(key, [...(scopes.get(key) ?? []), resource]);
  }
  const operations: Operation[] = [];
  for (const [scope, members] of scopes) {
    const first = members[0];
    const ids = [...new Set(members.flatMap((r) => servicesOf(r, plan, options.services)))];
    const stateful = members.some(
      (r) => r.stateful === true || (r.type !== 'Namespace' && isStatefulType('kubernetes', r.type)),
    );
    const what =
      scope === 'cluster-scoped objects'
        ? 'cluster-scoped objects (namespaces with everything in them, persistent volumes …)'
        : `every object in ${scope}`;
    operations.push({
      kind: 'delete',
      category: 'kubernetes',
      destructive: true,
      // Offline, nobody knows what prune would remove, so it is held for a person who can look at the cluster.
      reversible: true,
      target: `${scope} (prune)`,
      summary: `kubectl apply --prune deletes ${what} that the manifests do not list (unknown extent)${stateful ? '; persistent volume claims live there, so pruning may remove data' : ''}`,
      hints: first ? hintsFor(plan, first, options) : { ...plan.hints },
      ...(ids.length > 0 ? { services: ids } : {}),
      source: `${plan.name}: --prune ${scope}`,
    });
  }
  return operations;
}

function describe(
  plan: InfrastructurePlan,
  options: PlanOptions,
  counts: ReadonlyMap<string, number>,
): string {
  const facts = [
    plan.format,
    ...(plan.facts ?? []),
    ...(options.environment !== undefined ? [`environment ${options.environment} (stated)`] : []),
  ];
  const parts = [...counts].map(([kind, n]) => `${n} ${kind}`);
  return `plan ${plan.name} (${facts.join(', ')}): ${parts.length > 0 ? parts.join(', ') : 'no changes'}`;
}
