import { authorsOf, indexPeople } from '../../core/change/authors.js';
import type { Commit, Person } from '../../core/model.js';
import type { ExpertiseHistory, FileTouch } from '../../core/reviewers/types.js';
import { runGit } from './run-git.js';

/** What to read: whose recent edits of which files. */
export interface ExpertiseRequest {
  repo: string;
  /** The touched files of the change under review. */
  paths: readonly string[];
  people: readonly Person[];
  /** How far back to look, in days (default 90). */
  sinceDays?: number;
  /** The moment ages are measured from, unix seconds (default: the commit time of `rev`); later commits are ignored. */
  asOf?: number;
  /** The revision whose history is read (default HEAD). */
  rev?: string;
}

/** Recent per-person, per-file history, plus the authors no configured person matched. */
export interface ExpertiseReading extends ExpertiseHistory {
  /** Emails of commit authors in the window who are not in the config (their work counts for nobody). */
  unknownAuthors: string[];
  commits: number;
}

const RECORD = '\x1e';
const FIELD = '\x1f';
// git tests every tree entry it walks against every pathspec: 2,000 file pathspecs made the pass over a
// 2,000-file change cost ~380 ms of git's CPU (bench/attest-check.mjs). Above this many, the paths are widened to
// their folders (the pass reads those folders' files and keeps the wanted ones): the same change's 200 folders
// cost ~70 ms.
const MAX_PATHSPECS = 256;
const DAY = 86_400;

/** The arguments of the one `git log --numstat` pass (exported for the docs and tests). */
export function expertiseGitArgs(
  request: Pick<ExpertiseRequest, 'paths' | 'sinceDays' | 'rev'>,
  asOf: number,
): string[] {
  const since = new Date((asOf - (request.sinceDays ?? 90) * DAY) * 1000).toISOString();
  const until = new Date(asOf * 1000).toISOString();
  const args = [
    'log',
    '-z',
    '--no-merges',
    '--no-renames',
    '--numstat',
    `--since=${since}`,
    `--until=${until}`,
    `--format=${RECORD}%H${FIELD}%ae${FIELD}%an${FIELD}%at`,
    request.rev ?? 'HEAD',
    '--',
  ];
  // :(literal) keeps a file named like a glob from matching other files; a literal folder matches what is in it.
  for (const path of pathspecs(request.paths)) args.push(`:(literal)${path}`);
  return args;
}

/**
 * The paths git's pass is limited to: the files themselves, or, when they are more than MAX_PATHSPECS, each cut
 * to its first `depth` folders, the deepest `depth` that gives at most MAX_PATHSPECS; none (every file) when not
 * even the top-level names do. Always a cover of `paths`: what it adds is read and left out by the caller.
 */
export function pathspecs(paths: readonly string[]): string[] {
  if (paths.length <= MAX_PATHSPECS) return [...paths];
  let depth = 0;
  for (const path of paths) depth = Math.max(depth, path.split('/').length - 1);
  for (; depth >= 1; depth--) {
    const cut = new Set<string>();
    for (const path of paths) {
      cut.add(path.split('/').slice(0, depth).join('/'));
      if (cut.size > MAX_PATHSPECS) break;
    }
    if (cut.size <= MAX_PATHSPECS) return [...cut];
  }
  return [];
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The committer time of a revision, unix seconds (git's --since/--until filter on it too). */
async function commitTime(repo: string, rev: string): Promise<number> {
  const output = await runGit(repo, ['log', '-1', '--format=%ct', rev, '--']);
  const seconds = Number(output.trim());
  return Number.isInteger(seconds) && seconds > 0 ? seconds : nowSeconds();
}

/** Reads who edited the touched files recently, and how much, in one `git log --since --numstat` pass. */
export async function readExpertise(request: ExpertiseRequest): Promise<ExpertiseReading> {
  if (request.paths.length === 0)
    return { asOf: request.asOf ?? nowSeconds(), byPerson: new Map(), unknownAuthors: [], commits: 0 };
  // Counting back from today would find nobody in a repository (or branch) last touched years ago:
  // the window ends at the reviewed revision's commit, as the change itself was written then.
  const asOf = request.asOf ?? (await commitTime(request.repo, request.rev ?? 'HEAD'));
  const output = await runGit(request.repo, expertiseGitArgs(request, asOf));
  const wanted = new Set(request.paths);
  const index = indexPeople(request.people);
  const personOf = new Map<string, string | undefined>();
  const byPerson = new Map<string, Map<string, FileTouch[]>>();
  const unknown = new Set<string>();
  let commits = 0;
  for (const record of output.split(RECORD)) {
    if (record === '') continue;
    const [header = '', ...entries] = record.split('\0');
    const [sha = '', email = '', name = '', at = '0'] = header.split(FIELD);
    commits++;
    const key = email.toLowerCase();
    if (!personOf.has(key)) personOf.set(key, matchPerson(email, name, index));
    const personId = personOf.get(key);
    if (personId === undefined) {
      unknown.add(email);
      continue;
    }
    for (const entry of entries) {
      const touch = parseNumstat(entry.replace(/^\n/, ''));
      if (!touch || !wanted.has(touch.path)) continue;
      const files = byPerson.get(personId) ?? new Map<string, FileTouch[]>();
      const list = files.get(touch.path) ?? [];
      list.push({ sha, at: Number(at), added: touch.added, deleted: touch.deleted });
      files.set(touch.path, list);
      byPerson.set(personId, files);
    }
  }
  return { asOf, byPerson, unknownAuthors: [...unknown].sort(), commits };
}

/** The files a range touches (both sides of a rename), relative to the merge-base, as `check` sees them. */
export async function changedPaths(repo: string, base: string, head: string): Promise<string[]> {
  const output = await runGit(repo, ['diff', '-z', '--name-only', '--no-renames', `${base}...${head}`]);
  return output.split('\0').filter((path) => path !== '');
}

function parseNumstat(entry: string): { added: number; deleted: number; path: string } | undefined {
  const first = entry.indexOf('\t');
  const second = entry.indexOf('\t', first + 1);
  if (first < 0 || second < 0) return undefined;
  const added = entry.slice(0, first);
  const deleted = entry.slice(first + 1, second);
  // Binary files show "-": an edit still counts as a commit, with no lines.
  return {
    added: added === '-' ? 0 : Number(added),
    deleted: deleted === '-' ? 0 : Number(deleted),
    path: entry.slice(second + 1),
  };
}

/** Maps an author to a person exactly as `check` does (email, then a GitHub noreply login). */
function matchPerson(email: string, name: string, index: ReturnType<typeof indexPeople>): string | undefined {
  const probe: Commit = {
    sha: '',
    parents: [],
    authorName: name,
    authorEmail: email,
    committerName: name,
    committerEmail: email,
    authoredAt: 0,
    message: '',
    files: [],
  };
  const [author] = authorsOf([probe], index);
  return author?.known ? author.id : undefined;
}
