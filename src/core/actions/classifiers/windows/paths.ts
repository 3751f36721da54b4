import type { ActionSurroundings, Operation, SimpleCommand } from '../../types.js';
import { operation } from '../operation.js';
import type { PsWord } from './powershell.js';
import { CACHE_NAMES, isProtectedZone, pathZone, type PathZone } from '../paths.js';

// The user's profile as PowerShell, cmd and WSL spell it; each stands where `~` stands on Linux.
const PROFILE =
  /^(?:~|\$HOME|\$env:(?:USERPROFILE|HOMEPATH|HOME)|%(?:USERPROFILE|HOMEPATH)%|[A-Za-z]:[\\/]Users[\\/][^\\/]+)(?=[\\/]|$)/i;
// The temp folder by name: disposable wherever it is.
const TEMP = /^(?:\$env:(?:TEMP|TMP)|%(?:TEMP|TMP)%|[A-Za-z]:[\\/](?:Windows[\\/])?Temp)(?=[\\/]|$)/i;
// Folders of the profile whose contents each tool rebuilds or throws away on its own.
const PROFILE_TEMP = /^AppData[\\/]Local[\\/]Temp(?:[\\/]|$)/i;
const SYSTEM =
  /^[A-Za-z]:[\\/]?(?:$|(?:Windows|Program Files(?: \(x86\))?|ProgramData|System Volume Information|Recovery|Boot)(?:[\\/]|$))/i;
const VARIABLE = /\$|%[A-Za-z_]\w*%/;

/**
 * Where a Windows path lies, read as `zoneOf` reads a Linux one: the profile (`C:\Users\dev`, `%USERPROFILE%`,
 * `$env:USERPROFILE`, `~`) is home and a drive root or `C:\Windows` is the system, while `AppData\Local\Temp`,
 * `%TEMP%` and build output or caches below the profile are disposable. A relative path lies where the command
 * runs; a path built from any other variable is only known when it runs.
 */
export function windowsPathZone(
  word: string,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): { path: string; zone: PathZone } {
  const text = word.replace(/^['"]|['"]$/g, '');
  if (TEMP.test(text)) return { path: text, zone: 'temp' };
  const profile = PROFILE.exec(text);
  if (profile !== null) {
    const inner = text.slice(profile[0].length).replace(/^[\\/]+/, '');
    if (inner === '' || /^\*(?:\.\*)?$/.test(inner)) return { path: text, zone: 'home' };
    if (PROFILE_TEMP.test(inner)) return { path: text, zone: 'temp' };
    if (VARIABLE.test(inner)) return { path: text, zone: 'unknown' };
    const segments = inner.split(/[\\/]+/);
    const cached = segments.some((s, i) => CACHE_NAMES.has(s) && (i > 0 || s.startsWith('.')));
    return { path: text, zone: cached ? 'cache' : 'home' };
  }
  if (SYSTEM.test(text)) return { path: text, zone: 'system' };
  if (/^(?:[A-Za-z]:|\\\\|[\\/])/.test(text)) return { path: text, zone: 'other' };
  if (VARIABLE.test(text.replace(/^\$PWD(?=[\\/]|$)/i, '.'))) return { path: text, zone: 'unknown' };
  // relative to where the command runs, as any other relative path
  const relative = text.replace(/^\$PWD(?=[\\/]|$)/i, '.').replace(/\\/g, '/');
  return pathZone(relative === '' ? '.' : relative, command, surroundings);
}

/** True when deleting at this Windows path cannot be undone and is not disposable. */
export function isProtectedWindowsPath(
  word: string,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): boolean {
  return isProtectedZone(windowsPathZone(word, command, surroundings).zone);
}

/**
 * The delete of one Windows path a command names, as `runs` says it (`cmd /c runs rd /s`): undefined in the
 * workspace, a cache or the temp dir (disposable), held everywhere else and when the path is known only when it runs.
 */
export function windowsDelete(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  path: PsWord,
  runs: string,
): Operation | undefined {
  const zone = path.dynamic
    ? { path: path.text, zone: 'unknown' as const }
    : windowsPathZone(path.text, command, surroundings);
  if (zone.zone === 'workspace' || zone.zone === 'cache' || zone.zone === 'temp') return undefined;
  return operation(command, {
    kind: 'delete',
    category: 'filesystem',
    destructive: true,
    reversible: false,
    target: zone.path,
    summary: `${runs} ${zone.path} (${zone.zone === 'unknown' ? 'a path known only when it runs' : `a ${zone.zone} path`})`,
    hints: { local: true, path: zone.path },
  });
}
