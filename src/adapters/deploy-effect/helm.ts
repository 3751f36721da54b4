import type { DeployEffect, DeployIntent } from '../../core/actions/evidence.js';
import type { PlanResource, ResourceChange } from '../../core/actions/plan.js';
import { firstLine, runTool, type RunOptions } from './run-tool.js';

// helm upgrade options that `helm diff upgrade` takes as well, and whether they take a value.
const DIFF_OPTIONS = new Map<string, boolean>([
  ['-f', true],
  ['--values', true],
  ['--set', true],
  ['--set-string', true],
  ['--set-file', true],
  ['--version', true],
  ['-n', true],
  ['--namespace', true],
  ['--kube-context', true],
  ['--kubeconfig', true],
  ['--repo', true],
  ['--reuse-values', false],
  ['--reset-values', false],
  ['--install', false],
  ['-i', false],
]);
const VALUED = new Set([...DIFF_OPTIONS].filter(([, valued]) => valued).map(([flag]) => flag));

/**
 * A helm upgrade/install's effect, from the helm-diff plugin (`helm diff upgrade`) when it is installed;
 * without the plugin the effect is not known.
 */
export async function helmEffect(intent: DeployIntent, options: RunOptions): Promise<DeployEffect> {
  const started = performance.now();
  const plugin = await runTool(intent.name, ['diff', 'version'], options);
  if (plugin.code !== 0)
    return { known: false, why: `the helm diff plugin is not installed (${firstLine(plugin)})` };
  const words = positionals(intent.args);
  const [release, chart] = words.slice(1);
  if (release === undefined || chart === undefined)
    return { known: false, why: `${intent.summary}: no release and chart to compare` };
  options.progress?.(`working out what "${intent.summary}" would do: helm diff upgrade…`);
  const left = Math.max(options.timeoutMs - (performance.now() - started), 1);
  const args = ['diff', 'upgrade', release, chart, '--no-color', ...diffOptions(intent.args)];
  if (intent.verb === 'install' && !args.includes('--install')) args.push('--install');
  const run = await runTool(intent.name, args, { ...options, timeoutMs: left });
  if (run.code !== 0 && run.code !== 2) return { known: false, why: `helm diff failed: ${firstLine(run)}` };
  return {
    known: true,
    plan: {
      format: 'kubernetes',
      name: `helm ${intent.verb} ${release}`,
      resources: parseHelmDiff(run.stdout),
      hints: intent.hints.kubeContext !== undefined ? { kubeContext: intent.hints.kubeContext } : {},
    },
    how: 'helm diff upgrade',
  };
}

// `shop, web, Deployment (apps) has changed:` / `has been added:` / `has been removed:`
const HEADER = /^(\S*), (\S+), (\w+)(?: \([^)]*\))? (has changed|has been added|has been removed):?\s*$/;
const CHANGES: Record<string, ResourceChange> = {
  'has changed': 'update',
  'has been added': 'create',
  'has been removed': 'delete',
};

/** Reads helm-diff output: one header line per object, `namespace, name, Kind (group) has changed:`. */
export function parseHelmDiff(text: string): PlanResource[] {
  const resources: PlanResource[] = [];
  for (const line of text.split('\n')) {
    const match = HEADER.exec(line.trim());
    if (!match) continue;
    const [, namespace = '', name = '', kind = '', verb = ''] = match;
    resources.push({
      address: namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`,
      type: kind,
      change: CHANGES[verb] ?? 'unknown',
      labels: {},
      ...(namespace ? { namespace } : {}),
    });
  }
  return resources;
}

function positionals(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('-')) {
      if (VALUED.has(arg) || ['--timeout', '--description', '--post-renderer'].includes(arg)) i++;
    } else out.push(arg);
  }
  return out;
}

function diffOptions(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const valued = DIFF_OPTIONS.get(arg.split('=')[0] ?? '');
    if (valued === undefined) continue;
    out.push(arg === '-i' ? '--install' : arg);
    if (valued && !arg.includes('=') && i + 1 < args.length) out.push(args[++i] ?? '');
  }
  return out;
}
