import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { envVar } from '../classifiers/operation.js';
import { readWithin, shellTextOperations, type LookContext } from './trail.js';

// git runs commands named in its configuration and environment; an agent that wrote one in an earlier call
// (`git config core.pager 'rm -rf ~'`, a hook) gets it run by an innocent-looking `git log`. The values are
// judged as shell text whenever git runs — not per subcommand, which would have to know every code path.
/** git configuration keys whose value git runs as a command. */
export const EXECUTING_KEY =
  /^(core\.(sshcommand|pager|editor|fsmonitor|askpass|hookspath)|sequence\.editor|diff\.external|diff\.tool|merge\.tool|(?:diff|merge)tool\.[\w.-]+\.cmd|core\.gitproxy|remote\.[\w.-]+\.(?:uploadpack|receivepack|proxy)|pager\.[\w-]+|alias\.[\w.-]+|diff\.[\w.-]+\.(textconv|command)|merge\.[\w.-]+\.driver|filter\.[\w.-]+\.(clean|smudge|process)|credential\.helper|gpg\.program|gpg\.[\w]+\.program|uploadpack\.packobjectshook)$/;
const ENVIRONMENT = [
  'GIT_SSH_COMMAND',
  'GIT_SSH',
  'GIT_PAGER',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_EXTERNAL_DIFF',
  'GIT_ASKPASS',
  'GIT_PROXY_COMMAND',
];
/** Values of executing keys that are ordinary programs (a pager, an editor, a credential store). */
export const SAFE_VALUE =
  /^(?![^]*[;&|`$()<>\n])(less|more|cat|vim?|nvim|nano|emacs|code --wait|delta|true|false|store|cache|osxkeychain|manager|manager-core|gpg|git-lfs [\w-]+ ?.*|git lfs [\w-]+ ?.*)$/i;
// Hooks the common subcommands run.
const HOOKS: Record<string, string[]> = {
  commit: ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit'],
  push: ['pre-push'],
  merge: ['pre-merge-commit', 'post-merge'],
  pull: ['post-merge', 'post-checkout'],
  checkout: ['post-checkout'],
  switch: ['post-checkout'],
  rebase: ['pre-rebase', 'post-rewrite'],
  am: ['applypatch-msg', 'pre-applypatch', 'post-applypatch'],
  clone: ['post-checkout'],
};

const EVERY_HOOK = [...new Set(Object.values(HOOKS).flat())].filter((h) => !h.includes('applypatch'));

/** The folder `git config [set] core.hooksPath DIR` points hooks at, when the line sets one. */
function hooksPathSet(args: readonly string[]): string | undefined {
  const at = args.indexOf('config');
  if (at < 0) return undefined;
  const rest = args.slice(at + 1).filter((a) => a !== 'set' && !a.startsWith('-'));
  if (rest.length < 2 || !/^core\.hookspath$/i.test(rest[0] ?? '')) return undefined;
  return rest[1];
}

/** The `key = value` pairs of a git config file (sections flattened to `section.sub.key`). */
export function configEntries(text: string): [string, string][] {
  const out: [string, string][] = [];
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[\s*([\w.-]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (header !== null) {
      section = header[2] !== undefined ? `${header[1]}.${header[2]}` : (header[1] ?? '');
      continue;
    }
    const pair = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (pair === null) continue;
    let value = (pair[2] ?? '').replace(/\s[#;].*$/, '').trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1);
    value = value.replace(/\\(["\\])/g, '$1');
    out.push([`${section}.${pair[1] ?? ''}`.toLowerCase(), value]);
  }
  return out;
}

/** Look-inside for git: commands its config and environment make it run, and the hooks of the subcommand. */
export function gitOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (command.name !== 'git' || command.remote !== undefined) return [];
  const ops: Operation[] = [];
  // git run by git's own config or hooks (`!git push` in an alias) was judged when that config was read
  if (ctx.trail.chain.some((label) => label.startsWith('git '))) return ops;
  for (const name of ENVIRONMENT) {
    const value = envVar(command, surroundings, name);
    if (value !== undefined && value !== '' && !SAFE_VALUE.test(value))
      ops.push(...shellTextOperations(command, surroundings, value, `git under ${name}`, ctx));
  }
  // `git config core.hooksPath .githooks`: the hooks there run from now on; judge them as they stand
  const newHooks = hooksPathSet(command.args);
  if (newHooks !== undefined && surroundings.cwd.startsWith('/')) {
    const dir = posix.resolve(surroundings.cwd, newHooks);
    for (const hook of EVERY_HOOK) {
      const read = readWithin(command, posix.join(dir, hook), `git hook ${hook} in ${newHooks}`, ctx);
      if (read === undefined) continue;
      if ('held' in read) return [...ops, read.held];
      ops.push(...shellTextOperations(command, surroundings, read.text, `git hook ${hook}`, ctx));
    }
  }
  const top = surroundings.gitToplevel;
  const files = [posix.join(surroundings.home, '.gitconfig')];
  if (top !== undefined) files.unshift(posix.join(top, '.git', 'config'));
  let hooksDir = top !== undefined ? posix.join(top, '.git', 'hooks') : undefined;
  for (const file of files) {
    const read = readWithin(
      command,
      file,
      file === files[0] && top !== undefined ? '.git/config' : '~/.gitconfig',
      ctx,
    );
    if (read === undefined) continue;
    if ('held' in read) return [read.held];
    for (const [key, value] of configEntries(read.text)) {
      if (key === 'core.hookspath' && top !== undefined)
        hooksDir = posix.resolve(top, value.replace(/^~(?=\/)/, surroundings.home));
      if (!EXECUTING_KEY.test(key) || key === 'core.hookspath' || SAFE_VALUE.test(value)) continue;
      // a plain alias names git subcommands; only `!` aliases run the shell
      if (key.startsWith('alias.') && !value.startsWith('!')) continue;
      ops.push(
        ...shellTextOperations(command, surroundings, value.replace(/^!/, ''), `git config ${key}`, ctx),
      );
    }
  }
  const sub = command.args.find((a) => !a.startsWith('-'));
  if (hooksDir !== undefined && sub !== undefined && !command.args.includes('--no-verify')) {
    for (const hook of HOOKS[sub] ?? []) {
      const read = readWithin(command, posix.join(hooksDir, hook), `git hook ${hook}`, ctx);
      if (read === undefined) continue;
      if ('held' in read) return [...ops, read.held];
      ops.push(...shellTextOperations(command, surroundings, read.text, `git hook ${hook}`, ctx));
    }
  }
  return ops;
}
