import type { CommandClassifier, EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { hasFlag, optionValue, positionals } from '../args.js';
import { operation } from '../operation.js';
import { classifyGeneric } from '../generic/intent.js';
import { apiFieldWrites } from '../requests/fields.js';

function platformOp(
  command: SimpleCommand,
  target: string,
  summary: string,
  hints: EnvironmentHints,
  reversible = false,
): Operation {
  return operation(command, {
    kind: 'delete',
    category: 'platform',
    destructive: true,
    reversible,
    target,
    summary,
    hints,
  });
}

/** gh repo/release/… delete and gh api -X DELETE. */
export const classifyGh: CommandClassifier = (command) => {
  const words = positionals(
    command.args,
    new Set([
      '-R',
      '--repo',
      '-X',
      '--method',
      '-H',
      '--header',
      '-f',
      '-F',
      '--field',
      '--raw-field',
      '--hostname',
      '-q',
      '--jq',
    ]),
  );
  const repo = optionValue(command.args, ['-R', '--repo']);
  const hints: EnvironmentHints = { host: optionValue(command.args, ['--hostname']) ?? 'github.com' };
  if (words[0] === 'api') {
    const method = optionValue(command.args, ['-X', '--method'])?.toUpperCase();
    if (method === 'DELETE')
      return [
        platformOp(command, words[1] ?? 'an API path', `gh api DELETE ${words[1] ?? ''}`.trim(), hints),
      ];
    return apiFieldWrites(command, 'gh api', words[1] ?? '', method, hints);
  }
  if (words[1] === 'delete' || words[1] === 'delete-asset') {
    const target = words.slice(2).join(' ') || repo || `a ${words[0] ?? ''}`;
    return [platformOp(command, target, `gh ${words[0] ?? ''} delete ${target}`, hints)];
  }
  // `gh pr merge --delete-branch` removes the merged pull request's head branch, as the merge button offers:
  // GitHub keeps its commits under the pull request and can restore the branch. The generic reading of `delete`
  // must not take it for a deletion of something else.
  if (words[0] === 'pr' && words[1] === 'merge' && hasFlag(command.args, ['--delete-branch'], 'd'))
    return [
      operation(command, {
        kind: 'write',
        category: 'platform',
        destructive: false,
        reversible: true,
        target: `pull request ${words[2] ?? '(current branch)'}`,
        summary:
          `gh pr merge ${words[2] ?? ''} and delete its merged head branch (GitHub can restore it)`.replace(
            '  ',
            ' ',
          ),
        hints,
      }),
    ];
  if (words[0] === 'repo' && words[1] === 'archive')
    return [
      platformOp(
        command,
        words[2] ?? repo ?? 'the repository',
        `gh repo archive ${words[2] ?? ''}`.trim(),
        hints,
        true,
      ),
    ];
  return [];
};

/** npm unpublish (and yarn/pnpm equivalents). */
export const classifyUnpublish: CommandClassifier = (command) => {
  const words = positionals(command.args, new Set(['--registry', '--otp']));
  if (words[0] !== 'unpublish') return [];
  const pkg = words[1] ?? 'the current package';
  const registry = optionValue(command.args, ['--registry']);
  return [
    platformOp(command, pkg, `${command.name} unpublish ${pkg}`, {
      host:
        registry !== undefined
          ? (registry.replace(/^https?:\/\//, '').split('/')[0] ?? registry)
          : 'registry.npmjs.org',
    }),
  ];
};

const PLATFORM_VERBS: Record<string, RegExp> = {
  // a config var or secret unset is the app's configuration destroyed (`heroku config:unset DATABASE_URL`)
  heroku:
    /^(apps:destroy|apps:delete|destroy|pg:reset|pg:killall|addons:destroy|addons:remove|redis:reset|config:unset|config:remove)$/,
  fly: /^(destroy|unset)$/,
  flyctl: /^(destroy|unset)$/,
  vercel: /^(remove|rm)$/,
  netlify: /^(sites:delete|env:unset|env:delete)$/,
  railway: /^(delete|down)$/,
  firebase: /^(projects:delete|hosting:disable|database:remove|firestore:delete|functions:delete)$/,
  wrangler: /^(delete)$/,
  render: /^(delete)$/,
};

/** heroku apps:destroy, fly apps destroy, vercel remove and similar hosting platforms. */
export const classifyHostingPlatform: CommandClassifier = (command) => {
  const pattern = PLATFORM_VERBS[command.name];
  if (pattern === undefined) return [];
  const words = positionals(
    command.args,
    new Set(['-a', '--app', '--scope', '--token', '-t', '--project', '-r', '--remote', '-c', '--config']),
  );
  const verbAt = words.findIndex((w) => pattern.test(w));
  // fly: `fly apps destroy X`, `fly volumes destroy X`, `fly destroy X`
  if (verbAt < 0) return [];
  const app =
    optionValue(command.args, ['-a', '--app', '--project']) ??
    (words.slice(verbAt + 1).join(' ') || 'the app');
  // the app's (or project's) name was fixed by its owners when they made it: a word of it names where
  return [
    platformOp(command, app, `${command.name} ${words.slice(0, verbAt + 1).join(' ')} ${app}`, {
      host: app,
      ownedName: app,
    }),
  ];
};

/** Tools whose resource verbs name the owner-fixed container (an application) before the thing in it. */
const CONTAINER_FIRST = new Set(['ttn-lw-cli']);

/**
 * Hosted services whose CLI addresses a resource by the name its owners gave it (`algolia indices delete
 * dev_alice_products`): destructive intent read as for any CLI, and the one resource it names after the verb
 * carried as an owner-fixed name, which the environment resolver reads (`dev_…` is dev, `prod_…` prod).
 */
export const classifyOwnedResource: CommandClassifier = (command, surroundings) => {
  const ops = classifyGeneric(command, command.args, surroundings);
  const words = positionals(command.args, new Set());
  // `algolia RESOURCE VERB NAME`, nothing more: a second positional could be the agent's own words; a tool that
  // names the container first (`ttn-lw-cli end-devices delete APP DEVICE`) is read by that container
  const name = CONTAINER_FIRST.has(command.name) ? words[2] : words.length === 3 ? words[2] : undefined;
  if (ops.length === 0 || name === undefined) return ops;
  return ops.map((op) => ({ ...op, hints: { ...op.hints, ownedName: name } }));
};
