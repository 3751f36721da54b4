import { levelRank, type Commit, type Level, type Person } from '../model.js';

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

/** Matches each commit's author to a person (by email, then by a GitHub noreply address's login). */
export function authorsOf(commits: readonly Commit[], index: ReturnType<typeof indexPeople>): AuthorInfo[] {
  const authors = new Map<string, AuthorInfo>();
  for (const commit of commits) {
    const email = commit.authorEmail.toLowerCase();
    const person = index.byEmail.get(email) ?? personFromNoreply(email, index.byId);
    const key = person?.id ?? email;
    const existing = authors.get(key);
    if (existing) {
      existing.commits++;
      continue;
    }
    authors.set(key, {
      id: key,
      name: commit.authorName,
      email: commit.authorEmail,
      level: person?.level ?? 'junior',
      known: person !== undefined,
      commits: 1,
    });
  }
  return [...authors.values()];
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
