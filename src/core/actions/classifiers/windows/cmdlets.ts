import type { ActionSurroundings, EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { operation } from '../operation.js';
import { windowsDelete } from './paths.js';
import type { PsWord } from './powershell.js';

// PowerShell's own short names for the cmdlets that matter here (`rm`, `del` and `rd` are Remove-Item).
const ALIASES: Record<string, string> = {
  rm: 'remove-item',
  ri: 'remove-item',
  del: 'remove-item',
  erase: 'remove-item',
  rd: 'remove-item',
  rmdir: 'remove-item',
  clc: 'clear-content',
  cli: 'clear-item',
  clp: 'clear-itemproperty',
  rp: 'remove-itemproperty',
  spsv: 'stop-service',
  iex: 'invoke-expression',
  icm: 'invoke-command',
  saps: 'start-process',
  start: 'start-process',
  gci: 'get-childitem',
  ls: 'get-childitem',
  dir: 'get-childitem',
  gi: 'get-item',
};
// Verbs whose cmdlets destroy or switch off what they name.
const DESTRUCTIVE_VERBS = new Set(['remove', 'clear', 'reset', 'disable', 'uninstall', 'unregister']);
// Verbs that take something down: destructive for what serves others (a service, a machine, a VM, a web app).
const STOP_VERBS = new Set(['stop', 'restart', 'suspend']);
// Nouns that live only in the PowerShell session or the console: their removal loses nothing.
const SESSION_NOUNS = new Set([
  'host',
  'variable',
  'history',
  'module',
  'job',
  'psdrive',
  'pssession',
  'event',
  'typedata',
  'alias',
  'psbreakpoint',
  'transcript',
  'process',
  'dnsclientcache',
  'psreadlinekeyhandler',
  'formatdata',
  'watch',
]);
// Cmdlets whose target is a path on this machine.
const PATH_CMDLETS = new Set([
  'remove-item',
  'clear-content',
  'clear-item',
  'clear-itemproperty',
  'remove-itemproperty',
]);
// Parameters that take no value (so the word after them is a positional), as PowerShell's common ones are.
const SWITCHES = new Set([
  'recurse',
  'force',
  'confirm',
  'verbose',
  'debug',
  'asjob',
  'passthru',
  'nowait',
  'wait',
  'full',
  'dontfail',
]);
// The parameters that name what a cmdlet acts on, most specific first.
const TARGET_PARAMETERS = [
  'path',
  'literalpath',
  'lp',
  'name',
  'resourcegroupname',
  'servicename',
  'vmname',
  'displayname',
  'driveletter',
  'filesystemlabel',
  'logname',
  'id',
  'computername',
  'inputobject',
];
const PRODUCTION_WORD = /(?:^|[^a-z])(?:prod|production|prd|live)(?:[^a-z]|$)/i;

/** A cmdlet call read from its words: its name (aliases resolved), named parameters and positionals. */
interface CmdletCall {
  name: string;
  verb: string;
  noun: string;
  named: Map<string, PsWord | true>;
  positional: PsWord[];
}

/** The cmdlet name a statement starts with (`Microsoft.PowerShell.Management\Remove-Item` → remove-item). */
export function cmdletName(first: string): string | undefined {
  const bare = first.replace(/^.*\\(?=[^\\]+$)/, '').toLowerCase();
  const name = ALIASES[bare] ?? bare;
  return /^[a-z]+-[a-z][\w.]*$/.test(name) ? name : undefined;
}

function readCall(name: string, words: readonly PsWord[]): CmdletCall {
  const [verb = '', noun = ''] = name.split('-', 2);
  const named = new Map<string, PsWord | true>();
  const positional: PsWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as PsWord;
    const param = /^-([A-Za-z][\w]*)(?::(.*))?$/.exec(word.text);
    if (param === null) {
      positional.push(word);
      continue;
    }
    const key = (param[1] ?? '').toLowerCase();
    if (param[2] !== undefined) named.set(key, { text: param[2], dynamic: word.dynamic });
    // any unique prefix names a parameter (`-r` is -Recurse, `-fo` -Force)
    else if (
      [...SWITCHES].some((s) => s.startsWith(key)) ||
      i + 1 >= words.length ||
      (words[i + 1]?.text ?? '').startsWith('-')
    )
      named.set(key, true);
    else named.set(key, words[++i] as PsWord);
  }
  return { name, verb, noun: noun.toLowerCase(), named, positional };
}

function value(call: CmdletCall, keys: readonly string[]): PsWord | undefined {
  for (const key of keys) {
    const found = call.named.get(key);
    if (found !== undefined && found !== true) return found;
  }
  return undefined;
}

function isFalse(word: PsWord | true | undefined): boolean {
  return word !== undefined && word !== true && /^\$?(?:false|0|no)$/i.test(word.text);
}

function isTrue(word: PsWord | true | undefined): boolean {
  return word === true || (word !== undefined && /^\$?(?:true|1|yes)$/i.test(word.text));
}

/** What the words say about where the cmdlet lands: a computer, a subscription, a production word. */
function hintsOf(call: CmdletCall, local: boolean): EnvironmentHints {
  const hints: EnvironmentHints = local ? { local: true } : {};
  const computer = value(call, ['computername', 'cn', 'cimsession']);
  if (
    computer !== undefined &&
    !computer.dynamic &&
    !/^(?:localhost|\.|127\.0\.0\.1)$/i.test(computer.text)
  ) {
    hints.host = computer.text;
    delete hints.local;
  }
  const subscription = value(call, ['subscription', 'subscriptionid', 'subscriptionname']);
  if (subscription !== undefined) hints.azureSubscription = subscription.text;
  const words = [...call.positional, ...[...call.named.values()].filter((w): w is PsWord => w !== true)];
  if (words.some((w) => PRODUCTION_WORD.test(w.text))) hints.environment = 'prod';
  return hints;
}

function targetOf(call: CmdletCall): PsWord | undefined {
  return value(call, TARGET_PARAMETERS) ?? call.positional[0];
}

// A cloud's cmdlets: their nouns start with its module prefix (`Remove-AzResourceGroup`, `Remove-S3Bucket`).
const CLOUD_NOUN = /^(?:az|azure|azure?ad|mg|aws|ec2|s3|rds|iam|lm|cfn|gc[es]?|gcp)[a-z]/;

/**
 * One cmdlet, judged by its approved verb: `Remove-`, `Clear-`, `Reset-`, `Disable-`, `Uninstall-`, `Unregister-`
 * destroy what their parameters name; `Stop-`/`Restart-` of a service, machine or VM takes it down; `Format-Volume`,
 * Defender and firewall switched off likewise. A path on this machine is judged as `rm` judges one (build output and
 * temp stay allowed); anything else is held on the environment its words name. Everyday verbs find nothing.
 */
export function cmdletOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  name: string,
  words: readonly PsWord[],
  piped: readonly PsWord[] | undefined,
  label: string,
): Operation[] {
  const call = readCall(name, words);
  if (call.named.has('whatif') && !isFalse(call.named.get('whatif'))) return [];
  const verb = call.verb;
  const local = !CLOUD_NOUN.test(call.noun);
  const op = (kind: Operation['kind'], target: string, what: string, reversible = false): Operation[] => [
    operation(command, {
      kind,
      category: local ? 'system' : 'cloud',
      destructive: true,
      reversible,
      target,
      summary: `${label} runs ${what}`,
      hints: hintsOf(call, local),
    }),
  ];
  if (PATH_CMDLETS.has(name)) {
    // `Get-ChildItem .\dist | Remove-Item -Recurse`: the paths arrive from the command before it
    const given = [value(call, ['path', 'literalpath', 'lp', 'pspath']), ...call.positional].filter(
      (w): w is PsWord => w !== undefined,
    );
    const paths = given.length > 0 ? given : (piped ?? []);
    if (paths.length === 0)
      return op('delete', 'items from the pipeline', `${call.name} of items known only when it runs`, true);
    const ops: Operation[] = [];
    const recursive = call.named.has('recurse') ? 'recursive ' : '';
    for (const path of paths) {
      const op = windowsDelete(
        command,
        surroundings,
        path,
        `${label} runs ${call.name}, a ${recursive}delete of`,
      );
      if (op !== undefined) ops.push(op);
    }
    return ops;
  }
  const target = targetOf(call);
  const named = target === undefined ? `everything ${call.name} reaches` : target.text;
  if (name === 'format-volume' || name === 'clear-disk' || name === 'initialize-disk')
    return op('delete', named, `${call.name}, which erases the volume ${named}`);
  if (name === 'set-mppreference') {
    const off = [...call.named.entries()].filter(([key, v]) => key.startsWith('disable') && isTrue(v));
    return off.length === 0
      ? []
      : op('stop', 'Microsoft Defender', `${call.name}, which switches off Defender protection`, true);
  }
  if (name === 'set-netfirewallprofile' && isFalse(call.named.get('enabled')))
    return op('stop', 'the firewall', `${call.name}, which switches the firewall off`, true);
  if (SESSION_NOUNS.has(call.noun)) return [];
  if (DESTRUCTIVE_VERBS.has(verb))
    return op(verb === 'disable' ? 'stop' : 'delete', named, `${call.name} of ${named}`, verb === 'disable');
  if (STOP_VERBS.has(verb)) return op('stop', named, `${call.name} of ${named}`, true);
  // `iex $text`: code that is only text until it runs
  if (name === 'invoke-expression')
    return op(
      'execute',
      'text known only when it runs',
      `${call.name}, which runs code known only when it runs`,
      true,
    );
  return [];
}
