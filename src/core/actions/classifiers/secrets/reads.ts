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
  const elsewhere = printedByOtherTools(command, surroundings);
  if (elsewhere !== undefined) return elsewhere;
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

/** Fields whose value is a credential, picked by a jq/yq filter (`jq -r '.private_key' sa.json`). */
const SECRET_FIELD =
  /\.(?:private_key|privateKey|client_secret|clientSecret|password|passwd|secret|secret_key|secretKey|api_key|apiKey|access_key|accessKey|token|refresh_token)\b/;

/**
 * Secret files printed by tools that are not plain printers: git showing a file of a commit (`git show
 * origin/main:config/master.key`), openssl printing a private key (`openssl rsa -in k.key -text`), a jq filter
 * picking a credential field of any file. Undefined when the command is none of these.
 */
function printedByOtherTools(command: SimpleCommand, surroundings: ActionSurroundings): string[] | undefined {
  const { name, args } = command;
  const found = new Set<string>();
  const add = (word: string, mode: 'none' | 'any' = 'none') => {
    const place = mode === 'any' ? word : secretPlace(word, command, surroundings, 'none');
    if (place !== undefined) found.add(place);
  };
  if (name === 'git') {
    const sub = args.find((a) => !a.startsWith('-'));
    if (sub !== 'show' && sub !== 'cat-file') return undefined;
    for (const arg of args) {
      const path = /^[^:\s]*:(.+)$/.exec(arg)?.[1];
      if (path !== undefined && !arg.startsWith('-')) add(path);
    }
    return [...found];
  }
  if (name === 'openssl') {
    const sub = args.find((a) => !a.startsWith('-'));
    if (sub === undefined || !/^(rsa|pkey|ec|dsa|pkcs8|pkcs12|genpkey)$/.test(sub)) return undefined;
    // `-pubout` prints the public half, `-noout` alone prints nothing (unless -text asks for the parts)
    if (args.includes('-pubout') || (args.includes('-noout') && !args.includes('-text'))) return [];
    const input = args[args.indexOf('-in') + 1];
    if (args.includes('-in') && input !== undefined)
      add(input, /\.(key|pem|p12|pfx)$|private/.test(input) ? 'any' : 'none');
    return [...found];
  }
  if ((name === 'jq' || name === 'yq' || name === 'gojq') && !hasFlag(args, ['--in-place'], 'i')) {
    const [filter, ...files] = args.filter((a) => !a.startsWith('-'));
    if (filter === undefined || !SECRET_FIELD.test(filter)) return undefined;
    for (const file of files) add(file, 'any');
    return found.size > 0 ? [...found] : undefined;
  }
  return undefined;
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
