import { posix } from 'node:path';
import { isLoopback } from '../../environment.js';
import type { ActionSurroundings, CommandClassifier, Operation, SimpleCommand } from '../../types.js';
import { optionValue, urlHost } from '../args.js';
import type { RunFile } from '../deps.js';
import { markedLocal } from '../local-target.js';
import { operation } from '../operation.js';

// ldapmodify / ldapadd apply LDIF to a directory: the LDIF decides. An entry deleted (`changetype: delete`),
// an attribute's values deleted (`delete: member`) or replaced by nothing (`replace: member` with no value) takes
// people out of groups or out of the directory. The LDIF is read from the here-string, heredoc or `-f` file as it
// stands; when it cannot be read the command is held. A directory on this machine (`-H ldap://localhost`) is the
// developer's own.

/** What an LDIF removes, or undefined when it only adds or sets values. */
export function ldifRemoves(ldif: string): string | undefined {
  const lines = ldif.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^changetype:\s*delete\s*$/i.test(line)) return 'deletes an entry';
    const attr = /^(delete|replace):\s*(\S+)\s*$/i.exec(line);
    if (attr === null) continue;
    if ((attr[1] ?? '').toLowerCase() === 'delete') return `deletes values of ${attr[2] ?? ''}`;
    // `replace: member` followed by no `member:` line empties the attribute
    const name = (attr[2] ?? '').toLowerCase();
    const next = lines.slice(i + 1).find((l) => l.trim() !== '' && !l.startsWith(' '));
    if (next === undefined || next.trim() === '-' || !next.toLowerCase().startsWith(`${name}:`))
      return `empties ${attr[2] ?? ''}`;
  }
  return undefined;
}

/** ldapmodify / ldapadd: the LDIF they apply, on the directory server `-H`/`-h` names. */
export const ldapModify =
  (readRunFile?: (path: string) => RunFile): CommandClassifier =>
  (command: SimpleCommand, surroundings: ActionSurroundings): Operation[] => {
    if (command.args.some((a) => a === '-n' || a === '--help')) return [];
    const file = optionValue(command.args, ['-f']);
    let ldif = file === undefined ? command.stdin : undefined;
    if (file !== undefined && readRunFile !== undefined && command.remote === undefined) {
      const read = readRunFile(posix.resolve(command.cwd ?? surroundings.cwd, file));
      if (read.kind === 'text') ldif = read.text;
    }
    const why = ldif === undefined ? 'applies LDIF that cannot be read before it runs' : ldifRemoves(ldif);
    if (why === undefined) return [];
    const uri = optionValue(command.args, ['-H']);
    const host = uri !== undefined ? (urlHost(uri) ?? uri) : optionValue(command.args, ['-h']);
    const server = host ?? 'the directory in ldap.conf';
    return [
      operation(command, {
        kind: 'delete',
        category: 'system',
        destructive: true,
        reversible: false,
        target: server,
        summary: `${command.name} on ${server} ${why}`,
        hints:
          host === undefined
            ? {}
            : markedLocal(
                { host },
                isLoopback(host) ? `the LDAP directory on this machine (${host})` : undefined,
              ),
      }),
    ];
  };
