import { levelRank, type Commit, type Level, type Person } from '../model.js';
import { coAuthorIdentities, trailerLines } from '../provenance/message.js';
import { parseIdentity } from '../provenance/tools.js';

/** A commit author as matched to a configured person, or not. */
export interface AuthorInfo {
  /** The person's id, or the author's email when unknown. */
  id: string;
  name: string;
  email: string;
  /** The person's level; unknown authors count as junior, the lowest. */
  level: Level;
  known: boolean;
  commits: number;
  /** Named only in a `Co-authored-by:` trailer (a person of the config), never as a commit's author. */
  coAuthor?: true;
}

/** Indexes people by email and login for author lookup. */
export function indexPeople(people: readonly Person[]): {
  byId: Map<string, Person>;
  byEmail: Map<string, Person>;
} {
  const byId = new Map<string, Person>();
  const byEmail = new Map<string, Person>();
  for (const person of people) {
    byId.set(person.id, person);
    for (const email of person.emails) byEmail.set(email.toLowerCase(), person);
  }
  return { byId, byEmail };
}

/**
 * Everyone who wrote the change: each commit's author matched to a person (by email, then by a GitHub
 * noreply address's login), and every configured person named in a `Co-authored-by:` trailer. A co-author
 * wrote the change too, so none of them may approve it. Co-authors who are not people of the config (AI
 * tools, outsiders) are provenance, not authors.
 */
export function authorsOf(commits: readonly Commit[], index: ReturnType<typeof indexPeople>): AuthorInfo[] {
  const authors = new Map<string, AuthorInfo>();
  for (const commit of commits) {
    const email = commit.authorEmail.toLowerCase();
    const person = index.byEmail.get(email) ?? personFromNoreply(email, index.byId);
    const key = person?.id ?? email;
    const existing = authors.get(key);
    if (existing) {
      existing.commits++;
      delete existing.coAuthor;
    } else {
      authors.set(key, {
        id: key,
        name: commit.authorName,
        email: commit.authorEmail,
        level: person?.level ?? 'junior',
        known: person !== undefined,
        commits: 1,
      });
    }
    for (const coAuthor of coAuthorsOf(commit, index)) {
      if (coAuthor.id === key || authors.has(coAuthor.id)) continue;
      authors.set(coAuthor.id, {
        id: coAuthor.id,
        name: coAuthor.id,
        email: coAuthor.emails[0] ?? '',
        level: coAuthor.level,
        known: true,
        commits: 0,
        coAuthor: true,
      });
    }
  }
  return [...authors.values()];
}

/** The configured people a commit's co-author trailers name. */
function coAuthorsOf(commit: Commit, index: ReturnType<typeof indexPeople>): Person[] {
  if (!/co-(?:authored|developed)-by/i.test(commit.message)) return [];
  const people: Person[] = [];
  for (const identity of coAuthorIdentities(trailerLines(commit.message.split('\n')))) {
    const email = parseIdentity(identity).email.toLowerCase();
    if (!email) continue;
    const person = index.byEmail.get(email) ?? personFromNoreply(email, index.byId);
    if (person) people.push(person);
  }
  return people;
}

function personFromNoreply(email: string, byId: Map<string, Person>): Person | undefined {
  const match = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email);
  if (!match?.[1]) return undefined;
  for (const person of byId.values())
    if (person.logins.some((login) => login.toLowerCase() === match[1])) return person;
  return undefined;
}

/** The least senior author decides who must approve; unknown authors count as the lowest level. */
export function leastSenior(authors: readonly AuthorInfo[]): AuthorInfo | undefined {
  let least: AuthorInfo | undefined;
  for (const author of authors) {
    const rank = author.known ? levelRank(author.level) : 0;
    const leastRank = least ? (least.known ? levelRank(least.level) : 0) : Infinity;
    if (rank < leastRank) least = author;
  }
  return least;
}
