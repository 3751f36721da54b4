import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  generateToken,
  hashToken,
  TOKEN_ROLES,
  type Store,
  type TokenRole,
} from '../../../adapters/storage/index.js';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { BlastwallError } from '../../../core/errors.js';
import { EXIT, type CliDeps } from '../deps.js';
import { withStore } from '../with-store.js';

const DB_HELP = 'SQLite file or postgres:// URL (default: $BLASTWALL_DB, else .blastwall/blastwall.db)';

/** Registers `blastwall token create|list|revoke`: bearer tokens for the HTTP API. */
export function register(program: Command, deps: CliDeps): void {
  const token = program.command('token').description('API bearer tokens: only their sha256 is stored');
  token
    .command('create')
    .description('Create a token and print it once')
    .requiredOption('--role <role>', `one of ${TOKEN_ROLES.join(', ')}`)
    .option('--person <id>', 'the person the token speaks for (required for reviewer)')
    .option('--agent <id>', 'the agent the token belongs to (required for agent)')
    .option(
      '--repo <dir>',
      'repository whose blastwall.yaml lists the people (default: the current directory)',
    )
    .option('--config <file>', 'configuration file (default: blastwall.yaml of --repo)')
    .option('--session <id>', 'pin an agent token to one session: it cannot speak for any other')
    .option('--db <path|url>', DB_HELP)
    .option('--json', 'machine-readable output')
    .action((options: CreateOptions) =>
      withStore(deps, 'token create', options.db, (store) => create(deps, store, options), false),
    );
  token
    .command('list')
    .description('List tokens (never the tokens themselves)')
    .option('--db <path|url>', DB_HELP)
    .option('--json', 'machine-readable output')
    .action((options: { db?: string; json?: boolean }) =>
      withStore(deps, 'token list', options.db, (store) => list(deps, store, options.json === true)),
    );
  token
    .command('revoke')
    .description('Revoke a token by id')
    .argument('<id>', 'token id (from token list)')
    .option('--db <path|url>', DB_HELP)
    .action((id: string, options: { db?: string }) =>
      withStore(deps, 'token revoke', options.db, (store) => revoke(deps, store, id)),
    );
}

interface CreateOptions {
  session?: string;
  role: string;
  person?: string;
  agent?: string;
  repo?: string;
  config?: string;
  db?: string;
  json?: boolean;
}

function actor(deps: CliDeps): string {
  return `cli:${deps.env.USER ?? deps.env.USERNAME ?? 'unknown'}`;
}

function checkRole(options: CreateOptions): TokenRole {
  const role = TOKEN_ROLES.find((candidate) => candidate === options.role);
  if (!role)
    throw new BlastwallError(
      'usage',
      `--role must be one of ${TOKEN_ROLES.join(', ')}, not "${options.role}"`,
    );
  // Approvals are given by people, so a reviewer token must say who; an agent token must say which agent.
  if (role === 'reviewer' && !options.person)
    throw new BlastwallError('usage', '--person is required for a reviewer token');
  if (role === 'agent' && !options.agent)
    throw new BlastwallError('usage', '--agent is required for an agent token');
  if (role !== 'agent' && options.agent)
    throw new BlastwallError('usage', `--agent only applies to agent tokens, not ${role}`);
  if (role !== 'agent' && options.session)
    throw new BlastwallError('usage', `--session only applies to agent tokens, not ${role}`);
  return role;
}

/**
 * A token speaks for its person with that person's authority, so the person must be one the configuration
 * knows: a token for a mistyped or invented id would otherwise sit in the store, waiting for someone to be
 * configured under that name.
 */
async function checkPerson(deps: CliDeps, options: CreateOptions): Promise<void> {
  if (options.person === undefined) return;
  const repo = resolve(deps.cwd, options.repo ?? '.');
  const configPath = options.config === undefined ? undefined : resolve(deps.cwd, options.config);
  const { config } = await loadConfig(repo, configPath, undefined, deps.env);
  if (config.people.some((person) => person.id === options.person)) return;
  const where = configPath ?? join(repo, 'blastwall.yaml');
  const known = config.people.map((person) => person.id);
  throw new BlastwallError(
    'usage',
    `--person ${options.person} is not a person in ${where} (${known.length > 0 ? `people: ${known.join(', ')}` : 'it lists no people'}); add them there first`,
  );
}

async function create(deps: CliDeps, store: Store, options: CreateOptions): Promise<number> {
  const role = checkRole(options);
  await checkPerson(deps, options);
  const secret = generateToken();
  const row = await store.createToken(
    {
      role,
      hash: hashToken(secret),
      ...(options.person && { personId: options.person }),
      ...(options.agent && { agentId: options.agent }),
      ...(options.session && { sessionId: options.session }),
    },
    actor(deps),
  );
  if (options.json) {
    deps.stdout(
      `${JSON.stringify({ id: row.id, role, personId: row.personId, agentId: row.agentId, token: secret })}\n`,
    );
  } else {
    deps.stdout(`${secret}\n`);
    deps.stderr(`token ${row.id} (${role}) created; it is shown only now — store it safely\n`);
  }
  return EXIT.ok;
}

async function list(deps: CliDeps, store: Store, json: boolean): Promise<number> {
  const tokens = (await store.listTokens()).map(({ hash: _hash, ...shown }) => shown);
  if (json) {
    deps.stdout(`${JSON.stringify(tokens)}\n`);
    return EXIT.ok;
  }
  if (tokens.length === 0) deps.stdout('no tokens\n');
  for (const t of tokens) {
    const who = [t.personId && `person=${t.personId}`, t.agentId && `agent=${t.agentId}`]
      .filter(Boolean)
      .join(' ');
    deps.stdout(
      `${t.id}  ${t.role.padEnd(8)}  ${who || '-'}  created ${t.createdAt}${t.revokedAt ? `  revoked ${t.revokedAt}` : ''}\n`,
    );
  }
  return EXIT.ok;
}

async function revoke(deps: CliDeps, store: Store, id: string): Promise<number> {
  if (!(await store.revokeToken(id, actor(deps)))) throw new BlastwallError('usage', `no active token ${id}`);
  deps.stdout(`revoked ${id}\n`);
  return EXIT.ok;
}
