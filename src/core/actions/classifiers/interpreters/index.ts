import { each, type ToolFamily } from '../family.js';
import { classifyAwk, classifyExecOption, classifyInterpreter } from './interpreters.js';

/** Language interpreters and tools that run code given to them. */
export const interpreters: ToolFamily = {
  id: 'interpreters',
  tools: () => ({
    ...each(['awk', 'gawk', 'mawk', 'nawk'], classifyAwk),
    ...each(['tar', 'gtar', 'vim', 'vi', 'nvim', 'ex'], classifyExecOption),
    ...each(
      [
        'python',
        'python3',
        'python2',
        'pypy',
        'pypy3',
        'node',
        'nodejs',
        'bun',
        'deno',
        'perl',
        'ruby',
        'php',
      ],
      classifyInterpreter,
    ),
  }),
};
