import { resolve } from 'node:path';
import type { Command } from 'commander';
import { dataDir } from '../../../adapters/attest/key.js';
import {
  listRestorePoints,
  undoRestorePoint,
  type RestoreManifest,
} from '../../../adapters/host/restore-points.js';
import { findRepoRoot } from '../../../app/workspace.js';
import { EXIT, type CliDeps } from '../deps.js';

interface UndoFlags {
  list?: boolean;
  all?: boolean;
  force?: boolean;
  dryRun?: boolean;
  cwd?: string;
  json?: boolean;
}

/**
 * Registers `blastwall undo [ID]`: brings back what an agent's command lost inside the workspace, from the restore
 * point the gate took just before the command ran (policy agent-undoable-workspace).
 */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('undo')
    .description(
      "Bring back what an agent's git clean, reset --hard, checkout -- ., branch -D, stash drop or rm inside the workspace removed, from the restore point the gate took before it ran",
    )
    .argument('[id]', 'the restore point (default: the newest one for this repository)')
    .option('--list', 'list the restore points for this repository, newest first')
    .option('--all', 'with --list: every repository')
    .option('--dry-run', 'say what would be brought back, write nothing')
    .option(
      '--force',
      'overwrite files that exist again with other contents, and apply over uncommitted changes',
    )
    .option('--cwd <dir>', 'the repository (default: the current directory)')
    .option('--json', 'print the result as JSON')
    .action((id: string | undefined, flags: UndoFlags) => {
      const data = dataDir(deps.env);
      const cwd = resolve(deps.cwd, flags.cwd ?? '.');
      const repo = findRepoRoot(cwd);
      const points = listRestorePoints(data);
      const here = points.filter((p) => flags.all || concerns(p, repo));
      if (flags.list) {
        if (flags.json) deps.stdout(`${JSON.stringify(here, null, 2)}\n`);
        else if (here.length === 0)
          deps.stdout(`no restore points${flags.all ? '' : ` for ${repo}`} in ${data}\n`);
        else for (const point of here) deps.stdout(`${listLine(point)}\n`);
        return deps.exit(EXIT.ok);
      }
      const point =
        id !== undefined ? points.find((p) => p.id === id) : here.find((p) => p.undoneAt === undefined);
      if (point === undefined) {
        deps.stderr(
          id !== undefined
            ? `blastwall undo: no restore point ${id} in ${data} (blastwall undo --list --all shows them)\n`
            : `blastwall undo: no restore point left to undo for ${repo} (blastwall undo --list shows them)\n`,
        );
        return deps.exit(EXIT.usage);
      }
      let result;
      try {
        result = undoRestorePoint(data, point, {
          ...(flags.force ? { force: true } : {}),
          ...(flags.dryRun ? { dryRun: true } : {}),
        });
      } catch (error) {
        deps.stderr(
          `blastwall undo: ${error instanceof Error ? error.message : String(error)}; what was brought back before is listed by --dry-run\n`,
        );
        return deps.exit(EXIT.internal);
      }
      const blocked = result.conflicts.length > 0 && !flags.force;
      if (flags.json) {
        deps.stdout(
          `${JSON.stringify({ id: point.id, written: !blocked && !flags.dryRun, ...result }, null, 2)}\n`,
        );
      } else {
        const verb = flags.dryRun || blocked ? 'would bring back' : 'brought back';
        deps.stdout(`${point.id} (${point.command}):\n`);
        for (const path of result.restored) deps.stdout(`  ${verb} ${path}\n`);
        for (const step of result.steps)
          deps.stdout(`  ${flags.dryRun || blocked ? 'would run' : 'ran'} ${step}\n`);
        if (result.restored.length === 0 && result.steps.length === 0 && result.conflicts.length === 0)
          deps.stdout('  nothing to bring back: everything it kept is in place\n');
        for (const conflict of result.conflicts) deps.stdout(`  conflict: ${conflict}\n`);
        if (blocked)
          deps.stdout('  nothing was written; resolve the conflicts or pass --force to overwrite\n');
      }
      deps.exit(blocked ? EXIT.notAllowed : EXIT.ok);
    });
}

/** Whether a restore point was taken in this repository. */
function concerns(point: RestoreManifest, repo: string): boolean {
  return point.cwd === repo || point.cwd.startsWith(`${repo}/`);
}

function listLine(point: RestoreManifest): string {
  const files = point.entries.filter((e) => e.type === 'file').length;
  const state = point.entries.some((e) => e.type === 'git-state') ? ', git state' : '';
  const refs = point.entries.filter((e) => e.type === 'git-ref').length;
  const what = `${files} file${files === 1 ? '' : 's'}${state}${refs > 0 ? `, ${refs} ref${refs === 1 ? '' : 's'}` : ''}`;
  const undone = point.undoneAt !== undefined ? ` (undone ${point.undoneAt})` : '';
  return `${point.id}  ${point.createdAt}  ${point.agent}  ${point.command}  — ${what}${undone}`;
}
