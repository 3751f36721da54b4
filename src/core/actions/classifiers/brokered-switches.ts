import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { operation } from './operation.js';

// Runs for every simple command, whatever its name: a variable set on the line reaches whatever the command
// starts (`AWS_ACCESS_KEY_ID=… npm test`), where the gate never looks. When the agent's tools get their
// credentials from the blastwall broker (`blastwall creds setup`), a line that makes them use other credentials
// is held for a person. Changing the variables that point at the brokered files is self-protection's
// (brokered-variables.ts); this is the rest: keys and passwords of their own, a profile or service outside the
// brokered ones, and clearing the environment. docs/creds.md.

/** The files `blastwall creds setup` writes live here; a variable pointing into it means the broker is in force. */
const BROKERED_DIR = /(^|\/)\.blastwall\/creds\//;

/** Profiles and services `blastwall creds setup` writes: `blastwall-<env>` and `blastwall-<env>-write`. */
const BROKERED_NAME = /^blastwall-[\w.-]+$/;

/** One ecosystem the broker serves: when it is in force, and which variable changes switch away from it. */
interface Ecosystem {
  name: string;
  /** The variable setup points at the brokered file. */
  pointer: string;
  /** A variable that, set to any value, carries credentials of its own. */
  carriesCredentials: RegExp;
  /** Variables that choose a profile or service: only a brokered name keeps the broker (unset or empty does not). */
  chooser: RegExp;
}

const ECOSYSTEMS: readonly Ecosystem[] = [
  {
    name: 'AWS',
    pointer: 'AWS_CONFIG_FILE',
    // Static keys and every other source of the SDKs' default chain: each wins over, or stands in for, the profile.
    carriesCredentials:
      /^AWS_(ACCESS_KEY_ID|ACCESS_KEY|SECRET_ACCESS_KEY|SECRET_KEY|SESSION_TOKEN|SECURITY_TOKEN|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN|CONTAINER_\w+)$/,
    // Unset or empty, the SDKs fall back to their default chain (instance metadata, SSO caches).
    chooser: /^AWS_(DEFAULT_)?PROFILE$/,
  },
  {
    name: 'PostgreSQL',
    pointer: 'PGSERVICEFILE',
    // A password of its own, or a system-wide service file (whose services may hold passwords).
    carriesCredentials: /^(PGPASSWORD|PGSYSCONFDIR)$/,
    chooser: /^PGSERVICE$/,
  },
];

/** A PostgreSQL URL that carries its own password (`postgres://user:secret@host/db`), in any variable. */
const POSTGRES_URL_WITH_PASSWORD = /^postgres(?:ql)?:\/\/[^/@:\s]*:[^@/\s]+@/i;

/** What this command's line changes in its environment: a value, or null when removed (`*`: all of it). */
function changes(command: SimpleCommand): Map<string, string | null> {
  const changed = new Map<string, string | null>(Object.entries(command.env));
  for (const [name, change] of Object.entries(command.envChanges ?? {})) changed.set(name, change.value);
  return changed;
}

/** Why one change switches an ecosystem in force away from the broker; undefined when it does not. */
function switchAway(name: string, value: string | null, ecosystem: Ecosystem): string | undefined {
  if (ecosystem.carriesCredentials.test(name) && value !== null)
    return `sets ${name}, ${ecosystem.name} credentials of its own in place of the ones blastwall brokers`;
  if (ecosystem.chooser.test(name) && (value === null || !BROKERED_NAME.test(value)))
    return value === null || value === ''
      ? `clears ${name}, so ${ecosystem.name} tools fall back to credentials other than the ones blastwall brokers`
      : `sets ${name} to ${value}, not a profile or service brokered by blastwall (blastwall-<env>)`;
  if (ecosystem.name === 'PostgreSQL' && value !== null && POSTGRES_URL_WITH_PASSWORD.test(value))
    return `sets ${name} to a PostgreSQL URL with a password of its own, in place of the login blastwall brokers`;
  return undefined;
}

/**
 * Holds a line that would make the agent's tools use credentials other than the brokered ones, for each ecosystem
 * whose brokered file the agent's environment points at; [] when no broker is in force.
 */
export function classifyBrokeredSwitches(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): Operation[] {
  const inForce = ECOSYSTEMS.filter((ecosystem) =>
    BROKERED_DIR.test(surroundings.env[ecosystem.pointer] ?? ''),
  );
  const kubernetes = BROKERED_DIR.test(surroundings.env.KUBECONFIG ?? '');
  if (inForce.length === 0 && !kubernetes) return [];
  const reasons = new Map<string, string>();
  for (const [name, value] of changes(command)) {
    if (name === '*') {
      // `env -i`: every variable pointing at a brokered file is gone, and the tools read their default files.
      if (value === null)
        reasons.set(
          '*',
          'clears the whole environment, so the tools read credentials on disk instead of brokered ones',
        );
      continue;
    }
    for (const ecosystem of inForce) {
      const why = switchAway(name, value, ecosystem);
      if (why !== undefined) reasons.set(name, why);
    }
  }
  return [...reasons].map(([target, summary]) =>
    operation(command, {
      kind: 'write',
      category: 'self-protection',
      destructive: true,
      reversible: true,
      target: target === '*' ? 'the environment' : target,
      summary,
      hints: {},
      selfProtection: true,
    }),
  );
}
