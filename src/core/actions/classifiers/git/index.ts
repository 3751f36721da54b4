import type { ToolFamily } from '../family.js';
import { classifyGit } from './git.js';

/** git: history rewrites, force pushes, discarded work. */
export const git: ToolFamily = { id: 'git', tools: () => ({ git: classifyGit }) };
