import type { ConfigFile } from '../../adapters/config/schema.js';

/** The files `blastwall creds setup` writes, by name, and the variables an agent's sessions get. */
export interface SetupPlan {
  files: Array<{ name: string; content: string }>;
  env: Record<string, string>;
  notes: string[];
}

/** A PostgreSQL connection of a read grant, for the service file. */
export interface PgService {
  environment: string;
  url: string;
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * What setup writes for the agents: an AWS config of credential_process profiles, a kubeconfig of exec
 * plugins and a PostgreSQL service file, for every environment with credentials; `main` is the default.
 */
export function planSetup(options: {
  credentials: ConfigFile['credentials'];
  main: string;
  dir: string;
  /** How the agents' tools call blastwall (`blastwall`, or an absolute path). */
  bin: string;
  /**
   * The server the plugins ask, when setup knows it: named on each plugin's command line, so the thin plugin
   * process answers by itself with the agent's token from $BLASTWALL_TOKEN, never reading blastwall.yaml.
   */
  server?: string;
  postgres: PgService[];
}): SetupPlan {
  const { credentials, dir, bin } = options;
  const server = options.server === undefined ? [] : ['--server', options.server];
  const files: SetupPlan['files'] = [];
  const env: Record<string, string> = {};
  const notes: string[] = [];
  const call = (kind: string, environment: string, write: boolean) =>
    [bin, 'creds', kind, environment, ...(write ? ['--write'] : []), ...server].map(quoteArg).join(' ');

  const aws = Object.entries(credentials).filter(([, c]) => c.aws);
  if (aws.length > 0) {
    const lines: string[] = [
      '# Written by `blastwall creds setup`: credentials come from the blastwall broker.',
    ];
    for (const [environment, config] of aws)
      for (const write of [false, true]) {
        lines.push(`[profile blastwall-${environment}${write ? '-write' : ''}]`);
        lines.push(`credential_process = ${call('aws', environment, write)}`);
        lines.push(`region = ${config.aws!.region}`, '');
      }
    files.push({ name: 'aws-config', content: lines.join('\n') });
    // An empty credentials file: keys found in ~/.aws/credentials never mix in.
    files.push({ name: 'aws-credentials', content: '' });
    env.AWS_CONFIG_FILE = `${dir}/aws-config`;
    env.AWS_SHARED_CREDENTIALS_FILE = `${dir}/aws-credentials`;
    if (credentials[options.main]?.aws) env.AWS_PROFILE = `blastwall-${options.main}`;
  }

  const k8s = Object.entries(credentials).filter(([, c]) => c.kubernetes);
  if (k8s.length > 0) {
    const clusters = k8s.map(([environment, c]) => ({
      name: `blastwall-${environment}`,
      cluster: {
        server: c.kubernetes!.server,
        ...(c.kubernetes!.caFile !== undefined && { 'certificate-authority': c.kubernetes!.caFile }),
        ...(c.kubernetes!.insecureSkipTlsVerify && { 'insecure-skip-tls-verify': true }),
      },
    }));
    const users = k8s.flatMap(([environment]) =>
      [false, true].map((write) => ({
        name: `blastwall-${environment}${write ? '-write' : ''}`,
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: bin,
            args: ['creds', 'kubernetes', environment, ...(write ? ['--write'] : []), ...server],
            interactiveMode: 'Never',
            provideClusterInfo: false,
          },
        },
      })),
    );
    const contexts = users.map((user) => ({
      name: user.name,
      context: { cluster: user.name.replace(/-write$/, ''), user: user.name },
    }));
    const current = credentials[options.main]?.kubernetes ? `blastwall-${options.main}` : contexts[0]!.name;
    files.push({
      name: 'kubeconfig',
      content: `${JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters, users, contexts, 'current-context': current }, null, 2)}\n`,
    });
    env.KUBECONFIG = `${dir}/kubeconfig`;
  }

  if (options.postgres.length > 0) {
    const lines = [
      '# Written by `blastwall creds setup`: read-only roles of this session; `blastwall creds postgres ENV` renews.',
    ];
    for (const service of options.postgres) {
      const url = new URL(service.url);
      lines.push(`[blastwall-${service.environment}]`);
      lines.push(
        `host=${url.hostname}`,
        `port=${url.port || '5432'}`,
        `dbname=${decodeURIComponent(url.pathname.slice(1))}`,
      );
      lines.push(
        `user=${decodeURIComponent(url.username)}`,
        `password=${decodeURIComponent(url.password)}`,
        '',
      );
    }
    files.push({ name: 'pg_service.conf', content: lines.join('\n') });
    env.PGSERVICEFILE = `${dir}/pg_service.conf`;
    if (options.postgres.some((service) => service.environment === options.main))
      env.PGSERVICE = `blastwall-${options.main}`;
  } else if (Object.values(credentials).some((c) => c.postgres))
    notes.push(
      'PostgreSQL: no service file written (the server gave no read grant); use `blastwall creds postgres ENV`',
    );
  return { files, env, notes };
}
