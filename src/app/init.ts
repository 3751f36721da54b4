import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlastwallError } from '../core/errors.js';
import { defaultPolicySources } from './policies.js';

/** The commented starter configuration `blastwall init` writes. */
export const STARTER_CONFIG = `# blastwall configuration (every section is described in the README's "Using it on your repository")
#
# People: who writes and approves changes, and how senior they are.
# level is one of: junior, mid, senior, principal. Emails match commit authors;
# github lists logins used on pull requests (the id is tried too).
people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }

# Services: what a change can reach. tier 1 is the most critical, 4 the least.
# paths are globs relative to the repository root; dependsOn names other services,
# so a change to payments also reaches checkout. Backstage catalog-info.yaml files
# (annotation blastwall.dev/tier) and CODEOWNERS are read as well.
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: docs,     tier: 4, owner: docs, paths: ["docs/**"] }

# Environments: how blastwall tells where an agent's command would act.
# Destructive agent operations in a protected environment are held or denied;
# anything whose environment cannot be told is treated as protected.
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"], awsProfile: ["prod*"], terraformWorkspace: ["prod"], host: ["*.prod.*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*", "dev-*"], awsProfile: ["dev*"] } }
# Names can be renamed; what they resolve to cannot. Match those too (a protected match wins):
#   prod: { ..., match: { kubeCluster: ["https://api.prod.example.com*"], awsAccount: ["111111111111"], gcpProject: ["shop-prod"] } }

# review:
#   wideBlastRadiusServices: 10   # more impacted services than this needs a senior owner
#   protectedBranches: ["release/*"]  # an agent's push here (and to the default branch) runs this check
# gate:
#   effectTimeoutSeconds: 5       # how long a deploy's dry-run (terraform plan, kubectl diff) may take
#   restorePoints:                # kept before an agent's loss inside the workspace (git clean, reset --hard, rm)
#     maxMegabytes: 64            # more than this to keep holds the command instead; "blastwall undo" replays one
#     maxFiles: 20000
#     keep: 50
# freeze:
#   active: false                 # during a freeze only changes below maxRisk merge
#   maxRisk: 30
# provenance:
#   patterns:                     # extra ways to recognise AI-assisted commits
#     - { tool: internal-bot, identity: "ai-bot@corp\\\\.example" }
`;

/** Writes blastwall.yaml and the default policies into a repository; never overwrites without force. */
export function initRepository(repo: string, force: boolean): string[] {
  const written: string[] = [];
  const configPath = join(repo, 'blastwall.yaml');
  const policyDir = join(repo, 'policies');
  const targets = [
    configPath,
    ...defaultPolicySources().map((s) => join(policyDir, s.file.replace(/^.*\//, ''))),
  ];
  const existing = targets.filter((t) => existsSync(t));
  if (existing.length > 0 && !force) {
    throw new BlastwallError(
      'usage',
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; use --force to overwrite`,
    );
  }
  writeFileSync(configPath, STARTER_CONFIG);
  written.push('blastwall.yaml');
  mkdirSync(policyDir, { recursive: true });
  for (const source of defaultPolicySources()) {
    const name = source.file.replace(/^.*\//, '');
    writeFileSync(join(policyDir, name), source.text);
    written.push(`policies/${name}`);
  }
  // The local store, caches and restore points live in .blastwall/: never something to commit.
  if (ignoreBlastwallFolder(repo)) written.push('.gitignore (.blastwall/)');
  return written;
}

/** Adds `.blastwall/` to the repository's .gitignore unless it is ignored already; true when it wrote. */
function ignoreBlastwallFolder(repo: string): boolean {
  const path = join(repo, '.gitignore');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (/^\/?\.blastwall\/?\s*$/m.test(text)) return false;
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  writeFileSync(path, `${text}${separator}.blastwall/\n`);
  return true;
}
