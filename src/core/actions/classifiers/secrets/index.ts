import type { ActionSurroundings, Operation, ShellParser, SimpleCommand } from '../../types.js';
import type { ToolFamily } from '../family.js';
import { classifyEmptiedSecrets } from './emptied.js';
import { classifyExfiltration } from './exfiltration.js';
import { classifySecretReads } from './reads.js';
import { classifySops } from './sops.js';
import { classifySecretValues } from './values.js';

/**
 * Secrets. Kept in files of the repository (sops), the family's one tool: losing what the encryption protects.
 * Read through the shell or sent off the machine: like self-protection, read from every command rather than
 * dispatched by name — `cat`, `curl`, `scp` and `nc` belong to other families, and what makes them a secret's
 * door is the file or pipe they are given — so `classifyCommand` applies `classifySecretFlows` to each command.
 */
export const secrets: ToolFamily = { id: 'secrets', tools: () => ({ sops: classifySops }) };

/**
 * A printed secret file, a secrets store's value printed to the agent (values.ts), a secret (file, environment, secrets-store output) sent to another machine, and a
 * secret file or production configuration emptied.
 */
export function classifySecretFlows(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  parser: ShellParser | undefined,
): Operation[] {
  const reads = classifySecretReads(command, surroundings);
  const values = classifySecretValues(command, surroundings, parser);
  const sent = classifyExfiltration(command, surroundings, parser);
  const emptied = classifyEmptiedSecrets(command, surroundings);
  return [...reads, ...values, ...sent, ...emptied];
}
