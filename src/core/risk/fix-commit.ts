/** Words that mark a commit as a bug fix (Kamei's `fix` metric and the SZZ fix search). */
const FIX_WORDS =
  /\b(fix(es|ed|ing)?|bugs?|bugfix|defects?|patch(es|ed)?|fault|crash(es|ed)?|regression|hotfix)\b/i;

/** An issue reference that a fix closes: "fixes #12", "Closes: PROJ-34", "Fixes-Bug: 1234", "Bug: 1234". */
const ISSUE_LINK =
  /\b(fix(es|ed)?|close[sd]?|resolve[sd]?|fixes-bug|bug)\s*:?\s*(#\d+|[A-Z][A-Z0-9]+-\d+|\d{3,})/i;

/** True when the message says the commit fixes a bug (keywords or an issue link). */
export function isFixCommit(message: string): boolean {
  const subject = message.split('\n', 1)[0] ?? '';
  // Merges and reverts mention fixes without being fixes themselves.
  if (/^(Merge|Revert)\b/.test(subject)) return false;
  return FIX_WORDS.test(message) || ISSUE_LINK.test(message);
}
