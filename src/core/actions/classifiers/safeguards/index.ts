import type { ToolFamily } from '../family.js';

/**
 * Safeguards switched off (safeguards.ts). Like self-protection, it is read from every command rather than
 * dispatched by name — `aws rds modify-db-instance --no-deletion-protection` is the aws CLI's — so the
 * family claims no tool; `classifyCommand` applies it to each command.
 */
export const safeguards: ToolFamily = { id: 'safeguards', tools: () => ({}) };
