import type { Expr, PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';

/** What a policy can see of a request: which context attributes, and whether the principal or resource matter. */
export interface PolicyReads {
  /** Context attributes the policy reads, or 'all' when it uses the context as a whole. */
  context: string[] | 'all';
  principal: boolean;
  resource: boolean;
}

/** Reads of a whole policy set, merged. */
export function mergeReads(all: readonly PolicyReads[]): PolicyReads {
  const context = new Set<string>();
  let whole = false;
  let principal = false;
  let resource = false;
  for (const reads of all) {
    if (reads.context === 'all') whole = true;
    else for (const attr of reads.context) context.add(attr);
    principal ||= reads.principal;
    resource ||= reads.resource;
  }
  return { context: whole ? 'all' : [...context].sort(), principal, resource };
}

/**
 * Finds everything a policy's decision can depend on. Two requests that agree on these get the same answer
 * from this policy, which lets the engine reuse a decision instead of crossing into WebAssembly again.
 * Anything not understood counts as reading everything, so the shortcut can only be missed, never wrong.
 */
export function policyReads(policy: PolicyJson): PolicyReads {
  const context = new Set<string>();
  const state = {
    wholeContext: false,
    principal: policy.principal.op !== 'All',
    resource: policy.resource.op !== 'All',
  };
  for (const clause of policy.conditions) walk(clause.body, context, state);
  return {
    context: state.wholeContext ? 'all' : [...context].sort(),
    principal: state.principal,
    resource: state.resource,
  };
}

function walk(
  expr: unknown,
  context: Set<string>,
  state: { wholeContext: boolean; principal: boolean; resource: boolean },
): void {
  if (expr === null || typeof expr !== 'object') return;
  if (Array.isArray(expr)) {
    for (const item of expr) walk(item, context, state);
    return;
  }
  const node = expr as Record<string, unknown>;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Var') {
      if (value === 'context') state.wholeContext = true;
      else if (value === 'principal') state.principal = true;
      else if (value === 'resource') state.resource = true;
      continue;
    }
    if ((key === '.' || key === 'has') && value && typeof value === 'object') {
      const access = value as { left: Expr; attr: string | string[] };
      if (isContextVar(access.left)) {
        const first = Array.isArray(access.attr) ? access.attr[0] : access.attr;
        if (typeof first === 'string') context.add(first);
        else state.wholeContext = true;
        continue;
      }
    }
    walk(value, context, state);
  }
}

function isContextVar(expr: Expr): boolean {
  return typeof expr === 'object' && expr !== null && (expr as { Var?: string }).Var === 'context';
}
