import picomatch from 'picomatch';
import type { Environment, EnvironmentMatch } from '../model.js';
import { UNKNOWN_VALUE, type EnvironmentHints, type ResolvedEnvironment } from './types.js';

type HintKey = keyof EnvironmentMatch & keyof EnvironmentHints;

/** Hint kinds in the order they are tried (see `resolve`: a protected match anywhere outweighs an unprotected one). */
const HINT_ORDER: HintKey[] = [
  'kubeCluster',
  'awsAccount',
  'kubeContext',
  'awsProfile',
  'terraformWorkspace',
  'gcpProject',
  'azureSubscription',
  'database',
  'host',
  'path',
];

const HINT_WORDS: Record<HintKey, string> = {
  kubeCluster: 'kube cluster',
  awsAccount: 'AWS account',
  kubeContext: 'kube context',
  awsProfile: 'AWS profile',
  terraformWorkspace: 'terraform workspace',
  gcpProject: 'cloud project',
  azureSubscription: 'Azure subscription',
  database: 'database',
  host: 'host',
  path: 'path',
};

/** Matches environment hints against configured environments; compiled once per config. */
export interface EnvironmentResolver {
  resolve(hints: EnvironmentHints): ResolvedEnvironment;
}

/** The environment of purely local actions (files and processes on the agent's own machine) when no config names one. */
export const WORKSTATION: ResolvedEnvironment = {
  id: 'workstation',
  protected: true,
  known: true,
  matchedBy: 'a local path outside the workspace',
};

/**
 * A service the command names on a loopback host (`psql -h localhost`, `redis-cli -h 127.0.0.1`): the
 * workstation's own dev services, disposable like the rest of the local dev stack. A client with no host at all
 * stays on WORKSTATION (protected): its default can be redirected (a tunnel, a socket, a config file) and the
 * line does not say where it goes. A config that protects `localhost` by a host glob still wins.
 */
export const LOOPBACK_SERVICE: ResolvedEnvironment = {
  id: 'workstation',
  protected: false,
  known: true,
  matchedBy: 'a loopback host (this machine)',
};

/**
 * A disposable test or dev target on this machine that the command marks as such (`RAILS_ENV=test rails db:reset`,
 * `kind delete cluster`, `docker rm -f project-dev-db`, `dropdb app_test` on the local server): the local dev stack,
 * like a loopback service. Only reached when no hint names another place (see `onlyThisMachine`).
 */
export const LOCAL_TEST_TARGET: ResolvedEnvironment = {
  id: 'workstation',
  protected: false,
  known: true,
  matchedBy: 'a test or dev target on this machine',
};

// Hints that name a place beyond this machine: any one of them keeps a local test/dev marker from deciding.
const ELSEWHERE: (keyof EnvironmentHints)[] = [
  'kubeContext',
  'kubeCluster',
  'awsProfile',
  'awsAccount',
  'terraformWorkspace',
  'gcpProject',
  'azureSubscription',
  'region',
  'environment',
  'ownedName',
];

/** True when the hints name nothing beyond this machine: no remote host, cloud, cluster or named environment. */
function onlyThisMachine(hints: EnvironmentHints): boolean {
  if (hints.host !== undefined && !isLoopback(hints.host)) return false;
  return ELSEWHERE.every((key) => hints[key] === undefined);
}

/** Compiles the environments' globs; an action whose environment cannot be told is protected, never dev. */
export function createEnvironmentResolver(environments: readonly Environment[]): EnvironmentResolver {
  const compiled = environments.map((env) => ({
    env,
    matchers: Object.fromEntries(
      Object.entries(env.match).map(([key, globs]) => [
        key,
        picomatch(globs as string[], { dot: true, nocase: key !== 'path' }),
      ]),
    ) as Partial<Record<HintKey, (value: string) => boolean>>,
  }));
  const ids = compiled.map(({ env }) => env);
  // A cloud project's id, a hosting app's name, a search index's name are fixed when their owners make them, not
  // chosen by the agent on the line: a configured environment's id, or a dev word, written as a whole segment
  // of one names the environment — a protected one first (`dev-tools-prod` is prod).
  function ownedNamesOf(hints: EnvironmentHints, byProject: boolean): ResolvedEnvironment | undefined {
    const named: { what: string; name: string; env: Environment }[] = [];
    const project = hints.gcpProject;
    if (byProject && project !== undefined && project !== UNKNOWN_VALUE) {
      const env = ownedNameEnvironment(project, ids);
      if (env !== undefined) named.push({ what: 'cloud project', name: project, env });
    }
    const owned = hints.ownedName;
    if (owned !== undefined && owned !== UNKNOWN_VALUE) {
      const env = ownedNameEnvironment(owned, ids);
      if (env !== undefined) named.push({ what: 'the name', name: owned, env });
    }
    const pick = named.find(({ env }) => env.protected) ?? named[0];
    if (pick === undefined) return undefined;
    return {
      id: pick.env.id,
      protected: pick.env.protected,
      known: true,
      matchedBy: `${pick.what} "${pick.name}", whose id names ${pick.env.id}`,
    };
  }
  return {
    resolve(hints) {
      // Hints may disagree (`AWS_PROFILE=dev terraform destroy` in workspace prod): the first hint that
      // names a protected environment wins, and only when none does, the first that names any.
      let first: ResolvedEnvironment | undefined;
      for (const key of HINT_ORDER) {
        const value = hints[key];
        if (value === undefined || value === '') continue;
        if (value === UNKNOWN_VALUE)
          return {
            id: 'unknown',
            protected: true,
            known: false,
            matchedBy: `the ${HINT_WORDS[key]} is set on the line to a value known only when it runs`,
          };
        const match = compiled.find(({ matchers }) => matchers[key]?.(value));
        if (!match) continue;
        const resolved = {
          id: match.env.id,
          protected: match.env.protected,
          known: true,
          matchedBy: `${HINT_WORDS[key]} "${value}"`,
        };
        if (resolved.protected) return resolved;
        first ??= resolved;
      }
      if (first) return first;
      // A named environment comes last, so a prod kube context or workspace outweighs a `dev` tag or namespace.
      const byName = hints.environment
        ? compiled.find(({ env }) => env.id.toLowerCase() === hints.environment?.toLowerCase())
        : undefined;
      if (byName)
        return {
          id: byName.env.id,
          protected: byName.env.protected,
          known: true,
          matchedBy: `environment named "${hints.environment}"`,
        };
      // An identifier its owners fixed (a cloud project, an app, an index) names an environment by a word of it.
      const owned = ownedNamesOf(hints, !compiled.some((c) => c.matchers.gcpProject));
      if (owned !== undefined) return owned;
      // A target the command marks as a local test/dev one, when nothing else on it names a place.
      if (hints.localTarget !== undefined && onlyThisMachine(hints))
        return { ...LOCAL_TEST_TARGET, matchedBy: hints.localTarget };
      // A cluster a local Kubernetes tool runs on this machine (`k3d-acme`, `minikube`, `docker-desktop`).
      const cluster = localClusterContext(hints);
      if (cluster !== undefined) return { ...LOCAL_TEST_TARGET, matchedBy: cluster };
      // A loopback host (`psql -h localhost`) is this machine, not an environment nobody named.
      if (isLoopback(hints.host)) return { ...LOOPBACK_SERVICE, matchedBy: `loopback host "${hints.host}"` };
      if (hints.local) return WORKSTATION;
      const named = HINT_ORDER.map((key) =>
        hints[key] ? `${HINT_WORDS[key]} "${hints[key]}"` : undefined,
      ).filter(Boolean);
      if (hints.environment) named.push(`environment named "${hints.environment}"`);
      return {
        id: 'unknown',
        protected: true,
        known: false,
        matchedBy:
          named.length > 0
            ? `${named.join(', ')} matches no configured environment`
            : 'nothing in the command names an environment',
      };
    },
  };
}

/** Words that say a name is a dev one, when nothing else in it names another environment. */
const DEV_WORDS = new Set(['dev', 'development', 'sandbox', 'local', 'test']);
/** Words that name production or a shared environment (`acme-prod2`, `shop-live`, `web-staging`). */
const OTHER_ENVIRONMENT = /^(?:prod|production|prd|live|staging|stage|stg|uat|preprod|qa)\d*$|prod$|prd$/;

/**
 * The configured environment an owner-fixed name (`acme-dev`, `dev_alice_products`) names, by its whole
 * dash/underscore-separated segments: a protected environment's id first; otherwise an unprotected one's id, or a
 * dev word (read as the unprotected environment whose id is a dev word) — but only when no segment names
 * production or a shared environment the configuration does not call unprotected. Undefined when it names none.
 */
export function ownedNameEnvironment(
  name: string,
  environments: readonly Environment[],
): Environment | undefined {
  const segments = name.toLowerCase().split(/[-_]+/);
  const byId = (id: string): Environment | undefined =>
    environments.find((env) => env.id.toLowerCase() === id);
  const protectedOne = segments.map(byId).find((env) => env?.protected === true);
  if (protectedOne !== undefined) return protectedOne;
  const unprotected = (segment: string): boolean => byId(segment)?.protected === false;
  if (segments.some((s) => OTHER_ENVIRONMENT.test(s) && !unprotected(s))) return undefined;
  const own = segments.map(byId).find((env) => env !== undefined);
  if (own !== undefined) return own;
  if (!segments.some((s) => DEV_WORDS.has(s))) return undefined;
  return environments.find((env) => !env.protected && DEV_WORDS.has(env.id.toLowerCase()));
}

/**
 * Kube contexts as the tools that run a cluster on this machine name them: k3d, kind and k3s prefix the cluster's
 * name; minikube, Docker Desktop, OrbStack, Rancher Desktop, Colima and MicroK8s use their own.
 */
const LOCAL_CLUSTER_CONTEXT =
  /^(?:(?:k3d|kind|k3s)-[\w.-]+|minikube|docker-desktop|docker-for-desktop|orbstack|rancher-desktop|colima(?:-[\w.-]+)?|microk8s)$/i;
/** API servers of those clusters: this machine, the engine's private network, Docker Desktop's own name. */
const LOCAL_CLUSTER_SERVER =
  /^(?:https?:\/\/)?(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\]|kubernetes\.docker\.internal|host\.docker\.internal|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|10(?:\.\d{1,3}){3})(?::\d+)?\/?$/i;

/**
 * The local cluster the hints' kube context names, in plain words: only when its name is a local tool's, no word
 * of it names production, the server it resolves to (when known) is on this machine or its engine's network, and
 * no other hint names a place beyond this machine.
 */
function localClusterContext(hints: EnvironmentHints): string | undefined {
  const context = hints.kubeContext;
  if (context === undefined || !LOCAL_CLUSTER_CONTEXT.test(context)) return undefined;
  if (/(?:^|[-_.])(?:prod|production|prd|live|staging|stage|stg)(?:[-_.]|\d|$)/i.test(context))
    return undefined;
  if (hints.kubeCluster !== undefined && !LOCAL_CLUSTER_SERVER.test(hints.kubeCluster)) return undefined;
  const { kubeContext: _, kubeCluster: __, ...rest } = hints;
  if (!onlyThisMachine(rest)) return undefined;
  return `kube context "${context}", a cluster a local tool runs on this machine`;
}

/** localhost, 127.0.0.0/8, ::1 (with or without a port): the agent's own machine. */
export function isLoopback(host: string | undefined): boolean {
  if (host === undefined) return false;
  const lower = host.toLowerCase();
  if (lower === '::1' || lower === '[::1]' || lower.startsWith('[::1]:')) return true;
  const bare = lower.replace(/:\d+$/, '');
  return bare === 'localhost' || bare.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(bare);
}
