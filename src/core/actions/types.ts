import type { BlastRadius, Outcome, Requirement } from '../model.js';

/**
 * One simple command a shell would execute, after unwrapping, quote removal and alias expansion.
 * A line that only assigns shell variables (`BLASTWALL_AGENT=x`, `HUSKY=0; git commit`) is reported as a
 * command named `=` (see ASSIGNMENT_COMMAND) whose args are the `NAME=value` words: nothing runs, but the
 * variables change what later commands (and already-exported ones) see, so self-protection must see them.
 */
export interface SimpleCommand {
  /** The command's base name as it would run (`rm` for `/bin/rm`, `\rm`, `r""m`, `$'\x72\x6d'`); '' when unknown; `=` for assignments only. */
  name: string;
  /** The command word as written when it names a file by path (`./deploy.sh`, `bin/console`): what runs is that file. */
  path?: string;
  /** Arguments after the name, quotes removed. A word holding an unknowable expansion keeps its source text. */
  args: string[];
  /** True when the command name comes from an expansion ($VAR, $(…), `…`) whose value cannot be known. */
  dynamicName: boolean;
  /** Indices into `args` of words whose value cannot be known before running. */
  dynamicArgs: number[];
  /** Variables set for this command: leading `VAR=value`, `env VAR=value`, and earlier `export`s on the line. */
  env: Record<string, string>;
  /**
   * Variables the line changed before this command that `env` cannot say (see EnvChange): an assignment
   * to a variable the line did not export — which still reaches the command when the variable came from
   * the environment — an `unset`, `env -u NAME`, or any variable at all after `env -i` (key `*`).
   */
  envChanges?: Record<string, EnvChange>;
  /** Output and input redirections (`>`, `>>`, `<`, `&>` …) with their target words, and the descriptor when written (`2>`). */
  redirects: { op: string; target: string; fd?: number }[];
  /** Text fed on standard input by a heredoc or here-string, when known. */
  stdin?: string;
  /** Names of the commands piping into this one, nearest first (`curl` for `curl … | bash`). */
  pipedFrom: string[];
  /** Source text of the pipeline stages piping into this one (`env | grep AWS` for `env | grep AWS | curl -d @- …`). */
  pipedSource?: string;
  /** Source text of the pipeline stages this one pipes into (`docker login --password-stdin` for `aws ecr get-login-password | docker login …`). */
  pipedTo?: string;
  /** True when the command's output is captured by a command substitution (`$(gcloud auth print-access-token)`): it is not shown. */
  outputCaptured?: boolean;
  /** Wrappers that were peeled off (`sudo`, `timeout`, `nohup` …). */
  wrappers: string[];
  /** How this command was reached, outermost first: `bash -c`, `eval`, `xargs`, `find -exec`, `ssh host`, `kubectl exec` … */
  via: string[];
  /**
   * True when the line stops if this command fails (`X && …`, `X || exit`, under `set -e`): what it selects
   * (a terraform workspace, a kube context) surely holds for the commands after it. Absent inside a pipeline.
   */
  stopsLine?: boolean;
  /** Set when the command runs on another machine or container. */
  remote?: {
    kind: 'ssh' | 'kubectl-exec' | 'docker-exec';
    host: string;
    context?: string;
    /**
     * Set when the container is a service of a compose project (`docker compose exec redis …`): what the line
     * says selects the project — its files, env files and project name, as written (empty when it names none).
     */
    compose?: readonly string[];
    /**
     * What the runner's own words say about where the command runs (`aws ssm send-command --profile prod`,
     * `gcloud compute ssh --project p`): hints its operations carry where they name none themselves.
     */
    hints?: EnvironmentHints;
  };
  /**
   * The directory the command runs in when an earlier `cd`/`pushd`/`popd` on the line changed it, as written:
   * absolute, `~`-based, or relative to the surroundings' cwd. Absent when unchanged.
   */
  cwd?: string;
  /** True when that directory is only known when it runs (`cd "$X"`, `cd $(mktemp -d)`): relative paths are unknown. */
  cwdUnknown?: boolean;
  // `cwd` may also start with GIT_TOPLEVEL: `cd "$(git rev-parse --show-toplevel)"` from where the line started.
  /**
   * Set when that `cd` may fail without stopping the line (`cd build; rm -rf .`, not `cd build && …`): where the
   * command runs then, in the same form as `cwd` ('' for the surroundings' cwd). Classifiers judge both places.
   */
  cwdOtherwise?: string;
  /**
   * The commands before this one on the line that may change files or git refs (anything but `cd`, `echo`, `git
   * status` …), as `name` or `git SUB` (`curl`, `git fetch`): a ref or file missing when the gate decides may be
   * there when this one runs. Absent when there are none.
   */
  madeBefore?: string[];
  /** The command's own source text. */
  source: string;
}

/** The name of the synthetic command that stands for a line of bare variable assignments (`X=1`). */
export const ASSIGNMENT_COMMAND = '=';

/** The result of reading a command line the way a shell would. */
export interface ParsedCommandLine {
  commands: SimpleCommand[];
  /** Syntax errors; a non-empty list means the line must not be allowed. */
  errors: string[];
  /** Why parts of the line cannot be known before they run (`curl … | sh`, `eval "$x"` …). */
  unknowable: string[];
}

/** Reads a command line into the simple commands it would run. */
export interface ShellParser {
  parse(commandLine: string): ParsedCommandLine;
}

/** What an action would do, as classified. */
export const OPERATION_KINDS = [
  'read',
  'write',
  'delete',
  'replace',
  'truncate',
  'force-push',
  'history-rewrite',
  'permission-change',
  'deploy',
  'push',
  'stop',
  'execute',
  'unknown',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const OPERATION_CATEGORIES = [
  'filesystem',
  'git',
  'sql',
  'infrastructure',
  'cloud',
  'kubernetes',
  'container',
  'platform',
  'process',
  'system',
  'self-protection',
  'mcp',
  'editor',
  /** Reading a secret (a key, a token, cloud or SSH credentials): what is read reaches the model. */
  'secret',
  /** A secrets store's or platform's secret value printed to the agent: held where the environment is protected. */
  'secret-store',
  /** A package, image or release published to a registry others install from (policy agent-release-protected). */
  'release',
  /** Rewriting what a kube context, cloud profile or ssh host resolves to (environment spoofing). */
  'environment-identity',
  'unknown',
] as const;
export type OperationCategory = (typeof OPERATION_CATEGORIES)[number];

/** Facts an action names that tell which environment it acts on. */
export interface EnvironmentHints {
  kubeContext?: string;
  /** The API server URL a kube context resolves to (kubeconfig), which an agent cannot rename. */
  kubeCluster?: string;
  awsProfile?: string;
  /** The AWS account a profile resolves to (`sso_account_id`, the account of `role_arn`). */
  awsAccount?: string;
  terraformWorkspace?: string;
  host?: string;
  gcpProject?: string;
  azureSubscription?: string;
  database?: string;
  /** A cloud region named by the action (`us-east-1`); a hint, rarely enough on its own. */
  region?: string;
  path?: string;
  /** The action is on the local machine (files, processes) rather than a remote system. */
  local?: boolean;
  /**
   * The action's target is a disposable test or dev thing on this machine, and what says so in plain words
   * (`RAILS_ENV=test`, `a kind cluster`, `container project-dev-db on this machine's runtime`). Set only by a
   * classifier that found no production word on the command; it counts only when no other hint names a place
   * (see environment.ts), so a remote host, a cloud profile or a protected match still decides.
   */
  localTarget?: string;
  /**
   * A name its owners gave the target, read by the tool from its own configuration: a warehouse connection, profile
   * or target (`snowsql -c dev`, `databricks -p prod`, `dbt --target prod`), a bucket. A configured environment's
   * id written as a word of it names that environment (environment.ts); any other name names none.
   */
  namedTarget?: string;
  /**
   * An identifier its owners fixed when they made it, not a word the agent chose on the line: a hosting app
   * (`heroku … -a shop-dev`), a search index, an Argo CD application. A configured environment's id, or a dev
   * word, written as a whole segment of it names the environment (see environment.ts, `ownedNameEnvironment`).
   */
  ownedName?: string;
  /** An environment named outright (`plan --environment prod`, a resource tag `Environment=prod`), matched against environment ids. */
  environment?: string;
}

/** One classified operation of an action. */
export interface Operation {
  kind: OperationKind;
  category: OperationCategory;
  /** Would destroy or lose data, state or availability. */
  destructive: boolean;
  /** Can be undone without a backup (git can restore it, a reflog keeps it, a soft delete). */
  reversible: boolean;
  /** What it acts on: a path, a ref, a table, a resource address, a namespace. */
  target: string;
  /** Plain words: "terraform destroy of the whole workspace", "DROP TABLE users". */
  summary: string;
  hints: EnvironmentHints;
  /** Touches blastwall's own guardrails (config, policies, store, hook settings) or tries to bypass them. */
  selfProtection?: boolean;
  /** The command source this operation came from. */
  source: string;
  /** Service ids the operation acts on, when its producer knows them (plan resource tags, module paths); added to those its target names. */
  services?: string[];
  /**
   * Set when the loss is confined to the agent's workspace: what a restore point must keep so that `blastwall
   * undo` brings it back (policy agent-undoable-workspace). Such an operation runs only behind a restore point.
   */
  restore?: RestoreScope;
}

/**
 * What a restore point keeps for one operation whose loss is confined to the workspace (`root`, a repository or
 * the workspace folder). Taken by an adapter just before the command runs (src/adapters/host/restore-points.ts).
 */
export type RestoreScope =
  /** Files and folders a delete removes (absolute paths). */
  | { kind: 'files'; root: string; paths: string[] }
  /** Uncommitted changes to tracked files, the index and HEAD (`reset --hard`, `checkout -- .`); empty pathspecs: all. */
  | { kind: 'worktree'; root: string; pathspecs: string[] }
  /** Untracked (and, with -x/-X, ignored) files `git clean` with these arguments would delete. */
  | { kind: 'untracked'; root: string; cleanArgs: string[] }
  /** Branches or stashes about to be deleted (`refs/heads/x`, `stash@{0}`, `stash` for every stash). */
  | { kind: 'refs'; root: string; refs: string[] };

/** A restore point that was taken, as a decision reports it. */
export interface RestorePointTaken {
  /** '' when there was nothing to keep (the paths did not exist, nothing was uncommitted). */
  id: string;
  /** Files whose contents were copied into the restore point. */
  files: number;
  bytes: number;
  /** Files git itself can bring back (tracked and unchanged), recorded by their blob. */
  fromGit: number;
  /** Refs (branches, stashes) recorded. */
  refs: number;
  /** What was deliberately not kept: build output and caches a tool writes again. */
  notKept: string[];
}

/** How the line changed a variable: its value (UNKNOWN_VALUE when only known when it runs), or null when removed. */
export interface EnvChange {
  value: string | null;
  /** True when the command sees the change only if the variable was in the environment already (not exported here). */
  ifInherited: boolean;
}

/** The value of a variable set on the line to something only known when it runs: it matches no environment. */
export const UNKNOWN_VALUE = '(a value known only when the line runs)';

/**
 * Stands, in a directory as written, for the root of the git repository the line started in: agents open
 * lines with `cd "$(git rev-parse --show-toplevel)"`, whose target the parser cannot know but the
 * surroundings can (`gitToplevel`). A NUL never occurs in a shell word, so it cannot be confused with a path.
 */
export const GIT_TOPLEVEL = '\u0000git-toplevel';

/** What the classifier knows of the action's surroundings, gathered by an adapter before classification. */
export interface ActionSurroundings {
  cwd: string;
  /** The repository or workspace root the agent works in. */
  workspace: string;
  home: string;
  env: Record<string, string>;
  /** The current kube context, when a kubeconfig was readable. */
  kubeContext?: string;
  /** The docker CLI's current context (`currentContext` of its config.json), when one other than the default is set. */
  dockerContext?: string;
  /** The terraform workspace selected in cwd (`.terraform/environment`; `TF_WORKSPACE` overrides it per command). */
  terraformWorkspace?: string;
  /** The root of the git repository cwd is in (what `git rev-parse --show-toplevel` prints there). */
  gitToplevel?: string;
  /** The branch checked out in cwd's repository (`.git/HEAD`), when on a branch. */
  gitBranch?: string;
  /** The repository's default branch (origin's HEAD, else main or master), when it can be told. */
  defaultBranch?: string;
}

/** Turns one simple command into the operations it would perform (none for harmless commands). */
export type CommandClassifier = (command: SimpleCommand, surroundings: ActionSurroundings) => Operation[];

/** The environment an operation was resolved to. */
export interface ResolvedEnvironment {
  id: string;
  protected: boolean;
  /** False when nothing in the action named a configured environment: then it is treated as protected. */
  known: boolean;
  /** Which hint matched, in plain words. */
  matchedBy?: string;
}

/** A decision about an agent's proposed action. */
export interface ActionDecision {
  decision: Outcome;
  /** One plain reason per deciding policy (empty when allowed with nothing to say). */
  reasons: string[];
  requirements: Requirement[];
  operations: (Operation & { environment: ResolvedEnvironment })[];
  blastRadius: BlastRadius;
  agent: string;
  onBehalfOf?: string;
  command: string;
  /** Parse problems and unknowable parts, if any. */
  warnings: string[];
  /** Evaluation time in milliseconds. */
  elapsedMs: number;
  /** The restore point an allowed workspace loss runs behind (`blastwall undo <id>` replays it). */
  restorePoint?: RestorePointTaken;
}
