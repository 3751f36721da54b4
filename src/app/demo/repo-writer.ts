import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitIdentity, FileEdit, PlannedPr } from './pull-requests.js';

/** Where each pull request ended up in git. */
export interface PrShas {
  /** Main when the branch was opened. */
  base: string;
  head: string;
  /** The merge commit on main (merged pull requests). */
  merge?: string;
}

/** The written repository: commit shas per pull request, and the initial commit. */
export interface WrittenRepo {
  root: string;
  prs: Map<number, PrShas>;
  commits: number;
}

interface Event {
  at: number;
  kind: 'open' | 'merge';
  pr: PlannedPr;
}

/** Renders one line of code for an edit, varied by where it lands, so that diffs look like code. */
function codeLine(path: string, seed: number): string {
  if (path.endsWith('.md')) return `Step ${seed}: check the dashboards before and after.`;
  if (path.endsWith('.tf')) return `  # revision ${seed}\n  tags = { revision = "${seed}" }`;
  const forms = [
    `export const limit${seed} = ${(seed * 37) % 1000};`,
    `  if (input.length > ${seed % 97}) return { ok: false, reason: 'too long' };`,
    `  logger.info({ requestId, step: ${seed} }, 'handled');`,
    `export function check${seed}(value: number): boolean { return value % ${(seed % 7) + 2} === 0; }`,
    `  await retry(() => call(request), { attempts: ${(seed % 4) + 2} });`,
  ];
  return forms[seed % forms.length]!;
}

function applyEdit(lines: string[] | undefined, edit: FileEdit, seed: number): string[] {
  const out = lines ? [...lines] : [`// ${edit.path}`];
  const position = Math.min(out.length, Math.max(1, Math.floor(edit.at * out.length)));
  const remove = Math.min(edit.remove, Math.max(0, out.length - position));
  const added = Array.from({ length: edit.add }, (_, k) => codeLine(edit.path, seed * 101 + k));
  out.splice(position, remove, ...added);
  return out;
}

/**
 * Writes the repository in one `git fast-import` stream (a few hundred commits in well under a
 * second, where one `git commit` per commit takes tens of seconds): an initial commit, every pull
 * request's branch from main as it was when it opened (`refs/pull/N/head`), and a merge commit
 * on main for every merged one. Branches still open stay as `refs/heads/<branch>`.
 */
export function writeRepository(
  root: string,
  initial: { files: Record<string, string>; author: CommitIdentity; at: Date },
  prs: readonly PlannedPr[],
): WrittenRepo {
  mkdirSync(root, { recursive: true });
  const git = (args: string[], input?: string): string =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
      ...(input !== undefined && { input }),
    });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'blastwall demo']);
  git(['config', 'user.email', 'demo@shop.example']);
  git(['config', 'commit.gpgsign', 'false']);
  // The name the dashboard shows for the repository (nothing is ever fetched from or pushed to it).
  git(['remote', 'add', 'origin', 'https://github.com/example-shop/shop.git']);

  const chunks: string[] = [];
  let mark = 0;
  let commits = 0;
  const main = new Map<string, string[]>();
  for (const [path, content] of Object.entries(initial.files)) main.set(path, content.split('\n'));
  const branchFiles = new Map<number, Map<string, string[]>>();
  const marks = new Map<number, { base: number; head: number; merge?: number }>();

  function commit(
    ref: string,
    message: string,
    who: CommitIdentity,
    at: Date,
    files: Map<string, string[]>,
    from?: number,
    merge?: number,
  ): number {
    mark++;
    commits++;
    const when = `${Math.floor(at.getTime() / 1000)} +0000`;
    const body = Buffer.byteLength(message);
    chunks.push(
      `commit ${ref}\nmark :${mark}\nauthor ${who.name} <${who.email}> ${when}\ncommitter ${who.name} <${who.email}> ${when}\ndata ${body}\n${message}\n`,
    );
    if (from !== undefined) chunks.push(`from :${from}\n`);
    if (merge !== undefined) chunks.push(`merge :${merge}\n`);
    for (const [path, lines] of files) {
      const content = `${lines.join('\n')}\n`;
      chunks.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    }
    return mark;
  }

  let mainMark = commit('refs/heads/main', 'Import the services\n', initial.author, initial.at, main);
  const events: Event[] = [];
  for (const pr of prs) {
    events.push({ at: pr.openedAt.getTime(), kind: 'open', pr });
    if (pr.fate === 'merged' && pr.closedAt) events.push({ at: pr.closedAt.getTime(), kind: 'merge', pr });
  }
  events.sort((a, b) => a.at - b.at || (a.kind === 'open' ? -1 : 1));

  for (const event of events) {
    const { pr } = event;
    if (event.kind === 'open') {
      const files = new Map<string, string[]>();
      const ref = `refs/pull/${pr.number}/head`;
      let parent = mainMark;
      pr.commits.forEach((planned, index) => {
        const changed = new Map<string, string[]>();
        for (const edit of planned.edits) {
          const lines = applyEdit(files.get(edit.path) ?? main.get(edit.path), edit, pr.number * 10 + index);
          files.set(edit.path, lines);
          changed.set(edit.path, lines);
        }
        parent = commit(ref, planned.message, planned.author, planned.at, changed, parent);
      });
      branchFiles.set(pr.number, files);
      marks.set(pr.number, { base: mainMark, head: parent });
      continue;
    }
    const files = branchFiles.get(pr.number)!;
    for (const [path, lines] of files) main.set(path, lines);
    const merger = { name: pr.author.name, email: pr.author.email };
    const message = `Merge pull request #${pr.number} from shop/${pr.branch}\n\n${pr.title}\n`;
    mainMark = commit(
      'refs/heads/main',
      message,
      merger,
      pr.closedAt!,
      files,
      mainMark,
      marks.get(pr.number)!.head,
    );
    marks.get(pr.number)!.merge = mainMark;
  }
  for (const pr of prs) {
    if (pr.fate !== 'waiting') continue;
    chunks.push(`reset refs/heads/${pr.branch}\nfrom :${marks.get(pr.number)!.head}\n\n`);
  }
  chunks.push('done\n');

  const marksFile = join(root, '.git', 'demo-marks');
  git(['fast-import', '--quiet', '--done', `--export-marks=${marksFile}`], chunks.join(''));
  const shaOf = new Map<number, string>();
  for (const line of readFileSync(marksFile, 'utf8').split('\n')) {
    const [key, sha] = line.split(' ');
    if (key && sha) shaOf.set(Number(key.slice(1)), sha);
  }
  rmSync(marksFile);
  git(['checkout', '-q', '-f', 'main']);
  const result = new Map<number, PrShas>();
  for (const [number, m] of marks) {
    result.set(number, {
      base: shaOf.get(m.base)!,
      head: shaOf.get(m.head)!,
      ...(m.merge !== undefined && { merge: shaOf.get(m.merge)! }),
    });
  }
  return { root, prs: result, commits };
}
