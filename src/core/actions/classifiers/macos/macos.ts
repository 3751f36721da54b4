import type { CommandClassifier } from '../../types.js';
import { positionals } from '../args.js';
import { verbTokens } from '../generic/intent.js';
import { systemOp } from '../system/system.js';

// macOS's own administration tools: what they destroy (Time Machine backups and snapshots, disks and
// volumes) and the safeguards they switch off (system daemons, the application firewall, SIP, Gatekeeper).
// Their everyday verbs (list, info, status, a user's own launch agent) stay allowed.

/** tmutil verbs that lose backups: snapshots deleted or thinned, a destination removed, backups deleted. */
const TMUTIL_LOSES = /^(?:delete\w*|thin\w*|remove\w*destination|disable\w*)$/i;

/** tmutil: Time Machine's backups and local snapshots. */
export const classifyTmutil: CommandClassifier = (command) => {
  const [verb = '', ...rest] = positionals(command.args);
  if (!TMUTIL_LOSES.test(verb)) return [];
  const target = rest.join(' ') || 'Time Machine';
  return [
    systemOp(
      command,
      verb.toLowerCase().startsWith('disable') ? 'stop' : 'delete',
      target,
      `tmutil ${verb} ${target}: Time Machine backups are lost`,
      verb.toLowerCase().startsWith('disable'),
    ),
  ];
};

/** Tokens of a diskutil verb (`eraseDisk`, `apfs deleteContainer`, `zeroDisk`) that destroy what is on the disk. */
const DISK_LOSES = new Set([
  'erase',
  'zero',
  'random',
  'secure',
  'partition',
  'reformat',
  'format',
  'delete',
  'remove',
  'merge',
  'split',
  'resize',
  'decrypt',
]);

/** diskutil (and its `apfs`, `cs`, `appleRAID` groups): erasing, partitioning or deleting disks and volumes. */
export const classifyDiskutil: CommandClassifier = (command) => {
  const words = positionals(command.args);
  const group = ['apfs', 'cs', 'corestorage', 'ar', 'appleraid'].includes((words[0] ?? '').toLowerCase());
  const verb = (group ? words[1] : words[0]) ?? '';
  if (!verbTokens(verb).some((t) => DISK_LOSES.has(t))) return [];
  const target = words.slice(group ? 2 : 1).find((w) => /^(?:\/dev\/)?disk\d|^\//.test(w)) ?? 'a disk';
  return [
    systemOp(
      command,
      'delete',
      target,
      `diskutil ${words.slice(0, group ? 2 : 1).join(' ')} destroys the data on ${target}`,
      false,
    ),
  ];
};

const LAUNCHCTL_STOPS = new Set(['unload', 'disable', 'bootout', 'remove', 'kill', 'stop']);
/** A daemon of the system rather than the user's own agent: system plists, the `system/` domain, Apple's labels. */
const SYSTEM_SERVICE = /^(?:\/System\/|\/Library\/Launch(?:Daemons|Agents)\/)|^system(?:\/|$)|^com\.apple\./;

/**
 * launchctl: unloading, disabling or booting out a system daemon (`com.apple.auditd`, anything in
 * /System/Library or the `system/` domain) stops what guards or runs the machine; the user's own agents
 * (`~/Library/LaunchAgents`, `gui/501/homebrew.mxcl.postgresql`) are everyday.
 */
export const classifyLaunchctl: CommandClassifier = (command) => {
  const [verb = '', ...rest] = positionals(command.args);
  if (!LAUNCHCTL_STOPS.has(verb)) return [];
  const system = rest.find((w) => SYSTEM_SERVICE.test(w) || SYSTEM_SERVICE.test(w.split('/').pop() ?? ''));
  if (system === undefined) return [];
  return [systemOp(command, 'stop', system, `launchctl ${verb} stops the system service ${system}`, true)];
};

/** socketfilterfw (the application firewall): switched off, stealth mode off, or an app let through unsigned. */
export const classifySocketfilterfw: CommandClassifier = (command) => {
  const args = command.args;
  const off = args.findIndex(
    (a, i) => /^--set(?:globalstate|stealthmode|blockall)$/.test(a) && /^off$/i.test(args[i + 1] ?? ''),
  );
  if (off < 0) return [];
  return [
    systemOp(
      command,
      'permission-change',
      'the application firewall',
      `socketfilterfw ${args[off] ?? ''} off switches the firewall off`,
      true,
    ),
  ];
};

/** `defaults write` keys that hold a security setting of the system, and the values that switch it off. */
const SECURITY_DEFAULTS: { domain: RegExp; key: RegExp; what: string }[] = [
  { domain: /com\.apple\.alf$/, key: /^(?:globalstate|stealthenabled)$/i, what: 'the application firewall' },
  { domain: /com\.apple\.LaunchServices$/, key: /^LSQuarantine$/, what: 'download quarantine (Gatekeeper)' },
  { domain: /com\.apple\.security$/, key: /^GKAutoRearm$/, what: 'Gatekeeper' },
  { domain: /com\.apple\.screensaver$/, key: /^askForPassword$/, what: 'the screen lock password' },
];
const OFF_VALUE = /^(?:0|false|no|off)$/i;

/** defaults write of a security setting to off (`com.apple.alf globalstate -int 0`). */
export const classifyDefaults: CommandClassifier = (command) => {
  const words = positionals(command.args);
  if (words[0] !== 'write') return [];
  const [, domain = '', key = ''] = words;
  const found = SECURITY_DEFAULTS.find(
    (s) => s.domain.test(domain.replace(/\.plist$/, '')) && s.key.test(key),
  );
  const value = command.args.slice(command.args.indexOf(key) + 1).find((a) => !a.startsWith('-'));
  if (found === undefined || value === undefined || !OFF_VALUE.test(value)) return [];
  return [
    systemOp(
      command,
      'permission-change',
      found.what,
      `defaults write ${domain} ${key} ${value} switches off ${found.what}`,
      true,
    ),
  ];
};

/** csrutil / spctl / fdesetup: System Integrity Protection, Gatekeeper or FileVault switched off. */
export const classifySecuritySwitch: CommandClassifier = (command) => {
  const args = command.args;
  const what =
    command.name === 'csrutil'
      ? args.includes('disable') && 'System Integrity Protection'
      : command.name === 'spctl'
        ? args.some((a) => /^--(?:master|global)-disable$/.test(a)) && 'Gatekeeper'
        : args[0] === 'disable' && 'FileVault disk encryption';
  if (what === false || what === undefined) return [];
  return [systemOp(command, 'permission-change', what, `${command.name} switches off ${what}`, true)];
};
