import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { DeployEffect, DeployIntent } from '../../core/actions/evidence.js';
import { PlanReadError, readPlan } from '../iac/index.js';
import { firstLine, runTool, type RunOptions } from './run-tool.js';

// Options of `apply` that mean the same to `plan`, with a value either inline or as the next word.
const PASSED = ['-var', '-var-file', '-target', '-replace', '-refresh', '-parallelism', '-state'];

/**
 * A terraform/tofu/terragrunt apply's effect: the saved plan it applies (`show -json PLAN`), or a fresh
 * `plan -out` read back with `show -json`, decided exactly as `blastwall plan` decides that document.
 */
export async function terraformEffect(
  intent: DeployIntent,
  options: Omit<RunOptions, 'cwd'> & { cwd: string },
): Promise<DeployEffect> {
  const label = `${intent.name} show -json`;
  if (intent.planFile !== undefined) {
    const planPath = isAbsolute(intent.planFile) ? intent.planFile : resolve(options.cwd, intent.planFile);
    options.progress?.(`reading the saved plan ${intent.planFile} (${label})…`);
    return show(intent, planPath, options, `the saved plan ${intent.planFile}`);
  }
  if (intent.args.some((a) => a === 'run-all' || a === '--all'))
    return {
      known: false,
      why: `${intent.name} run-all applies many modules; plan each one and apply its saved plan`,
    };
  const scratch = mkdtempSync(join(tmpdir(), 'blastwall-plan-'));
  try {
    const planPath = join(scratch, 'plan.tfplan');
    options.progress?.(
      `working out what "${intent.summary}" would do: ${intent.name} plan (up to ${(options.timeoutMs / 1000).toFixed(1)} s)…`,
    );
    const started = performance.now();
    const planned = await runTool(
      intent.name,
      ['plan', '-input=false', '-lock=false', '-no-color', `-out=${planPath}`, ...passed(intent.args)],
      options,
    );
    if (planned.code !== 0 && planned.code !== 2)
      return { known: false, why: `${intent.name} plan failed: ${firstLine(planned)}` };
    const left = options.timeoutMs - (performance.now() - started);
    return await show(intent, planPath, { ...options, timeoutMs: Math.max(left, 1) }, `${intent.name} plan`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function show(
  intent: DeployIntent,
  planPath: string,
  options: RunOptions,
  how: string,
): Promise<DeployEffect> {
  const shown = await runTool(intent.name, ['show', '-json', '-no-color', planPath], options);
  if (shown.code !== 0) return { known: false, why: `${intent.name} show -json failed: ${firstLine(shown)}` };
  try {
    const workspace = intent.hints.terraformWorkspace;
    const plan = readPlan(
      shown.stdout,
      how,
      workspace !== undefined ? { terraformWorkspace: workspace } : {},
    );
    if (plan.format !== 'terraform')
      return { known: false, why: `${intent.name} show -json printed no terraform plan` };
    return { known: true, plan, how };
  } catch (error) {
    if (error instanceof PlanReadError) return { known: false, why: error.message };
    throw error;
  }
}

/** The apply options that shape the plan (`-var-file=prod.tfvars`, `-target X`), in the form written. */
function passed(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const name = arg.replace(/^--?/, '-').split('=')[0] ?? '';
    if (!PASSED.includes(name)) continue;
    if (arg.includes('=')) out.push(arg.replace(/^--/, '-'));
    else if (i + 1 < args.length) out.push(`${name}=${args[++i]}`);
  }
  return out;
}
