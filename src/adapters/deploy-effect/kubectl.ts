import type { DeployEffect, DeployIntent } from '../../core/actions/evidence.js';
import type { InfrastructurePlan, PlanResource, ResourceChange } from '../../core/actions/plan.js';
import { firstLine, runTool, type RunOptions } from './run-tool.js';

// kubectl options that `kubectl diff` understands too, and whether they take a value as the next word.
const DIFF_OPTIONS = new Map<string, boolean>([
  ['-f', true],
  ['--filename', true],
  ['-k', true],
  ['--kustomize', true],
  ['-R', false],
  ['--recursive', false],
  ['-l', true],
  ['--selector', true],
  ['--server-side', false],
  ['--field-manager', true],
  ['--force-conflicts', false],
  ['--prune', false],
  ['--prune-allowlist', true],
  ['--context', true],
  ['-n', true],
  ['--namespace', true],
  ['--kubeconfig', true],
  ['--cluster', true],
  ['--user', true],
  ['-s', true],
  ['--server', true],
]);

/**
 * A kubectl apply/replace/patch's effect: `kubectl diff` with the same manifests and target (exit 0: no
 * change, 1: changes, more: an error), or for a patch the server's dry run of it.
 */
export async function kubectlEffect(intent: DeployIntent, options: RunOptions): Promise<DeployEffect> {
  const name = `${intent.name} ${intent.verb}`;
  if (intent.verb === 'patch') {
    options.progress?.(
      `working out what "${intent.summary}" would do: ${intent.name} patch --dry-run=server…`,
    );
    const run = await runTool(intent.name, [...intent.args, '--dry-run=server', '-o', 'name'], options);
    if (run.code !== 0) return { known: false, why: `${name} --dry-run=server failed: ${firstLine(run)}` };
    const resources = run.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((id): PlanResource => ({ address: id, type: kindOf(id), change: 'update', labels: {} }));
    return { known: true, plan: plan(intent, resources), how: `${intent.name} patch --dry-run=server` };
  }
  options.progress?.(`working out what "${intent.summary}" would do: ${intent.name} diff…`);
  const run = await runTool(intent.name, ['diff', ...diffOptions(intent.args)], options);
  if (run.code !== 0 && run.code !== 1)
    return { known: false, why: `${intent.name} diff failed: ${firstLine(run)}` };
  return { known: true, plan: plan(intent, parseKubectlDiff(run.stdout)), how: `${intent.name} diff` };
}

function plan(intent: DeployIntent, resources: PlanResource[]): InfrastructurePlan {
  return {
    format: 'kubernetes',
    name: `${intent.name} ${intent.verb}`,
    resources,
    hints: intent.hints.kubeContext !== undefined ? { kubeContext: intent.hints.kubeContext } : {},
  };
}

function diffOptions(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const flag = arg.split('=')[0] ?? '';
    const valued = DIFF_OPTIONS.get(flag);
    if (valued === undefined) continue;
    out.push(arg);
    if (valued && !arg.includes('=') && i + 1 < args.length) out.push(args[++i] ?? '');
  }
  return out;
}

// `diff -u -N /tmp/LIVE-1/apps.v1.Deployment.shop.web /tmp/MERGED-2/apps.v1.Deployment.shop.web`
const FILE_LINE = /^diff .*\s(\S*\/)?LIVE-[^/\s]*\/(\S+)\s+\S*MERGED-[^/\s]*\/\S+\s*$/;
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const VERSION = /^v\d+((alpha|beta)\d+)?$/;

/**
 * Reads `kubectl diff` output: one `diff -u -N LIVE/… MERGED/…` per object, named
 * `[group.]version.Kind.namespace.name`; an empty live side is a create, an empty merged side a delete.
 */
export function parseKubectlDiff(text: string): PlanResource[] {
  const resources: PlanResource[] = [];
  let current: { resource: PlanResource; live: boolean; merged: boolean } | undefined;
  const close = (): void => {
    if (!current) return;
    const change: ResourceChange = !current.live ? 'create' : !current.merged ? 'delete' : 'update';
    resources.push({ ...current.resource, change });
    current = undefined;
  };
  for (const line of text.split('\n')) {
    const file = FILE_LINE.exec(line);
    if (file?.[2]) {
      close();
      current = { resource: objectOf(file[2]), live: false, merged: false };
      continue;
    }
    const hunk = current ? HUNK.exec(line) : null;
    if (current && hunk) {
      if (Number(hunk[2] ?? '1') > 0 || Number(hunk[1]) > 0) current.live = true;
      if (Number(hunk[4] ?? '1') > 0 || Number(hunk[3]) > 0) current.merged = true;
    }
  }
  close();
  return resources;
}

function objectOf(fileName: string): PlanResource {
  const parts = fileName.split('.');
  const at = parts.findIndex((part, i) => VERSION.test(part) && /^[A-Z]/.test(parts[i + 1] ?? ''));
  if (at < 0) return { address: fileName, type: 'unknown', change: 'update', labels: {} };
  const kind = parts[at + 1] ?? 'unknown';
  const namespace = parts[at + 2] ?? '';
  const name = parts.slice(at + 3).join('.');
  return {
    address: namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`,
    type: kind,
    change: 'update',
    labels: {},
    ...(namespace ? { namespace } : { clusterScoped: true }),
  };
}

// `deployment.apps/web` → Deployment (for the stateful-kind test, which knows Kinds)
const KINDS: Record<string, string> = {
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  persistentvolume: 'PersistentVolume',
  namespace: 'Namespace',
  service: 'Service',
  configmap: 'ConfigMap',
  secret: 'Secret',
};

function kindOf(id: string): string {
  const word = (id.split('/')[0] ?? '').split('.')[0] ?? '';
  return KINDS[word] ?? word;
}
