import type { EnvironmentHints } from '../../types.js';

// Where an unfamiliar CLI connects, read from the flags most CLIs use for it, so that a tool pointed at a loopback
// service (`etcdctl --endpoints=http://127.0.0.1:2379 del k`, `rabbitmqadmin -H localhost purge …`) resolves to the
// workstation and one pointed at a named host resolves by that host. Nothing found leaves the environment unknown.

/** Flags whose value is a server: host, host:port, URL or a comma-separated list of them. */
const HOST_FLAGS = new Set([
  '-h',
  '-H',
  '--host',
  '--hostname',
  '--server',
  '-server',
  '--servers',
  '--bootstrap-server',
  '--broker-list',
  '--endpoints',
  '--endpoint',
  '--url',
  '--uri',
  '--addr',
  '--address',
  '--zookeeper',
  // Go-style single-dash flags and the server-URL flags of HashiCorp and cloud CLIs (`consul -http-addr=…`,
  // `nomad -address=…`, `aws --endpoint-url …`)
  '-addr',
  '-address',
  '-http-addr',
  '--http-addr',
  '-host',
  '-url',
  '-endpoint',
  '--endpoint-url',
  '--api-url',
  '--server-url',
  // message brokers' admin CLIs (`rpk --brokers`, `pulsar-admin --admin-url`, `nats -s`)
  '--brokers',
  '--admin-url',
  '--service-url',
  '--web-service-url',
  '-s',
]);

/**
 * Schemes of a URL written as an argument that names a server. Other schemes name something inside a system
 * (`persistent://public/default/topic`, `s3://bucket`, `gs://…`), not where it is.
 */
const NETWORK_SCHEME =
  /^(?:https?|wss?|tcp|udp|grpcs?|h2c?|postgres(?:ql)?|mysql|mariadb|redis|rediss|mongodb(?:\+srv)?|amqps?|nats|tls|mqtts?|ssh|sftp|ftps?|ldaps?|jdbc:[a-z0-9]+|clickhouse|cassandra|kafka|pulsar(?:\+ssl)?|etcd|consul|nomad|vault|elasticsearch|opensearch|rtmp|telnet|docker|oci):\/\//i;

/** The server key of an ADO.NET / ODBC / JDBC-property style connection string (`Server=host,1433;Database=…`). */
const CONNECTION_SERVER =
  /(?:^|;)\s*(?:server|host|data source|address|addr|network address)\s*=\s*([^;]+?)\s*(?:;|$)/i;

/** `scheme://[user@]host[:port]/…` → host[:port]; a bare `host[:port]` is kept as it is. */
function hostOf(value: string): string | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\](?::\d+)?|[^/?#]+)/i.exec(value);
  if (url) return url[1];
  return /^(\[[0-9a-f:]+\]|[\w.-]+)(:\d+)?$/i.test(value) ? value : undefined;
}

/** Every server the argv names through a host flag or a URL argument. */
export function namedHosts(args: readonly string[]): string[] {
  const hosts: string[] = [];
  const add = (value: string): void => {
    for (const part of value.split(',')) {
      const host = hostOf(part.trim());
      if (host !== undefined) hosts.push(host);
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    if (arg.startsWith('-') && eq > 0 && HOST_FLAGS.has(arg.slice(0, eq))) add(arg.slice(eq + 1));
    else if (HOST_FLAGS.has(arg) && i + 1 < args.length && !(args[i + 1] ?? '-').startsWith('-'))
      add(args[++i] ?? '');
    else if (NETWORK_SCHEME.test(arg)) add(arg);
    else {
      // a connection string (`--connection "Server=sql.prod.acme.io;Database=Orders"`): its server key
      const server = CONNECTION_SERVER.exec(arg)?.[1];
      if (server !== undefined) add(server.trim().replace(/^tcp:/i, ''));
    }
  }
  return hosts;
}

/**
 * The servers a tool's own variables name (`NOMAD_ADDR`, `CONSUL_HTTP_ADDR`, `ETCDCTL_ENDPOINTS`): variables named
 * for the tool that end in a server word, set on the line or inherited.
 */
export function variableHosts(tool: string, env: Record<string, string | undefined>): string[] {
  const prefix = tool.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if (prefix === '') return [];
  const own = new RegExp(`^${prefix}_(?:HTTP_)?(?:ADDR|ADDRESS|HOST|URL|ENDPOINTS?|SERVER)$`);
  const hosts: string[] = [];
  for (const [name, value] of Object.entries(env))
    if (own.test(name) && value !== undefined && value !== '') hosts.push(...namedHosts([`--url=${value}`]));
  return hosts;
}

/**
 * The host hint of a generic operation: a non-loopback host when any is named (it decides), else the loopback one.
 * `variables` are the servers the tool's own variables name (see variableHosts), which count like its flags.
 */
export function hostHints(
  args: readonly string[],
  isLoopback: (host: string) => boolean,
  variables: readonly string[] = [],
): EnvironmentHints {
  const hosts = [...namedHosts(args), ...variables];
  if (hosts.length === 0) return {};
  return { host: hosts.find((h) => !isLoopback(h)) ?? hosts[0] };
}

/** Flags most CLIs that deploy to Kubernetes take for the kube context (`skaffold --kube-context`, `tilt --context`). */
const CONTEXT_FLAGS = new Set([
  '--kube-context',
  '--kubecontext',
  '--kube_context',
  '--context',
  '--k8s-context',
]);
/** Variables those CLIs read the kube context from. */
const CONTEXT_VARIABLES = ['KUBECONTEXT', 'KUBE_CONTEXT', 'HELM_KUBECONTEXT', 'SKAFFOLD_KUBE_CONTEXT'];

/**
 * The kube context an unfamiliar CLI is pointed at, so the configured kube contexts decide its environment
 * (`tilt down --context prod-us` protected, `skaffold delete --kube-context kind-dev` not). None named: no hint.
 */
export function contextHints(args: readonly string[], env: Record<string, string>): EnvironmentHints {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0 && CONTEXT_FLAGS.has(arg.slice(0, eq))) {
      const value = arg.slice(eq + 1);
      if (value !== '') return { kubeContext: value };
    } else if (CONTEXT_FLAGS.has(arg) && i + 1 < args.length && !(args[i + 1] ?? '-').startsWith('-'))
      return { kubeContext: args[i + 1] ?? '' };
  }
  for (const name of CONTEXT_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') return { kubeContext: value };
  }
  return {};
}

/**
 * Options by which a hosted service's CLI names the tenant it acts on — a Salesforce org, a Shopify store, a HubSpot
 * account, an IoT hub, a Contentful environment, an Auth0 tenant, a device fleet. Their owners named that tenant
 * when they made it, so a word of it says which environment it is (`--target-org feature-x-scratch` is a scratch
 * org, `--store shop-production.myshopify.com` production).
 */
const TENANT_OPTIONS = new Set([
  '--target-org',
  '--org',
  '--store',
  '--account',
  '--portal',
  '--hub-name',
  '--hub',
  '--environment-id',
  '--tenant',
  '--fleet',
]);

/** The tenant a hosted service's CLI is pointed at, as an owner-fixed name (a hostname by its first label). */
export function tenantHints(args: readonly string[]): EnvironmentHints {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const value =
      arg.startsWith('--') && eq > 0 && TENANT_OPTIONS.has(arg.slice(0, eq))
        ? arg.slice(eq + 1)
        : TENANT_OPTIONS.has(arg) && !(args[i + 1] ?? '-').startsWith('-')
          ? args[i + 1]
          : undefined;
    if (value === undefined || value === '') continue;
    // `acme-dev.myshopify.com`, `acme-prod.eu.auth0.com`: the tenant is the first label
    const name = /^[\w-]+(?:\.[\w-]+)+$/.test(value) ? (value.split('.')[0] ?? value) : value;
    return { ownedName: name };
  }
  return {};
}
