import { nestedFrame } from './emit.js';
import { addUnknowable } from './state.js';
import type { Field, Invocation, ResolveContext } from './state.js';

// `crontab -` / `crontab FILE` installs a table whose commands run later, unattended: each entry's command is
// judged now, as if it ran. A table whose text the line does not show (piped from a group, a file not written on
// the line) is unknowable, so installing it is held; listing (-l) and editing (-e) install nothing here.

/** The command part of each cron entry: after five time fields or an `@reboot`-style word; env lines skipped. */
export function cronCommands(table: string): string[] {
  const out: string[] = [];
  for (const raw of table.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^[A-Za-z_]\w*\s*=/.test(line)) continue;
    const entry = /^@\w+\s+(.*)$/.exec(line) ?? /^(?:\S+\s+){5}(.*)$/.exec(line);
    out.push(entry?.[1] ?? line);
  }
  return out;
}

/** The crontab launcher: installing a table runs its commands, so they are parsed as nested scripts. */
export function crontab(words: readonly Field[], inv: Invocation, ctx: ResolveContext): string | undefined {
  const args = words.slice(1);
  if (args.some((w) => /^-[lerRi]+$/.test(w.value) && w.value !== '-')) return undefined;
  const file = args.find((w) => !w.value.startsWith('-') || w.value === '-');
  const fromStdin = file === undefined || file.value === '-';
  const table = fromStdin ? (inv.stdin ?? inv.pipedText) : undefined;
  if (table === undefined) {
    const source = fromStdin
      ? (inv.stdinUnknowable ?? inv.pipedFrom[0] ?? 'standard input')
      : (file?.value ?? 'a file');
    addUnknowable(ctx.state, `crontab installs a table from ${source}, which is not known before it runs`);
    return undefined;
  }
  const commands = cronCommands(table);
  // an empty table replaces every job with nothing: the crontab classifier judges that, as it does `crontab -r`
  if (commands.length === 0) return undefined;
  for (const command of commands)
    ctx.engine.parseText(command, nestedFrame(inv, ctx.frame, 'crontab entry', command));
  return 'crontab';
}
