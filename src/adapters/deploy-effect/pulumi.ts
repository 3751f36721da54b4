import type { DeployEffect, DeployIntent } from '../../core/actions/evidence.js';
import type { PlanResource, ResourceChange } from '../../core/actions/plan.js';
import { firstLine, runTool, type RunOptions } from './run-tool.js';

// pulumi up options that shape the preview the same way, and whether they take a value.
const PASSED = new Map<string, boolean>([
  ['-s', true],
  ['--stack', true],
  ['-C', true],
  ['--cwd', true],
  ['-t', true],
  ['--target', true],
  ['--replace', true],
  ['--target-dependents', false],
  ['--config-file', true],
]);

const CHANGES: Record<string, ResourceChange> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  replace: 'replace',
  'create-replacement': 'replace',
  'delete-replaced': 'replace',
  import: 'import',
  same: 'no-op',
  read: 'read',
  refresh: 'read',
};
const WORST: ResourceChange[] = [
  'replace',
  'delete',
  'unknown',
  'update',
  'create',
  'import',
  'read',
  'no-op',
];

/** A pulumi up's effect: `pulumi preview --json` with the same stack and targets, one step per resource. */
export async function pulumiEffect(intent: DeployIntent, options: RunOptions): Promise<DeployEffect> {
  options.progress?.(`working out what "${intent.summary}" would do: pulumi preview --json…`);
  const run = await runTool(
    intent.name,
    ['preview', '--json', '--non-interactive', ...passed(intent.args)],
    options,
  );
  if (run.code !== 0) return { known: false, why: `pulumi preview failed: ${firstLine(run)}` };
  let resources: PlanResource[];
  try {
    resources = parsePulumiPreview(run.stdout);
  } catch (error) {
    return { known: false, why: `pulumi preview --json printed no preview (${(error as Error).message})` };
  }
  const stack = intent.hints.terraformWorkspace;
  return {
    known: true,
    plan: {
      format: 'terraform',
      name: `pulumi up${stack ? ` (stack ${stack})` : ''}`,
      resources,
      hints: stack !== undefined ? { terraformWorkspace: stack } : {},
    },
    how: 'pulumi preview',
  };
}

/** Reads `pulumi preview --json`: its `steps`, one resource per URN, the most destructive step of each kept. */
export function parsePulumiPreview(text: string): PlanResource[] {
  const data = JSON.parse(text) as { steps?: unknown };
  if (!Array.isArray(data.steps)) throw new Error('no steps');
  const byUrn = new Map<string, PlanResource>();
  for (const step of data.steps as { op?: unknown; urn?: unknown }[]) {
    const urn = typeof step.urn === 'string' ? step.urn : '';
    const change = CHANGES[typeof step.op === 'string' ? step.op : ''] ?? 'unknown';
    const parts = urn.split('::');
    const type = (parts[2] ?? 'unknown').split('$').pop() ?? 'unknown';
    const known = byUrn.get(urn);
    if (known && WORST.indexOf(known.change) <= WORST.indexOf(change)) continue;
    byUrn.set(urn, { address: parts[3] ? `${type}::${parts[3]}` : urn, type, change, labels: {} });
  }
  return [...byUrn.values()];
}

function passed(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const valued = PASSED.get(arg.split('=')[0] ?? '');
    if (valued === undefined) continue;
    out.push(arg);
    if (valued && !arg.includes('=') && i + 1 < args.length) out.push(args[++i] ?? '');
  }
  return out;
}
