import picomatch from 'picomatch';
import type { Environment, EnvironmentMatch } from '../model.js';
import { sharedWord, words } from './environment-words.js';
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
  'namedTarget',
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
      // A name its owners fixed (a cloud project, a warehouse connection, an app, an index) names an environment
      // by a word of it.
      const byWord = namedByWord(compiled, hints);
      if (byWord) return byWord;
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
      if (hints.namedTarget) named.push(`target named "${hints.namedTarget}"`);
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

// Hints that name another system than the name read for its words: any one of them, matched by no environment,
// keeps a dev-sounding name from making the action an unprotected one's (a tool call's `project` beside an unknown
// cluster).
const BESIDE_NAME: (keyof EnvironmentHints)[] = [
  'kubeContext',
  'kubeCluster',
  'awsProfile',
  'awsAccount',
  'terraformWorkspace',
  'azureSubscription',
];

/**
 * A name fixed by its owners, not chosen by the agent on the line — a cloud project's id (where no environment
 * matches on projects), a warehouse tool's connection, profile or target (`snowsql -c dev`, `dbt --target prod`),
 * a hosting app, a search index, an Argo CD application — names the configured environment whose id is written as a word of it (`acme-dev` is dev). A protected one
 * first (`dev-tools-prod` is prod), and a protected id among the words of the host or database the line names
 * outweighs an unprotected name (`-a acme-prod -c dev` is prod). An unprotected one only when nothing says
 * otherwise: a production or shared word anywhere in a name (`dev-shop-production`, `shop-live-dev`, whatever the
 * protected environment is called), another name left unknown, or another system named beside it leaves the
 * environment unknown. Other names name nothing.
 */
function namedByWord(
  compiled: readonly { env: Environment; matchers: Partial<Record<HintKey, unknown>> }[],
  hints: EnvironmentHints,
): ResolvedEnvironment | undefined {
  const names: [string, string][] = [];
  const project = hints.gcpProject;
  if (project !== undefined && project !== UNKNOWN_VALUE && !compiled.some((c) => c.matchers.gcpProject))
    names.push(['cloud project', project]);
  // a tool given several names (`databricks -p dev -t prod_eu`) has them joined by " and "
  if (hints.namedTarget !== undefined && hints.namedTarget !== UNKNOWN_VALUE)
    for (const name of hints.namedTarget.split(' and ')) names.push(['target named', name]);
  if (hints.ownedName !== undefined && hints.ownedName !== UNKNOWN_VALUE)
    names.push(['the name', hints.ownedName]);
  const environments = compiled.map(({ env }) => env);
  const found = names.map(([label, name]) => {
    const env = ownedNameEnvironment(name, environments);
    return { env, label, name, parts: words(name) };
  });
  // every name counts (a dev project's extract into a prod bucket is prod): a protected one first, and an
  // unprotected one only when no other name is left unknown
  let pick = found.find(({ env }) => env?.protected === true);
  if (pick === undefined && found.length > 0 && found.every(({ env }) => env !== undefined)) pick = found[0];
  if (pick?.env !== undefined && !pick.env.protected) {
    const around = [hints.host, hints.database].flatMap((v) => (v === undefined ? [] : words(v)));
    const veto = compiled.find(({ env }) => env.protected && around.includes(env.id.toLowerCase()));
    if (veto !== undefined) pick = { ...pick, env: veto.env };
  }
  if (pick?.env === undefined) return undefined;
  if (!pick.env.protected) {
    // a shared word that is not the named environment's own id (`qa` in `shop-qa` names an unprotected qa)
    const id = pick.env.id.toLowerCase();
    const sharedBeside = found.some(({ parts }) =>
      parts.some((word) => word !== id && sharedWord(word) !== undefined),
    );
    if (sharedBeside || BESIDE_NAME.some((key) => hints[key])) return undefined;
  }
  return {
    id: pick.env.id,
    protected: pick.env.protected,
    known: true,
    matchedBy: `${pick.label} "${pick.name}", whose name says ${pick.env.id}`,
  };
}

/** Words that say a name is a dev one, when nothing else in it names another environment. */
// `scratch`: a throwaway made to be deleted (a Salesforce scratch org, a `dev-scratch` dataset)
const DEV_WORDS = new Set(['dev', 'development', 'sandbox', 'local', 'test', 'scratch']);
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
