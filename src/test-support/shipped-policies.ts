import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePolicies, type PolicyEngine } from '../core/policy/engine.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The policies blastwall ships (policies/*.cedar), compiled against the shipped schema: what core specs decide with. */
export function shippedPolicyEngine(): PolicyEngine {
  const dir = join(ROOT, 'policies');
  const sources = readdirSync(dir)
    .filter((name) => name.endsWith('.cedar'))
    .sort()
    .map((name) => ({ file: `policies/${name}`, text: readFileSync(join(dir, name), 'utf8') }));
  return compilePolicies(sources, readFileSync(join(ROOT, 'schema', 'blastwall.cedarschema'), 'utf8'));
}
