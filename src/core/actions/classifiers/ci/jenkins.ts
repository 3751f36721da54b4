import { posix } from 'node:path';
import type { ActionSurroundings, CommandClassifier, Operation, SimpleCommand } from '../../types.js';
import { optionValue } from '../args.js';
import type { RunFile } from '../deps.js';
import { verbTokens } from '../generic/intent.js';
import { hostHints } from '../generic/hosts.js';
import { isLoopback } from '../../environment.js';
import { operation } from '../operation.js';

// The Jenkins CLI's `groovy` and `groovysh` run a Groovy script on the controller with its full rights: the
// script decides. A call whose method says delete, destroy, wipe, purge, remove, drop or truncate
// (`Jenkins.instance.getItemByFullName("payments").delete()`, `job.builds.each { it.delete() }`), a shell command
// started from the script (`"rm -rf …".execute()`), or a script that cannot be read is held on the controller the
// line names. A script that only reads (`println Jenkins.instance.itemNames`) runs.

/** Method names that destroy, read in tokens (`delete`, `doDelete`, `deleteBuilds`, `doWipeOutWorkspace`). */
const DESTROYS = new Set(['delete', 'destroy', 'wipe', 'purge', 'remove', 'drop', 'truncate', 'erase']);
/** Methods that stop the controller. */
const STOPS = /\.(?:doSafeExit|doExit|doQuietDown|restart|safeRestart|doRestart|doSafeRestart)\s*\(/;

/** The subcommand after the CLI's own options (`-s URL`, `-auth @file`, `-webSocket`). */
function cliWords(command: SimpleCommand): { jar: boolean; words: string[] } {
  const args = command.args;
  const jarAt =
    command.name === 'java' ? args.findIndex((a, i) => args[i - 1] === '-jar' && /jenkins-cli/i.test(a)) : -1;
  if (command.name === 'java' && jarAt < 0) return { jar: false, words: [] };
  const words: string[] = [];
  for (let i = jarAt + 1; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('-') && arg !== '-') {
      if (/^-(?:s|auth|i|p|user|logger|bearer)$/.test(arg)) i++;
      continue;
    }
    words.push(arg);
  }
  return { jar: true, words };
}

/** Why a Groovy script destroys or stops, or undefined when it only reads. */
export function groovyDestroys(script: string): string | undefined {
  for (const m of script.matchAll(/\.\s*([A-Za-z_]\w*)\s*\(/g)) {
    const method = m[1] ?? '';
    if (verbTokens(method).some((t) => DESTROYS.has(t))) return `it calls ${method}()`;
  }
  if (STOPS.test(script)) return 'it stops the controller';
  if (/["'`]\s*\.\s*execute\s*\(/.test(script) || /\bexecute\s*\(\s*\)/.test(script))
    return 'it starts a shell command';
  return undefined;
}

/** `java -jar jenkins-cli.jar … groovy = <<< SCRIPT` and `jenkins-cli groovy script.groovy`. */
export const jenkinsCli =
  (readRunFile?: (path: string) => RunFile): CommandClassifier =>
  (command: SimpleCommand, surroundings: ActionSurroundings): Operation[] => {
    const { jar, words } = cliWords(command);
    if (!jar || (words[0] !== 'groovy' && words[0] !== 'groovysh')) return [];
    const source =
      words[0] === 'groovysh' || words[1] === '=' || words[1] === undefined ? undefined : words[1];
    let script = source === undefined ? command.stdin : undefined;
    if (source !== undefined && readRunFile !== undefined && command.remote === undefined) {
      const read = readRunFile(posix.resolve(command.cwd ?? surroundings.cwd, source));
      if (read.kind === 'text') script = read.text;
    }
    const why = script === undefined ? 'its script cannot be read before it runs' : groovyDestroys(script);
    if (why === undefined) return [];
    const server = optionValue(command.args, ['-s']) ?? surroundings.env.JENKINS_URL;
    const hints = server !== undefined ? hostHints([server], isLoopback) : {};
    return [
      operation(command, {
        kind: 'execute',
        category: 'platform',
        destructive: true,
        reversible: false,
        target: server ?? 'the Jenkins controller',
        summary: `the Jenkins CLI runs a Groovy script on ${server ?? 'the controller'}, and ${why}`,
        hints,
      }),
    ];
  };
