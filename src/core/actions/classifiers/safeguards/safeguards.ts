import type { CommandClassifier, EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { optionValue } from '../args.js';
import { operation } from '../operation.js';

// Switching off a safeguard is destructive: it is what makes the next deletion unrecoverable or unseen.
// Deletion protection off, versioning suspended, backups or retention at zero, audit and logging off,
// SELinux/AppArmor/firewall off, a log sent to /dev/null. Read from any command's words, like intent.

interface Safeguard {
  /** What is switched off, in plain words. */
  what: string;
  /** Matched against the command's words joined by spaces (flags, `Key=Value` pairs, SQL text). */
  pattern: RegExp;
  /** Also required, when the pattern alone names the safeguard rather than its switching off. */
  when?: RegExp;
  /** Not this safeguard after all: the command's own meaning of the words (a local dev stack's stop). */
  unless?: (command: SimpleCommand) => boolean;
}

/** Package runners that run a tool by name (`npx supabase stop`). */
const RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'dlx']);
/**
 * `supabase stop --no-backup` stops the LOCAL dev stack without keeping its data volume: a throwaway
 * container volume on this machine, not a real database's backups switched off. Also through a package runner.
 */
function stopsLocalDevStack(command: SimpleCommand): boolean {
  const words = [command.name, ...command.args];
  let at = 0;
  while (at < words.length && (RUNNERS.has(words[at] ?? '') || (words[at] ?? '').startsWith('-'))) at += 1;
  if (words[at] !== 'supabase') return false;
  const verb = words.slice(at + 1).find((w) => !w.startsWith('-'));
  return verb === 'stop';
}

const FALSE = '(?:false|off|no|0|disabled?|none|suspended)';
const SSHD_LOOSENED =
  /\b(?:PasswordAuthentication|PermitRootLogin|PermitEmptyPasswords|KbdInteractiveAuthentication|ChallengeResponseAuthentication)\s+yes\b/i;

/** What sed's arguments write: the replacement of each `s/find/replace/`, and every other word whole. */
function sedWrites(args: readonly string[]): string {
  return args
    .map((arg) =>
      arg.replace(
        /\bs([/|#,:@])((?:\\.|(?!\1).)*)\1((?:\\.|(?!\1).)*)\1/g,
        (_m, _d, _find, replace: string) => ` ${replace} `,
      ),
    )
    .join(' ');
}

/** Remote shells and desktops, and data stores that must never face the internet. */
const ADMIN_PORTS =
  '(?:22|23|2375|2376|3389|5900|5432|3306|1433|1521|6379|27017|9200|9300|11211|5984|6443|10250|2379|8500|5601)';
const SAFEGUARDS: Safeguard[] = [
  {
    what: 'deletion protection',
    pattern: new RegExp(
      `--no-(?:enable-)?(?:deletion|delete|termination|purge)-protection|--no-disable-api-termination|--(?:enable-)?(?:deletion|termination|purge)-protection(?:-enabled)?[= ]${FALSE}\\b|\\b(?:DeletionProtection|deletion_protection|TerminationProtection)(?:Enabled)?["']?\\s*[=:]\\s*${FALSE}\\b|--disable-api-termination[= ]false`,
      'i',
    ),
  },
  {
    what: 'versioning',
    pattern:
      /\bStatus=Suspended\b|--no-versioning\b|\bversioning\s+set\s+(?:off|suspended)\b|--versioning[= ](?:false|off|suspended)\b/i,
  },
  {
    what: 'backups or retention',
    pattern: new RegExp(
      `--backup-retention-period[= ]0\\b|--no-backup\\b|--no-enable-point-in-time-recovery|PointInTimeRecoveryEnabled=false|--retention(?:-days|-period)?[= ]0\\b|\\bretention\\s+clear\\b|--keep-(?:last|within|daily|hourly)[= ]0[a-z]?\\b|--no-(?:enable-)?backups?\\b|\\bretention\\.(?:ms|bytes)=\\d{1,6}\\b|--backup[= ]${FALSE}\\b`,
      'i',
    ),
    unless: stopsLocalDevStack,
  },
  {
    what: 'audit or logging',
    pattern: new RegExp(
      `\\bstop-logging\\b|--no-enable-(?:logging|audit)|--(?:enable-)?(?:audit|logging|audit-log)[= ]${FALSE}\\b|\\b(?:general_log|log_statement|archive_mode|log_bin|audit_log\\w*|binlog_expire_logs_seconds|pgaudit\\.log)\\s*(?:=|\\bto\\b)\\s*'?(?:off|none|0|1|false)'?`,
      'i',
    ),
  },
  {
    // Snowflake's and Delta's time travel, and Azure SQL's long-term backups: the copies a dropped or
    // overwritten table comes back from
    what: 'time travel or backup retention',
    pattern:
      /\b(?:MIN_)?DATA_RETENTION_TIME_IN_DAYS\s*=\s*0\b|retentionDurationCheck\.enabled['"]?\s*=\s*['"]?false\b|delta\.(?:deletedFileRetentionDuration|logRetentionDuration)['"]?\s*=\s*['"]?interval\s+0\b|--(?:weekly|monthly|yearly)-retention[= ]P0[DWMY]\b/i,
  },
  {
    what: 'a network or data access policy',
    pattern:
      /\bUNSET\s+(?:NETWORK_POLICY|(?:NETWORK|PASSWORD|SESSION|AUTHENTICATION|MASKING)\s+POLICY)\b|\bSET\s+NETWORK_POLICY\s*=\s*(?:''|NULL)|\bDROP\s+(?:ALL\s+)?ROW\s+ACCESS\s+POLIC(?:Y|IES)\b|\b(?:DISABLE|NO\s+FORCE)\s+ROW\s+LEVEL\s+SECURITY\b/i,
  },
  {
    // an account or organisation setting that requires a second factor, turned off (as an API field or query)
    what: 'two-factor authentication',
    pattern: new RegExp(
      `\\b(?:require_two_factor_authentication|two_factor_requirement_enabled|require_2fa|mfa_required|requireMfa|two_factor_grace_period|enforce_2fa)["']?\\s*[=:]\\s*["']?${FALSE}\\b`,
      'i',
    ),
  },
  {
    // every monitor or alert silenced at once: `…/monitor/mute_all`, an Alertmanager silence matching any alert
    what: 'alerting',
    pattern: /\/monitor\/mute_all\b|\bsilence\s+add\b[\s\S]*\balertname\s*=~\s*['"]?\.[+*]['"]?/i,
  },
  {
    what: 'SELinux',
    pattern: /\bSELINUX=(?:disabled|permissive)\b/i,
  },
  {
    what: 'admission control',
    pattern:
      /\b(?:validating|mutating)webhookconfigurations?\b|pod-security\.kubernetes\.io\/enforce(?:-(?:\s|$)|=privileged)/i,
    when: /\b(?:patch|delete|edit|replace|label|annotate|apply)\b/,
  },
  {
    what: 'the firewall',
    pattern: /\badvfirewall\s+set\s+\w+\s+state\s+off\b|\bSet-NetFirewallProfile\b.*-Enabled\s+False/i,
  },
  {
    // a security group, firewall rule or NSG rule that lets the whole internet reach an admin or data port
    what: 'network isolation (an admin port opened to the whole internet)',
    pattern: /(?:^|[\s=,"':[])(?:0\.0\.0\.0\/0|::\/0|\*|Internet|Any)(?=$|[\s,"'\]}])/,
    when: new RegExp(
      `(?:authorize|ingress|firewall-rules|nsg|security-group|rule)[\\s\\S]*(?:(?:--port|--ports|--destination-port-ranges?|--dport|FromPort|ToPort|port|--allow|--rules)[\\s=:"'a-z]*(?:tcp:)?${ADMIN_PORTS}\\b|--protocol[= ](?:-1|all)\\b|IpProtocol["'=:\\s]+-1|--allow[= ]all\\b)`,
      'i',
    ),
  },
  {
    // sshd accepting passwords, root or empty passwords: written into its configuration
    what: 'SSH login hardening',
    pattern: SSHD_LOOSENED,
    // `sed 's/^PermitRootLogin yes/PermitRootLogin no/'` hardens: only what a substitution writes counts
    unless: (command) => command.name === 'sed' && !SSHD_LOOSENED.test(sedWrites(command.args)),
  },
];

/** Tools whose only job here is to switch a safeguard off (`setenforce 0`, `auditctl -e 0`, `aa-disable`). */
const SAFEGUARD_TOOLS: Record<string, (args: readonly string[]) => string | undefined> = {
  setenforce: (args) => (/^(0|permissive)$/i.test(args[0] ?? '') ? 'SELinux enforcement' : undefined),
  auditctl: (args) =>
    args.includes('-D') || args.some((a, i) => a === '-e' && args[i + 1] === '0')
      ? 'the audit rules'
      : undefined,
  'aa-disable': () => 'an AppArmor profile',
  'aa-complain': () => 'AppArmor enforcement',
  'aa-teardown': () => 'AppArmor',
  apparmor_parser: (args) =>
    args.some((a) => a === '-R' || a === '--remove') ? 'an AppArmor profile' : undefined,
  journalctl: (args) =>
    args.some((a) => /^--vacuum-|^--rotate$/.test(a)) ? 'the system journal' : undefined,
};
/** Commands whose words are text to print or search, not settings. */
const QUOTING = new Set(['echo', 'printf', 'grep', 'rg', 'cat', 'less', 'head', 'tail', 'man', 'git']);
const WATCHED_LOGS = /^\/var\/log\/|\/\.?(?:bash_|zsh_)?history$|\/audit\.log$/;

/** Where a cloud CLI's switch acts, as its own options say (`--profile dev-sandbox`, `--project acme-dev`). */
function placeOf(command: SimpleCommand): EnvironmentHints {
  const args = command.args;
  const profile = command.name === 'aws' ? optionValue(args, ['--profile']) : undefined;
  if (profile !== undefined) return { awsProfile: profile };
  const project =
    command.name === 'gcloud' || command.name === 'firebase' ? optionValue(args, ['--project']) : undefined;
  if (project !== undefined) return { gcpProject: project };
  const subscription = command.name === 'az' ? optionValue(args, ['--subscription']) : undefined;
  if (subscription !== undefined) return { azureSubscription: subscription };
  return {};
}

function offOperation(command: SimpleCommand, what: string): Operation {
  return operation(command, {
    kind: 'permission-change',
    category: 'system',
    destructive: true,
    reversible: true,
    target: what,
    summary: `${command.name} switches off ${what}`,
    hints: placeOf(command),
  });
}

/** Safeguards a command switches off, read from its words (any tool) and its own name (setenforce, auditctl …). */
export const classifySafeguards: CommandClassifier = (command) => {
  const own = SAFEGUARD_TOOLS[command.name]?.(command.args);
  if (own !== undefined) return [offOperation(command, own)];
  if (QUOTING.has(command.name) && command.redirects.length === 0) return [];
  // `ln -sf /dev/null /var/log/…`: what is logged from now on is lost
  if (command.name === 'ln' && command.args.includes('/dev/null')) {
    const target = command.args.at(-1) ?? '';
    if (WATCHED_LOGS.test(target)) return [offOperation(command, `the log ${target} (sent to /dev/null)`)];
  }
  // `echo 'PermitRootLogin yes' | sudo tee -a /etc/ssh/sshd_config`: what tee writes is what it is piped
  const text = [...command.args, ...(command.name === 'tee' ? [command.pipedSource ?? ''] : [])].join(' ');
  if (text.length < 6) return [];
  const found = SAFEGUARDS.find(
    (s) => s.pattern.test(text) && (s.when?.test(text) ?? true) && !(s.unless?.(command) ?? false),
  );
  return found === undefined ? [] : [offOperation(command, found.what)];
};
