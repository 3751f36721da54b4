import { BROKERED_CREDENTIAL_VARIABLES } from '../guarded-paths.js';
import { ASSIGNMENT_COMMAND, type SimpleCommand } from '../types.js';
import type { Bypass } from './self-protection-bypasses.js';

const DECLARERS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

/**
 * Changes of the variables that point an agent's tools at brokered credentials (`AWS_PROFILE=… cmd`,
 * `export KUBECONFIG=…`, `unset PGSERVICEFILE`, `env -u AWS_CONFIG_FILE …`): each one could swap the
 * broker for credentials found on disk.
 */
export function brokeredVariableEdits(command: SimpleCommand): Bypass[] {
  const changed = new Set<string>();
  const { name, args } = command;
  const words = name === ASSIGNMENT_COMMAND || DECLARERS.has(name) || name === 'unset' ? args : [];
  for (const word of [...Object.keys(command.env), ...words]) {
    const variable = word.split('=')[0]!.replace(/\+$/, '');
    if (BROKERED_CREDENTIAL_VARIABLES.has(variable)) changed.add(variable);
  }
  if (command.wrappers.includes('env'))
    for (const match of command.source.matchAll(/(?:^|\s)(?:-u\s*|--unset[=\s]+)['"]?(\w+)/g))
      if (BROKERED_CREDENTIAL_VARIABLES.has(match[1]!)) changed.add(match[1]!);
  return [...changed].map((variable) => ({
    kind: 'write' as const,
    target: variable,
    summary: `changes ${variable}, which points the agent's tools at credentials brokered by blastwall`,
  }));
}
