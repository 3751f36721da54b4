import type { CommandClassifier } from '../../types.js';
import type { ToolFamily } from '../family.js';
import { classifyGeneric } from '../generic/intent.js';
import { subcommandOnly } from '../local-tools/index.js';
import { frameworkOperations } from './frameworks.js';
import { FRAMEWORK_TOOLS } from './tools.js';

/**
 * Framework and migration CLIs (Rails, Django, Laravel, Ecto, Prisma, TypeORM, MikroORM, Sequelize, knex, Alembic,
 * Flyway, Liquibase, goose, Atlas, dbmate, sqlx, diesel, Sequel, drizzle-kit), decided on where they act.
 */
export const frameworks: ToolFamily = {
  id: 'frameworks',
  tools: (deps) => {
    const tools: Record<string, CommandClassifier> = {};
    for (const name of Object.keys(FRAMEWORK_TOOLS))
      tools[name] = (command, surroundings) =>
        frameworkOperations(command, surroundings, deps, name, command.args) ?? [];
    // mix and artisan run many tasks besides the database's: those are read like any CLI's subcommand
    const mix = tools.mix;
    tools.mix = (command, surroundings) => {
      const own = mix?.(command, surroundings) ?? [];
      const task = command.args.find((a) => !a.startsWith('-')) ?? '';
      return own.length > 0 || /^ecto\./.test(task) ? own : subcommandOnly(command, surroundings);
    };
    const artisan = tools.artisan;
    tools.artisan = (command, surroundings) => {
      const own = artisan?.(command, surroundings) ?? [];
      return own.length > 0 ? own : classifyGeneric(command, command.args, surroundings);
    };
    return tools;
  },
  // `atlas` is also MongoDB Atlas's CLI (`atlas clusters delete`): what the schema tool's verbs do not say is read
  // like any CLI's
  partial: ['atlas'],
};
