import type { ActionSurroundings, SimpleCommand } from '../types.js';

/** A simple command for tests: `cmd('rm -rf /')` splits on spaces; quote-free input only. */
export function cmd(text: string, extra: Partial<SimpleCommand> = {}): SimpleCommand {
  const [name = '', ...args] = text.split(' ').filter((w) => w !== '');
  return {
    name,
    args,
    dynamicName: false,
    dynamicArgs: [],
    env: {},
    redirects: [],
    pipedFrom: [],
    wrappers: [],
    via: [],
    source: text,
    ...extra,
  };
}

/** A simple command with explicit arguments (for words containing spaces). */
export function cmdArgs(name: string, args: string[], extra: Partial<SimpleCommand> = {}): SimpleCommand {
  return cmd(name, { args, source: [name, ...args].join(' '), ...extra });
}

/** Surroundings of a developer in /home/dev/project with no environment set. */
export function surroundings(extra: Partial<ActionSurroundings> = {}): ActionSurroundings {
  return { cwd: '/home/dev/project', workspace: '/home/dev/project', home: '/home/dev', env: {}, ...extra };
}
