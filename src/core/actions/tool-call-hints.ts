import type { EnvironmentHints } from './types.js';

/** Which kind of environment fact an argument names. */
export const HINT_KEYS = [
  'kubeContext',
  'awsProfile',
  'terraformWorkspace',
  'host',
  'gcpProject',
  'azureSubscription',
  'database',
  'region',
  'path',
] as const;
export type HintKey = (typeof HINT_KEYS)[number];

/** Configured environment arguments: a list of names (kind guessed from the name) or name → hint kind. */
export type EnvironmentArguments = string[] | Record<string, HintKey>;

/** Argument names that name an environment, and which kind of hint each gives. */
export const DEFAULT_ENV_ARGUMENTS: Record<string, HintKey> = {
  cluster: 'kubeContext',
  context: 'kubeContext',
  kube_context: 'kubeContext',
  kubecontext: 'kubeContext',
  account: 'awsProfile',
  account_id: 'awsProfile',
  accountid: 'awsProfile',
  profile: 'awsProfile',
  aws_profile: 'awsProfile',
  project: 'gcpProject',
  project_id: 'gcpProject',
  projectid: 'gcpProject',
  gcp_project: 'gcpProject',
  subscription: 'azureSubscription',
  subscription_id: 'azureSubscription',
  database: 'database',
  db: 'database',
  dbname: 'database',
  database_name: 'database',
  host: 'host',
  hostname: 'host',
  endpoint: 'host',
  server: 'host',
  url: 'host',
  connection_string: 'host',
  dsn: 'host',
  database_url: 'host',
  region: 'region',
  workspace: 'terraformWorkspace',
  environment: 'terraformWorkspace',
  env: 'terraformWorkspace',
  stage: 'terraformWorkspace',
};

/** Environment hints named by a tool call's arguments (defaults plus the server's configured names). */
export function environmentHints(
  args: Record<string, unknown>,
  mappings: { environmentArguments?: EnvironmentArguments } | undefined,
): EnvironmentHints {
  const configured = mappings?.environmentArguments;
  const hints: EnvironmentHints = {};
  for (const [name, value] of Object.entries(args)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const lower = name.toLowerCase();
    const key = configuredHint(configured, name, lower) ?? DEFAULT_ENV_ARGUMENTS[lower];
    if (!key) continue;
    const text = String(value);
    if (hints[key] === undefined) hints[key] = key === 'host' ? hostOf(text) : text;
  }
  return hints;
}

function configuredHint(
  configured: EnvironmentArguments | undefined,
  name: string,
  lower: string,
): HintKey | undefined {
  if (!configured) return undefined;
  if (Array.isArray(configured)) return named(configured, lower) ? guessHint(name) : undefined;
  return configured[name] ?? Object.entries(configured).find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** Whether a configured list of argument names holds this (lower-cased) name. */
export function named(names: readonly string[] | undefined, lower: string): boolean {
  return names !== undefined && names.some((n) => n.toLowerCase() === lower);
}

function guessHint(name: string): HintKey {
  const n = name.toLowerCase();
  if (DEFAULT_ENV_ARGUMENTS[n]) return DEFAULT_ENV_ARGUMENTS[n];
  if (/cluster|context/.test(n)) return 'kubeContext';
  if (/account|profile/.test(n)) return 'awsProfile';
  if (/project/.test(n)) return 'gcpProject';
  if (/region/.test(n)) return 'region';
  if (/db|database/.test(n)) return 'database';
  if (/workspace|env|stage/.test(n)) return 'terraformWorkspace';
  return 'host';
}

function hostOf(text: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(text);
  if (url?.[1]) return url[1];
  const pg = /(?:^|\s)host=([^\s]+)/.exec(text);
  return pg?.[1] ?? text;
}
