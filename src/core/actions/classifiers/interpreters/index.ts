import { each, type ToolFamily } from '../family.js';
import { classifyAwk, classifyExecOption, interpreterClassifier } from './interpreters.js';

/** Language interpreters and tools that run code given to them. */
export const interpreters: ToolFamily = {
  id: 'interpreters',
  tools: (deps) => ({
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
        'lua',
        'luajit',
        'lua5.1',
        'lua5.2',
        'lua5.3',
        'lua5.4',
        'Rscript',
        'julia',
        'tclsh',
      ],
      // with run files and the shell parser, look-inside judges the processes inline code starts
      interpreterClassifier(deps),
    ),
  }),
};
