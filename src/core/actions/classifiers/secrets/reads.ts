import type { ActionSurroundings, Operation, SimpleCommand } from '../../types.js';
import { hasFlag } from '../args.js';
import { operation } from '../operation.js';
import { keepsNamesOnly, pipesIntoNamesOnly } from './names-only.js';
import { inputFiles, pathWords, secretPlace } from './places.js';

// A shell read of a secret is the tool read by another door: what `cat ~/.aws/credentials` prints goes to the
// model and its provider just as a Read tool's result does, so it is held by the same policy (agent-secret-read).
// Only programs that print what they read count: `chmod 600 ~/.ssh/id_ed25519`, `ssh -i key host`,
// `source .env` or `cp .env.example .env` show the agent nothing.

/** Programs that print the content of the files they are given (or of a part of it). */
export const PRINTERS = new Set([
  'cat',
  'tac',
  'nl',
  'head',
  'tail',
  'less',
  'more',
  'most',
  'bat',
  'batcat',
  'od',
  'xxd',
  'hexdump',
  'hd',
  'base64',
  'base32',
  'basenc',
  'uuencode',
  'strings',
  'cut',
  'sort',
  'uniq',
  'paste',
  'column',
  'fold',
  'fmt',
  'pr',
  'rev',
  'diff',
  'colordiff',
  'sdiff',
  'comm',
  'zcat',
  'bzcat',
  'xzcat',
  'zless',
  'tr',
  'expand',
  'iconv',
  'dd',
]);
/** Printers whose first positional is a program or pattern, not a file (unless given by an option). */
export const PATTERN_FIRST: Record<string, string[]> = {
  grep: ['-e', '--regexp', '-f', '--file'],
  egrep: ['-e', '--regexp', '-f', '--file'],
  fgrep: ['-e', '--regexp', '-f', '--file'],
  zgrep: ['-e', '--regexp', '-f', '--file'],
  rg: ['-e', '--regexp', '-f', '--file'],
  ag: [],
  ack: [],
  awk: ['-f', '--file'],
  gawk: ['-f', '--file'],
  mawk: ['-f'],
  nawk: ['-f'],
  sed: ['-e', '--expression', '-f', '--file'],
  jq: ['-f', '--from-file'],
  yq: ['-f', '--from-file'],
  gojq: ['-f', '--from-file'],
};
/** Searchers of lines (the `grep` family and its kin). */
const SEARCHERS = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack']);
/** Searchers that walk folders: a search through `~/.aws` prints the keys it matches. */
const RECURSIVE = new Set(['rg', 'ag', 'ack']);

/** The secret files (and, for searches, folders) a printing command reads. */
export function secretsPrinted(command: SimpleCommand, surroundings: ActionSurroundings): string[] {
  const name = command.name;
  const patternFirst = PATTERN_FIRST[name];
  if (!PRINTERS.has(name) && patternFirst === undefined) return [];
  // `sed -i` edits in place and prints nothing
  if (name === 'sed' && hasFlag(command.args, ['--in-place'], 'i')) return [];
  // only the keys, or a count, reach the agent (`cut -d= -f1 .env`, `cat .env | cut -d= -f1`)
  if (keepsNamesOnly(name, command.args) || pipesIntoNamesOnly(command.pipedTo)) return [];
  // a search that answers by its status, a count or file names (`grep -c . .env.production`) prints no line
  if (
    patternFirst !== undefined &&
    SEARCHERS.has(name) &&
    hasFlag(
      command.args,
      ['--count', '--quiet', '--silent', '--files-with-matches', '--files-without-match'],
      'cql',
    )
  )
    return [];
  let words = command.args.filter((a) => !a.startsWith('-') || a.includes('='));
  if (name === 'dd') words = command.args.filter((a) => a.startsWith('if=')).map((a) => a.slice(3));
  if (patternFirst !== undefined && !command.args.some((a) => patternFirst.some((o) => a.startsWith(o))))
    words = words.slice(1);
  const recursive =
    RECURSIVE.has(name) || (patternFirst !== undefined && hasFlag(command.args, ['--recursive'], 'rR'));
  const found = new Set<string>();
  for (const word of [...pathWords(words), ...inputFiles(command)]) {
    const place = secretPlace(word, command, surroundings, recursive ? 'not-home' : 'none');
    if (place !== undefined) found.add(place);
  }
  return [...found];
}

/** A read operation for each secret file a printing command shows (held by agent-secret-read). */
export function classifySecretReads(command: SimpleCommand, surroundings: ActionSurroundings): Operation[] {
  return secretsPrinted(command, surroundings).map((place) =>
    operation(command, {
      kind: 'read',
      category: 'secret',
      destructive: false,
      reversible: false,
      target: place,
      summary: `${command.name} prints the secret ${place}`,
      hints: { path: place, local: command.remote === undefined },
    }),
  );
}
