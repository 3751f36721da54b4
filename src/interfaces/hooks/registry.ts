import type { HookAdapter, HookAgentId } from './types.js';

/** Every agent's hook adapter, loaded on demand so a hook process loads only its own; a test checks no folder is forgotten. */
export const HOOK_ADAPTERS: Record<HookAgentId, () => Promise<HookAdapter>> = {
  'claude-code': async () => (await import('./claude-code/index.js')).claudeCode,
  codex: async () => (await import('./codex/index.js')).codex,
  gemini: async () => (await import('./gemini/index.js')).gemini,
  cursor: async () => (await import('./cursor/index.js')).cursor,
  copilot: async () => (await import('./copilot/index.js')).copilot,
  kiro: async () => (await import('./kiro/index.js')).kiro,
};

/** Whether a name is a supported agent. */
export function isHookAgent(name: string): name is HookAgentId {
  return Object.hasOwn(HOOK_ADAPTERS, name);
}
