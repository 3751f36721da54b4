import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { addVerbHelp } from '../verb-help.js';

/** Registers one verb on the program. */
export type RegisterVerb = (program: Command, deps: CliDeps) => void;

/** A verb's module, registered with the examples and exit codes its `--help` ends with. */
function withHelp(
  name: string,
  load: () => Promise<{ register: RegisterVerb }>,
): () => Promise<{ register: RegisterVerb }> {
  return async () => {
    const { register } = await load();
    return {
      register(program, deps) {
        register(program, deps);
        addVerbHelp(program, name);
      },
    };
  };
}

/** Every CLI verb; a test checks that no file in this folder is forgotten. */
export const VERBS: Record<string, () => Promise<{ register: RegisterVerb }>> = Object.fromEntries(
  Object.entries({
    'mcp-proxy': () => import('./mcp-proxy.js'),
    check: () => import('./check.js'),
    gate: () => import('./gate.js'),
    plan: () => import('./plan.js'),
    init: () => import('./init.js'),
    demo: () => import('./demo.js'),
    hook: () => import('./hook.js'),
    risk: () => import('./risk.js'),
    capacity: () => import('./capacity.js'),
    migrate: () => import('./migrate.js'),
    audit: () => import('./audit.js'),
    token: () => import('./token.js'),
    deploy: () => import('./deploy.js'),
    incidents: () => import('./incidents.js'),
    report: () => import('./report.js'),
    reviewers: () => import('./reviewers.js'),
    serve: () => import('./serve.js'),
    approve: () => import('./approve.js'),
    approvals: () => import('./approvals.js'),
    creds: () => import('./creds.js'),
    attest: () => import('./attest.js'),
    undo: () => import('./undo.js'),
  } satisfies Record<string, () => Promise<{ register: RegisterVerb }>>).map(([name, load]) => [
    name,
    withHelp(name, load),
  ]),
);
