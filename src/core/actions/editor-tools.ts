import path from 'node:path';
import {
  attestationDataReason,
  guardedWriteReason,
  resolveWritten,
  type GuardedPlace,
  type RealPath,
} from './guarded-paths.js';
import type { Operation } from './types.js';

/** How an editor tool touches a file. */
export type EditorAccess = 'read' | 'write' | 'delete';

/** Where the agent works: the classification is relative to these (no file system is read). */
export interface EditorPlace extends GuardedPlace {
  /** The repository or workspace root. */
  workspace: string;
  home: string;
  /** Directory that relative paths are resolved against. */
  cwd: string;
  /** Scratch directories where writes are harmless (`/tmp` by default). */
  scratch?: string[];
  /** Follows symlinks (injected by the caller, which may read the disk): a write lands where its links lead. */
  realPath?: RealPath;
}

/** One file access by an editor tool (Write, Edit, apply_patch, write_file, fs_write …). */
export interface EditorAccessRequest {
  path: string;
  access: EditorAccess;
  /** The tool's own name, for the summary. */
  tool: string;
}

// Secrets: keys, tokens and cloud credentials. Templates (`.env.example`) hold no secret.
const SECRET_BASENAMES: RegExp[] = [
  /^\.env(\..+)?$/,
  /\.(pem|key|p12|pfx|jks|keystore)$/i,
  /^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/,
  /^\.(netrc|pgpass|npmrc|pypirc|git-credentials|vault-token|s3cfg|my\.cnf)$/,
  /^credentials(\.json)?$/,
  /^service-account.*\.json$/i,
  // an environment file by its extension (`api.env`, `prod.env`), as `.env` files are by their name
  /^[\w.-]+\.env$/,
];
/** The system's password hashes. */
const SYSTEM_SECRETS = /^\/etc\/(?:g?shadow|master\.passwd|security\/opasswd)-?$/;
const SECRET_TEMPLATE = /^\.env\.(example|sample|template|dist)$/;
const SECRET_IN_HOME: RegExp[] = [
  /^\.aws\/(credentials|config)$/,
  /^\.kube\/config$/,
  /^\.ssh\//,
  /^\.docker\/config\.json$/,
  /^\.config\/gcloud\//,
  /^\.azure\//,
  /^\.gnupg\//,
  // wallets: an Ethereum keystore, Foundry's keystores, a Solana keypair — whoever reads one holds the funds
  /^\.ethereum\/keystore\//,
  /^\.foundry\/keystores\//,
  /^\.config\/solana\/[^/]+\.json$/,
  // A CLI's own credentials file, by the conventions CLIs name them with rather than a list of CLIs: a `cfg`
  // dotfile (`.databrickscfg`, `.s3cfg`), the extensionless `config` of a tool's home folder (`.snowsql/config`,
  // `.aws/config`), the host → token file of a `.config` folder (`.config/gh/hosts.yml`), and any file in a
  // dot-folder named for credentials, tokens, secrets, auth or passwords (`.codex/auth.json`,
  // `.terraform.d/credentials.tfrc.json`). A tool's settings file (`.codex/config.toml`) is none of these.
  /^\.[^/]+cfg$/,
  /^\.[^/]+\/config$/,
  /^\.config\/[^/]+\/hosts\.(?:ya?ml|json)$/,
  /^\.[^/]+\/(?:[^/]+\/)*[^/]*(?:^|[._-]|\b)(?:credentials?|creds|tokens?|secrets?|auth|passwords?|api[_-]?keys?)(?:[._-][^/]*)?$/i,
];

// Definitions that deploy: CI/CD pipelines, and infrastructure of a production environment.
const PIPELINE: RegExp[] = [
  /^\.github\/workflows\//,
  /^\.gitlab-ci\.ya?ml$/,
  /^\.circleci\//,
  /^\.buildkite\//,
  /^Jenkinsfile$/,
  /^azure-pipelines\.ya?ml$/,
  /^bitbucket-pipelines\.yml$/,
];
const INFRA_ROOT =
  /(^|\/)(terraform|tf|infra|infrastructure|k8s|kubernetes|helm|charts|deploy|deployments|environments|envs|kustomize|overlays|cdk|pulumi|cloudformation)(\/|$)/i;
const PROD_SEGMENT = /(^|\/|[._-])(prod|production|prd)([._-]|\/|$)/i;

/** Turns one editor-tool file access into the operations it would perform (none for ordinary workspace files). */
export function classifyEditorAccess(request: EditorAccessRequest, place: EditorPlace): Operation[] {
  const absolute = resolvePath(request.path, place);
  const inWorkspace = isInside(absolute, place.workspace);
  const fromWorkspace = inWorkspace ? toPosix(path.relative(place.workspace, absolute)) : undefined;
  const source = `${request.tool} ${request.path}`;
  const kind = request.access === 'delete' ? 'delete' : request.access === 'read' ? 'read' : 'write';
  const verb = request.access === 'delete' ? 'deletes' : request.access === 'read' ? 'reads' : 'writes';

  // the one guarded-path check every writer goes through (shell, editor tools, MCP tools): links followed
  const guarded =
    request.access === 'read'
      ? undefined
      : guardedWriteReason(request.path, { cwd: place.cwd, place, realPath: place.realPath });
  if (guarded !== undefined) {
    return [
      {
        kind,
        category: 'self-protection',
        destructive: true,
        // Held for a person, never denied outright: a person may change these files, an agent may not on its own.
        reversible: true,
        target: guarded.target,
        summary: `${request.tool} ${verb} ${guarded.target}, ${guarded.what}`,
        hints: { path: guarded.target, local: true },
        selfProtection: true,
        source,
      },
    ];
  }
  if (isSecretPath(absolute, place.home) || attestationDataReason(absolute, place) !== undefined) {
    return [
      {
        kind,
        // A read is its own category so that a policy (agent-secret-read) can hold it without holding writes' rules.
        category: request.access === 'read' ? 'secret' : 'editor',
        destructive: request.access !== 'read',
        reversible: false,
        target: absolute,
        summary: `${request.tool} ${verb} the secret file ${absolute}`,
        hints: { path: absolute, local: true },
        source,
      },
    ];
  }
  if (request.access === 'read') return [];
  if (fromWorkspace !== undefined) {
    const deploys = PIPELINE.some((pattern) => pattern.test(fromWorkspace))
      ? 'a CI/CD pipeline definition'
      : INFRA_ROOT.test(fromWorkspace) && PROD_SEGMENT.test(fromWorkspace)
        ? 'an infrastructure definition of a production environment'
        : undefined;
    if (deploys === undefined) return [];
    // Tracked in git, so the edit itself can be undone; what it deploys is what needs a person.
    return [
      {
        kind,
        category: 'editor',
        destructive: true,
        reversible: true,
        target: fromWorkspace,
        summary: `${request.tool} ${verb} ${fromWorkspace}, ${deploys}`,
        hints: { path: fromWorkspace },
        source,
      },
    ];
  }
  if ((place.scratch ?? ['/tmp']).some((dir) => isInside(absolute, dir))) return [];
  return [
    {
      kind,
      category: 'editor',
      destructive: true,
      reversible: false,
      target: absolute,
      summary: `${request.tool} ${verb} ${absolute}, outside the workspace ${place.workspace}`,
      hints: { path: absolute, local: true },
      source,
    },
  ];
}

function resolvePath(file: string, place: EditorPlace): string {
  return resolveWritten(file, place.cwd, place.home);
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/**
 * Whether an absolute path is a secret file (the one list: editor-tool reads, shell reads and what a command
 * sends off the machine). A process's environment (`/proc/self/environ`) holds its secrets too.
 */
export function isSecretPath(absolute: string, home: string): boolean {
  if (/^\/proc\/[^/]+\/environ$/.test(absolute) || SYSTEM_SECRETS.test(absolute)) return true;
  const fromHome = isInside(absolute, home) ? toPosix(path.relative(home, absolute)) : undefined;
  return isSecret(path.basename(absolute), fromHome);
}

function isSecret(base: string, fromHome: string | undefined): boolean {
  if (SECRET_TEMPLATE.test(base)) return false;
  if (SECRET_BASENAMES.some((pattern) => pattern.test(base))) return true;
  return fromHome !== undefined && SECRET_IN_HOME.some((pattern) => pattern.test(fromHome));
}
