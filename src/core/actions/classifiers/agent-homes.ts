import { posix } from 'node:path';
import type { ActionSurroundings, SimpleCommand } from '../types.js';
import { resolvePath } from './paths.js';
import { AGENT_CLIS, type Bypass } from './self-protection-bypasses.js';

// An agent started with its configuration folder moved reads its hooks from there, not from where blastwall's
// hooks are installed: `CODEX_HOME=/tmp/x codex …`, `CLAUDE_CONFIG_DIR=/tmp/x claude …`, `HOME=/tmp/x gemini`.
// The agent it starts runs unguarded, so the launch is held like a write of the hook settings themselves.

/** Variables that move an agent's configuration, with the folder each names by default (relative to home). */
const AGENT_HOMES: Record<string, { variable: string; usual: string }[]> = {
  claude: [{ variable: 'CLAUDE_CONFIG_DIR', usual: '.claude' }],
  codex: [{ variable: 'CODEX_HOME', usual: '.codex' }],
  gemini: [
    { variable: 'GEMINI_CLI_HOME', usual: '' },
    { variable: 'GEMINI_CLI_SYSTEM_SETTINGS_PATH', usual: '' },
  ],
  copilot: [
    { variable: 'COPILOT_HOME', usual: '.copilot' },
    { variable: 'XDG_CONFIG_HOME', usual: '.config' },
  ],
  'cursor-agent': [{ variable: 'CURSOR_CONFIG_DIR', usual: '.cursor' }],
};
/** Every agent finds its user settings below HOME (and the XDG folders below it). */
const EVERY_AGENT = [
  { variable: 'HOME', usual: '' },
  { variable: 'XDG_CONFIG_HOME', usual: '.config' },
];

/** An agent's CLI started with its configuration folder moved away from where its hooks are. */
export function movedAgentHomes(command: SimpleCommand, surroundings: ActionSurroundings): Bypass[] {
  if (!AGENT_CLIS.has(command.name) || command.remote !== undefined) return [];
  const out: Bypass[] = [];
  const variables = [...(AGENT_HOMES[command.name] ?? []), ...EVERY_AGENT];
  const cleared = command.envChanges?.['*'] !== undefined;
  for (const { variable, usual } of variables) {
    const set = command.env[variable];
    const change = command.envChanges?.[variable];
    if (set === undefined && change === undefined) continue;
    const value = set ?? change?.value ?? null;
    if (value !== null && isUsual(value, usual, surroundings)) continue;
    out.push({
      kind: 'write',
      target: variable,
      summary:
        value === null
          ? `${command.name} started with ${variable} unset: it does not read the hooks installed for it`
          : `${command.name} started with ${variable}=${value}: it reads its hooks from there, not from where blastwall's are installed`,
    });
  }
  if (cleared && out.length === 0)
    out.push({
      kind: 'write',
      target: 'env -i',
      summary: `${command.name} started with an emptied environment (no HOME): it does not read the hooks installed for it`,
    });
  return out;
}

function isUsual(value: string, usual: string, surroundings: ActionSurroundings): boolean {
  if (value === '') return false;
  const resolved = resolvePath(value, surroundings, false);
  return resolved !== undefined && posix.normalize(resolved) === posix.join(surroundings.home, usual);
}
