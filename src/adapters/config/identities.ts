import { ConfigError } from '../../core/errors.js';
import type { ConfigFile } from './schema.js';
import type { LocatedYaml } from './yaml-errors.js';

/**
 * Two people sharing an email or a GitHub login is a config error, reported at the second
 * occurrence's line: resolving it by order would credit one person's commits, seniority and
 * approvals to the other.
 */
export function checkDuplicateIdentities(file: ConfigFile, located: LocatedYaml, path: string): void {
  const emails = new Map<string, string>();
  const logins = new Map<string, string>();
  file.people.forEach((person, index) => {
    person.emails.forEach((email, at) => {
      const key = email.trim().toLowerCase();
      const owner = emails.get(key);
      if (owner !== undefined && owner !== person.id)
        throw new ConfigError(
          path,
          located.lineOf(['people', index, 'emails', at]),
          `people.${index}: email "${email}" belongs to "${owner}" too; an email identifies one person`,
        );
      emails.set(key, person.id);
    });
    const github =
      person.github === undefined ? [] : Array.isArray(person.github) ? person.github : [person.github];
    const named: [string, readonly PropertyKey[]][] = [
      [person.id, ['people', index, 'id']],
      ...github.map((login, at): [string, readonly PropertyKey[]] => [
        login,
        Array.isArray(person.github) ? ['people', index, 'github', at] : ['people', index, 'github'],
      ]),
    ];
    for (const [login, where] of named) {
      const key = login.trim().toLowerCase();
      const owner = logins.get(key);
      if (owner !== undefined && owner !== person.id)
        throw new ConfigError(
          path,
          located.lineOf(where),
          `people.${index}: GitHub login "${login}" belongs to "${owner}" too; a login identifies one person`,
        );
      logins.set(key, person.id);
    }
  });
}
