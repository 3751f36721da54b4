import type { SimpleCommand } from '../../types.js';
import { bulkDelete } from './code.js';
import { sectionOf } from './config-text.js';
import { exactOption, type ConfigSource, type Where } from './place.js';

// What each framework or migration CLI does with its verbs: destroys data (drop, reset, rollback, down, revert,
// flush, wipe, a push that accepts data loss), migrates the schema forward (a deploy where it reaches a protected
// environment), runs SQL or application code (judged on what it says), or only reads (status, history, plans and
// `--sql` / `--dry-run` output). And how each is told where to act (place.ts).

/** What a framework command does. */
export type Effect =
  | { kind: 'destroys'; what: string }
  | { kind: 'migrates'; what: string }
  /** SQL it runs: the text when the line carries it, undefined when it is known only when it runs. */
  | { kind: 'sql'; what: string; text?: string };

export interface FrameworkTool {
  where: Where;
  /** Options that take a value, so their value is not read as a verb. */
  valued?: readonly string[];
  effect(words: readonly string[], command: SimpleCommand): Effect | undefined;
  /** Options that only print or plan (`--sql`, `--dry-run`, `--pretend`); the default list when absent. */
  dryRun?: readonly string[];
}

const DRY_RUN = ['--dry-run', '--sql', '--pretend', '--dump', '--preview', '--plan', '--check'];

const has = (command: SimpleCommand, ...flags: string[]): boolean =>
  command.args.some((a) => flags.some((f) => a === f || a.startsWith(`${f}=`)));

const destroys = (what: string): Effect => ({ kind: 'destroys', what });
const migrates = (what: string): Effect => ({ kind: 'migrates', what });

/** The environment's section of a YAML / JSON / JavaScript configuration. */
const section =
  (file: string) =>
  (env: string): ConfigSource[] => [{ file, part: (text) => sectionOf(text, env) }];
const whole = (...files: string[]): ConfigSource[] => files.map((file) => ({ file }));
const dotenv = (env: string): string[] => ['.env', '.env.local', `.env.${env}`, `.env.${env}.local`];

/** Code an option or the first positional after a verb carries (`runner CODE`, `shell -c CODE`). */
function codeOf(command: SimpleCommand, options: readonly string[]): string | undefined {
  return exactOption(command.args, options) ?? command.stdin;
}

const RAILS_READ = /:(status|version|dump|abort_if_pending_migrations)$/;
const RAILS_DESTROY =
  /^db:(drop|reset|purge|truncate_all|schema:load|structure:load|migrate:reset|setup|seed:replant|rollback|migrate:down|migrate:redo|fixtures:load)(?::[\w-]+)?$/;
const RAILS_MIGRATE = /^db:(migrate|migrate:up|prepare|seed)(?::[\w-]+)?$/;

const rails: FrameworkTool = {
  where: {
    label: 'rails',
    envVariables: ['RAILS_ENV', 'RACK_ENV'],
    envOptions: ['-e', '--environment'],
    defaultEnv: 'development',
    variables: ['DATABASE_URL'],
    config: section('config/database.yml'),
    envFiles: dotenv,
    productionSwitches: ['DISABLE_DATABASE_ENVIRONMENT_CHECK'],
  },
  valued: ['-e', '--environment'],
  effect(words, command) {
    if (words[0] === 'runner' || words[0] === 'r') {
      const found = bulkDelete(words[1] ?? command.stdin ?? '', 'ruby');
      return found === undefined ? undefined : destroys(`runner code deletes data in bulk (${found})`);
    }
    const tasks = words.filter((w) => w.startsWith('db:') && !RAILS_READ.test(w));
    const wipe = tasks.find((t) => RAILS_DESTROY.test(t));
    if (wipe !== undefined) return destroys(`${wipe} wipes or rolls back the database`);
    const forward = tasks.find((t) => RAILS_MIGRATE.test(t));
    return forward === undefined ? undefined : migrates(`${forward} changes the database schema`);
  },
};

/** The settings module's file (`config.settings.prod` → `config/settings/prod.py`), its DATABASES block. */
function djangoSettings(module: string): ConfigSource[] {
  if (!/^[\w.]+$/.test(module)) return [];
  const path = module.split('.').join('/');
  const databases = (text: string): string | undefined =>
    sectionOf(text, 'DATABASES') ?? (/DATABASE_URL/.test(text) ? text : undefined);
  return [
    { file: `${path}.py`, part: databases },
    { file: `${path}/__init__.py`, part: databases },
  ];
}

const DJANGO_DESTROY = new Set(['flush', 'reset_db', 'reset_schema', 'sqlflush_exec', 'drop_test_database']);

const django: FrameworkTool = {
  where: {
    label: 'django',
    envVariables: ['DJANGO_SETTINGS_MODULE'],
    envOptions: ['--settings'],
    defaultEnv: 'development',
    variables: ['DATABASE_URL'],
    config: (env) => (env.includes('.') ? djangoSettings(env) : []),
    envFiles: dotenv,
  },
  valued: ['--settings', '--database', '--pythonpath', '-c', '--command', '-i', '--interface'],
  effect(words, command) {
    const [verb = '', app, target] = words;
    if (DJANGO_DESTROY.has(verb)) return destroys(`${verb} deletes the data of the database`);
    if (verb === 'migrate') {
      if (target === 'zero') return destroys(`migrate ${app} zero unapplies every migration of ${app}`);
      return migrates('migrate changes the database schema');
    }
    if (verb === 'loaddata') return migrates('loaddata writes fixtures into the database');
    if (verb === 'dbshell') {
      const after = command.args.indexOf('--');
      const sql = after >= 0 ? exactOption(command.args.slice(after + 1), ['-c', '--command']) : undefined;
      if (sql !== undefined || command.stdin !== undefined)
        return { kind: 'sql', what: 'dbshell runs SQL', text: sql ?? command.stdin };
      if (command.pipedFrom.length > 0 || command.redirects.some((r) => r.op === '<'))
        return { kind: 'sql', what: 'dbshell runs the SQL fed to it' };
      return undefined;
    }
    if (verb === 'shell' || verb === 'shell_plus') {
      const found = bulkDelete(codeOf(command, ['-c', '--command']) ?? '', 'python');
      return found === undefined ? undefined : destroys(`shell code deletes data in bulk (${found})`);
    }
    return undefined;
  },
};

const ARTISAN_DESTROY = new Set([
  'migrate:fresh',
  'migrate:refresh',
  'migrate:reset',
  'migrate:rollback',
  'db:wipe',
]);

const artisan: FrameworkTool = {
  where: {
    label: 'artisan',
    envVariables: ['APP_ENV'],
    envOptions: ['--env'],
    defaultEnv: 'local',
    variables: ['DB_URL', 'DATABASE_URL', 'DB_HOST'],
    envFiles: (env) => ['.env', `.env.${env}`],
    // artisan asks before a destructive command in production; --force is how that question is skipped
    productionSwitches: ['--force'],
  },
  valued: ['--env', '--database', '--path', '--step', '--seeder', '--class'],
  effect(words, command) {
    const [verb = ''] = words;
    if (ARTISAN_DESTROY.has(verb)) return destroys(`${verb} drops or rolls back the database's tables`);
    if (verb === 'migrate' || verb === 'db:seed') return migrates(`${verb} changes the database`);
    if (verb === 'tinker') {
      const found = bulkDelete(codeOf(command, ['--execute']) ?? '', 'php');
      return found === undefined ? undefined : destroys(`tinker code deletes data in bulk (${found})`);
    }
    return undefined;
  },
};

/** The Ecto repository's block of an Elixir config file (`config :shop, Shop.Repo, …`). */
function repoBlock(text: string): string {
  const blocks = text.split(/\n(?=config\s)/).filter((b) => /Repo\b/.test(b.split('\n')[0] ?? ''));
  return blocks.join('\n');
}

const mix: FrameworkTool = {
  where: {
    label: 'mix',
    envVariables: ['MIX_ENV'],
    defaultEnv: 'dev',
    variables: ['DATABASE_URL'],
    config: (env) => [{ file: `config/${env}.exs`, part: repoBlock }],
    envFiles: () => ['.env'],
  },
  valued: ['-r', '--repo', '--step', '-n', '--to', '-e', '--eval'],
  effect(words, command) {
    const [task = ''] = words;
    if (/^ecto\.(drop|reset|rollback)$/.test(task))
      return destroys(`${task} drops or rolls back the database`);
    if (/^ecto\.(migrate|setup)$/.test(task)) return migrates(`${task} changes the database schema`);
    if (task === 'run') {
      const found = bulkDelete(exactOption(command.args, ['-e', '--eval']) ?? '', 'elixir');
      return found === undefined ? undefined : destroys(`mix run code deletes data in bulk (${found})`);
    }
    return undefined;
  },
};

/** The datasource block of a Prisma schema. */
const datasource = (text: string): string | undefined => /datasource\s+\w+\s*\{[^}]*\}/.exec(text)?.[0];

const prisma: FrameworkTool = {
  where: {
    label: 'prisma',
    urlOptions: ['--url'],
    configFirst: true,
    variables: ['DATABASE_URL'],
    config: (_env, command) => {
      const schema = exactOption(command.args, ['--schema']);
      const files = schema === undefined ? ['prisma/schema.prisma', 'schema.prisma'] : [schema];
      return files.map((file) => ({ file, part: datasource, named: schema !== undefined }));
    },
    envFiles: () => ['.env', 'prisma/.env', '.env.local'],
  },
  valued: ['--schema', '--url', '--file', '--name', '-n', '--from-url', '--to-url'],
  dryRun: ['--create-only', '--script'],
  effect(words, command) {
    const [group, verb] = words;
    const step = `${group ?? ''} ${verb ?? ''}`.trim();
    if (step === 'migrate reset' || has(command, '--force-reset'))
      return destroys(`${step} drops and recreates the database`);
    if (step === 'db push')
      return has(command, '--accept-data-loss')
        ? destroys('db push --accept-data-loss drops what the schema no longer has')
        : migrates('db push changes the database schema');
    if (step === 'db execute') {
      const file = exactOption(command.args, ['--file']);
      return {
        kind: 'sql',
        what: 'db execute runs SQL',
        ...(file === undefined && command.stdin !== undefined ? { text: command.stdin } : {}),
      };
    }
    if (['migrate deploy', 'migrate dev', 'migrate resolve', 'db seed'].includes(step))
      return migrates(`${step} changes the database`);
    return undefined;
  },
};

const typeorm: FrameworkTool = {
  where: {
    label: 'typeorm',
    envVariables: ['NODE_ENV'],
    variables: ['TYPEORM_URL', 'TYPEORM_HOST', 'DATABASE_URL', 'DB_HOST'],
    config: (_env, command) => {
      const file = exactOption(command.args, ['-d', '--dataSource', '--data-source']);
      return file === undefined ? [] : [{ file, named: true }];
    },
    envFiles: () => ['.env'],
  },
  valued: ['-d', '--dataSource', '--data-source', '-c', '--connection', '-n', '--name', '-o'],
  effect(words) {
    const [verb = '', sql] = words;
    if (['schema:drop', 'migration:revert', 'schema:sync'].includes(verb))
      return destroys(`${verb} drops or rewrites database objects`);
    if (verb === 'migration:run') return migrates('migration:run changes the database schema');
    if (verb === 'query')
      return { kind: 'sql', what: 'query runs SQL', ...(sql === undefined ? {} : { text: sql }) };
    return undefined;
  },
};

const mikroOrm: FrameworkTool = {
  where: {
    label: 'mikro-orm',
    envVariables: ['NODE_ENV'],
    variables: ['MIKRO_ORM_CLIENT_URL', 'MIKRO_ORM_HOST', 'DATABASE_URL'],
    config: () =>
      whole(
        'mikro-orm.config.ts',
        'mikro-orm.config.js',
        'src/mikro-orm.config.ts',
        'src/mikro-orm.config.js',
      ),
    envFiles: () => ['.env'],
  },
  valued: ['--config', '--seeder', '--to', '--from', '-t', '-f'],
  dryRun: ['--dump', '--dry-run'],
  effect(words, command) {
    const [verb = ''] = words;
    if (['schema:drop', 'schema:fresh', 'migration:down', 'migration:fresh'].includes(verb))
      return destroys(`${verb} drops or rolls back database objects`);
    if ((verb === 'schema:update' || verb === 'schema:create') && !has(command, '--run')) return undefined;
    if (['schema:update', 'schema:create', 'migration:up', 'seeder:run'].includes(verb))
      return migrates(`${verb} changes the database`);
    return undefined;
  },
};

const sequelize: FrameworkTool = {
  where: {
    label: 'sequelize',
    envOptions: ['--env'],
    envVariables: ['NODE_ENV'],
    urlOptions: ['--url'],
    variables: ['DATABASE_URL'],
    config: (env, command) => section(exactOption(command.args, ['--config']) ?? 'config/config.json')(env),
    envFiles: () => ['.env'],
  },
  valued: ['--env', '--url', '--config', '--to', '--name', '--seed', '--migrations-path', '--seeders-path'],
  effect(words) {
    const [verb = ''] = words;
    if (/^db:(drop|migrate:undo(:all)?|seed:undo(:all)?)$/.test(verb))
      return destroys(`${verb} drops or undoes what the database holds`);
    if (/^db:(migrate|seed(:all)?)$/.test(verb)) return migrates(`${verb} changes the database`);
    return undefined;
  },
};

const knex: FrameworkTool = {
  where: {
    label: 'knex',
    envOptions: ['--env'],
    envVariables: ['NODE_ENV'],
    variables: ['DATABASE_URL'],
    config: (env, command) => {
      const file = exactOption(command.args, ['--knexfile']);
      const files =
        file === undefined ? ['knexfile.js', 'knexfile.ts', 'knexfile.cjs', 'knexfile.mjs'] : [file];
      return files.map((f) => ({
        file: f,
        part: (text: string) => sectionOf(text, env) ?? wholeUnlessSections(text),
      }));
    },
    envFiles: () => ['.env'],
  },
  valued: ['--env', '--knexfile', '--cwd', '--specific', '--esm'],
  effect(words) {
    const [verb = ''] = words;
    if (/^migrate:(rollback|down)$/.test(verb)) return destroys(`${verb} rolls migrations back`);
    if (/^(migrate:(latest|up)|seed:run)$/.test(verb)) return migrates(`${verb} changes the database`);
    return undefined;
  },
};

/** A config without per-environment sections is read whole; one with sections but not this one has none. */
function wholeUnlessSections(text: string): string | undefined {
  return /\b(development|production|staging|test)\s*:/.test(text) ? undefined : text;
}

const alembic: FrameworkTool = {
  where: {
    label: 'alembic',
    envOptions: ['-x'],
    variables: ['DATABASE_URL', 'SQLALCHEMY_DATABASE_URI', 'SQLALCHEMY_URL', 'DB_URL'],
    config: (_env, command) => [
      {
        file: exactOption(command.args, ['-c', '--config']) ?? 'alembic.ini',
        named: exactOption(command.args, ['-c', '--config']) !== undefined,
        part: (text) => sectionOf(text, exactOption(command.args, ['-n', '--name']) ?? 'alembic'),
      },
    ],
    envFiles: () => ['.env'],
  },
  valued: ['-c', '--config', '-n', '--name', '-x', '-m', '--message', '--rev-id'],
  effect(words) {
    const [verb = ''] = words;
    if (verb === 'downgrade') return destroys('downgrade drops what the migrations created');
    if (verb === 'upgrade' || verb === 'stamp') return migrates(`${verb} changes the database`);
    return undefined;
  },
};

const flyway: FrameworkTool = {
  where: {
    label: 'flyway',
    urlOptions: ['-url', '--url'],
    envOptions: ['-environment', '--environment'],
    defaultEnv: 'default',
    variables: ['FLYWAY_URL'],
    config: (env) => [
      ...whole('flyway.conf', 'conf/flyway.conf'),
      { file: 'flyway.toml', part: (text) => sectionOf(text, env) ?? wholeUnlessEnvironments(text) },
    ],
    envFiles: () => ['.env'],
  },
  dryRun: ['-dryRunOutput'],
  effect(words) {
    const [verb = ''] = words;
    if (verb === 'clean' || verb === 'undo') return destroys(`${verb} drops database objects`);
    if (['migrate', 'baseline', 'repair'].includes(verb)) return migrates(`${verb} changes the database`);
    return undefined;
  },
};

function wholeUnlessEnvironments(text: string): string | undefined {
  return /\[environments\./.test(text) ? undefined : text;
}

const liquibase: FrameworkTool = {
  where: {
    label: 'liquibase',
    urlOptions: ['--url'],
    variables: ['LIQUIBASE_COMMAND_URL'],
    config: (_env, command) =>
      whole(exactOption(command.args, ['--defaults-file']) ?? 'liquibase.properties'),
  },
  valued: ['--url', '--changelog-file', '--defaults-file', '--count', '--tag', '--username', '--password'],
  dryRun: [],
  effect(words, command) {
    const [verb = ''] = words;
    if (/-?sql$/i.test(verb) && verb !== 'execute-sql') return undefined;
    if (/^(drop-?all|rollback)/i.test(verb)) return destroys(`${verb} drops or rolls back database objects`);
    if (verb === 'execute-sql') {
      const text = exactOption(command.args, ['--sql']);
      return { kind: 'sql', what: 'execute-sql runs SQL', ...(text === undefined ? {} : { text }) };
    }
    if (/^(update|changelog-?sync|tag)/i.test(verb)) return migrates(`${verb} changes the database`);
    return undefined;
  },
};

const GOOSE_DRIVERS = new Set([
  'postgres',
  'mysql',
  'sqlite3',
  'sqlite',
  'mssql',
  'redshift',
  'tidb',
  'clickhouse',
  'vertica',
  'ydb',
  'turso',
  'starrocks',
]);
const gooseWords = (words: readonly string[]): readonly string[] =>
  GOOSE_DRIVERS.has(words[0] ?? '') ? words.slice(2) : words;

const goose: FrameworkTool = {
  where: {
    label: 'goose',
    variables: ['GOOSE_DBSTRING'],
    positionalUrls: (words) =>
      GOOSE_DRIVERS.has(words[0] ?? '') && words[1] !== undefined ? [words[1]] : [],
    envFiles: () => ['.env'],
  },
  valued: ['-dir', '--dir', '-table', '--table', '-certfile', '-ssl-cert', '-ssl-key', '-env'],
  effect(words) {
    const [verb = ''] = gooseWords(words);
    if (['down', 'down-to', 'reset', 'redo'].includes(verb)) return destroys(`${verb} rolls migrations back`);
    if (['up', 'up-by-one', 'up-to'].includes(verb)) return migrates(`${verb} changes the database schema`);
    return undefined;
  },
};

const atlas: FrameworkTool = {
  where: {
    label: 'atlas',
    urlOptions: ['--url', '-u'],
    envOptions: ['--env'],
    config: (env, command) =>
      exactOption(command.args, ['--env']) === undefined
        ? []
        : [
            {
              file: exactOption(command.args, ['-c', '--config'])?.replace(/^file:\/\//, '') ?? 'atlas.hcl',
              part: (t) => sectionOf(t, env),
            },
          ],
  },
  valued: [
    '--url',
    '-u',
    '--env',
    '--to',
    '--dev-url',
    '--dir',
    '-c',
    '--config',
    '--amount',
    '--var',
    '--format',
  ],
  effect(words) {
    const step = words.slice(0, 2).join(' ');
    if (step === 'schema clean' || step === 'migrate down') return destroys(`${step} drops database objects`);
    if (step === 'schema apply' || step === 'migrate apply' || step === 'migrate set')
      return migrates(`${step} changes the database schema`);
    return undefined;
  },
};

const dbmate: FrameworkTool = {
  where: {
    label: 'dbmate',
    urlOptions: ['--url', '-u'],
    variables: ['DATABASE_URL'],
    envFiles: () => ['.env'],
  },
  valued: ['--url', '-u', '--env', '-e', '--env-file', '--migrations-dir', '-d', '--schema-file', '-s'],
  effect(words) {
    const [verb = ''] = words;
    if (['drop', 'rollback', 'down'].includes(verb))
      return destroys(`${verb} drops or rolls back the database`);
    if (['up', 'migrate', 'load'].includes(verb)) return migrates(`${verb} changes the database schema`);
    return undefined;
  },
};

/** sqlx and diesel: `database drop|reset`, `migrate|migration revert|redo`; run and setup migrate. */
const rustOrm = (label: string, urlOptions: readonly string[]): FrameworkTool => ({
  where: { label, urlOptions, variables: ['DATABASE_URL'], envFiles: () => ['.env'] },
  valued: [...urlOptions, '--source', '--migration-dir', '--config-file', '--target-version'],
  effect(words) {
    const step = words.slice(0, 2).join(' ');
    if (/^(database (drop|reset)|migrat(e|ion) (revert|redo))$/.test(step))
      return destroys(`${step} drops or rolls back the database`);
    if (/^(database (create|setup)|migrat(e|ion) run)$/.test(step))
      return migrates(`${step} changes the database`);
    return undefined;
  },
});

const sequel: FrameworkTool = {
  where: { label: 'sequel', positionalUrls: (words) => (words[0] === undefined ? [] : [words[0]]) },
  valued: ['-m', '-M', '-c', '-e', '-l', '-r', '-t'],
  effect(_words, command) {
    const code = exactOption(command.args, ['-c']);
    const found = code === undefined ? undefined : bulkDelete(code, 'ruby');
    if (found !== undefined) return destroys(`code deletes data in bulk (${found})`);
    if (exactOption(command.args, ['-m']) === undefined) return undefined;
    const version = exactOption(command.args, ['-M']);
    return version === undefined
      ? migrates('-m migrates the database forward')
      : destroys(`-M ${version} migrates the database to version ${version}, rolling back what came after`);
  },
};

const drizzleKit: FrameworkTool = {
  where: {
    label: 'drizzle-kit',
    variables: ['DATABASE_URL'],
    configFirst: true,
    config: (_env, command) =>
      whole(
        ...(exactOption(command.args, ['--config']) === undefined
          ? ['drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.json']
          : [exactOption(command.args, ['--config']) ?? '']),
      ),
    envFiles: () => ['.env', '.env.local'],
  },
  valued: ['--config', '--dialect', '--schema', '--url', '--out'],
  effect(words, command) {
    const [verb = ''] = words;
    if (verb === 'push')
      return has(command, '--force')
        ? destroys('push --force applies data-loss statements without asking')
        : migrates('push changes the database schema');
    if (verb === 'migrate') return migrates('migrate changes the database schema');
    return undefined;
  },
};

/** The framework and migration CLIs by command name. */
export const FRAMEWORK_TOOLS: Readonly<Record<string, FrameworkTool>> = {
  rails,
  rake: rails,
  'manage.py': django,
  'django-admin': django,
  artisan,
  mix,
  prisma,
  typeorm,
  'typeorm-ts-node-commonjs': typeorm,
  'typeorm-ts-node-esm': typeorm,
  'mikro-orm': mikroOrm,
  sequelize,
  'sequelize-cli': sequelize,
  knex,
  alembic,
  flyway,
  liquibase,
  goose,
  atlas,
  dbmate,
  sqlx: rustOrm('sqlx', ['--database-url', '-D']),
  diesel: rustOrm('diesel', ['--database-url']),
  sequel,
  'drizzle-kit': drizzleKit,
};

/** The tool's own default dry-run options. */
export function dryRunOptions(tool: FrameworkTool): readonly string[] {
  return tool.dryRun ?? DRY_RUN;
}
