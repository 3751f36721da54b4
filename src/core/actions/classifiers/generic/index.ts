import type { ToolFamily } from '../family.js';

/**
 * The generic reading of destructive intent (intent.ts). It claims no command name: it is the fallback
 * `classifyCommand` applies when no family claims a command, or when a partial classifier found nothing.
 */
export const generic: ToolFamily = { id: 'generic', tools: () => ({}) };
