// Writes the corpus JSONL files from destructive.mjs and everyday.mjs: `node test/corpus/generate.mjs`.
import { writeFileSync } from 'node:fs';
import { stdout } from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, CORE, LINE_CONTEXT, LOCAL_DEFAULT, NESTERS, OPAQUE, SELF_PROTECTION, UNDOABLE, WRAPPERS } from './destructive.mjs';
import { DEV_CONTEXT, EVERYDAY, SELF_PROTECTION_READS } from './everyday.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cwd = '/home/dev/project';

function lines(commands, expect, note, env) {
  return commands.map((command) => ({ command, expect, cwd, ...(env ? { env } : {}), ...(note ? { note } : {}) }));
}

function unique(entries) {
  const seen = new Set();
  return entries.filter((e) => (seen.has(e.command) ? false : (seen.add(e.command), true)));
}

const block = unique([
  ...lines(BASE, 'block', 'direct'),
  ...lines(CORE.flatMap((c) => WRAPPERS.map((w) => w.replace('%', c))), 'block', 'wrapper'),
  ...lines(CORE.flatMap((c) => NESTERS.map((n) => n(c))), 'block', 'nested'),
  ...lines(OPAQUE, 'block', 'evasion'),
  ...lines(SELF_PROTECTION, 'block', 'self-protection'),
  ...lines(LINE_CONTEXT, 'block', 'line context'),
  ...lines(['aws s3 rb s3://acme-assets --force', 'aws rds delete-db-cluster --db-cluster-identifier main'], 'block', 'profile from env', { AWS_PROFILE: 'prod' }),
  ...lines(['terraform destroy -auto-approve'], 'block', 'workspace from env', { TF_WORKSPACE: 'prod' }),
]);
const allow = unique([
  ...lines(EVERYDAY, 'allow'),
  ...lines(UNDOABLE, 'allow', 'inside the workspace, behind a restore point'),
  ...lines(LOCAL_DEFAULT, 'allow', "no database configured: this machine's default"),
  ...lines(SELF_PROTECTION_READS, 'allow', 'reads blastwall or hook settings'),
  ...lines(DEV_CONTEXT, 'allow', 'unprotected environment'),
  ...lines(['aws s3 rm s3://acme-dev-scratch/tmp --recursive', 'kubectl delete ns preview-42 --context kind-local'], 'allow', 'dev from env', { AWS_PROFILE: 'dev', TF_WORKSPACE: 'dev' }),
]);

const write = (name, entries) => writeFileSync(join(here, name), entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
write('destructive.jsonl', block);
write('everyday.jsonl', allow);
stdout.write(`destructive: ${block.length}, everyday: ${allow.length}\n`);
