import { dbtMacroName, findDbtMacro } from './look-inside/dbt-macros.js';
import type { ClassifierDeps } from './classifiers/sql-analyzer.js';
import { deployIntentOf, deployOperations } from './deploy-effect.js';
import { genericDeployOf } from './generic-deploy.js';
import type { ActionEvidence, EvidenceNeeds } from './evidence.js';
import { pushIntentsOf, pushOperations, type BranchRules } from './push.js';
import { spoofingOperations } from './spoofing.js';
import { atWarehouse } from './classifiers/warehouses/connections.js';
import type { ActionSurroundings, Operation, SimpleCommand } from './types.js';

/** What the production classifiers need: the terraform reader, branch rules, service ids and any evidence. */
export interface ProductionContext {
  deps: Pick<ClassifierDeps, 'terraformWorkspaceOf' | 'readRunFile'>;
  rules: BranchRules;
  services: ReadonlySet<string>;
  evidence?: ActionEvidence;
}

/** No needs yet: filled in by `productionOperations`. */
export function noNeeds(): EvidenceNeeds {
  return { deploys: [], pushes: [], identities: false };
}

/**
 * What a command does to production beyond its words: a deploy decided on its effect, a push to a
 * protected branch decided on the change check, a write that would rename what environments are.
 * Records in `needs` what evidence would let the decision be made on facts.
 */
export function productionOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  context: ProductionContext,
  needs: EvidenceNeeds,
): Operation[] {
  const ops: Operation[] = [];
  const deploy = deployIntentOf(command, surroundings, context.deps);
  if (deploy !== undefined) {
    needs.deploys.push(deploy);
    ops.push(...deployOperations(deploy, context.evidence?.effects.get(deploy.key), context.services));
  } else {
    // A deploy tool blastwall has no dry-run for is read from its words, and held where it may reach production.
    // A playbook whose tasks can be read is decided on them by look-inside (look-inside/ansible.ts).
    const playbookRead = command.name === 'ansible-playbook' && context.deps.readRunFile !== undefined;
    // So is a dbt macro the project defines (look-inside/dbt-macros.ts): its SQL, not its name, says what it does.
    const macro = dbtMacroName(command);
    const macroRead =
      macro !== undefined && findDbtMacro(command, surroundings, context.deps, macro) !== undefined;
    const generic = playbookRead || macroRead ? undefined : genericDeployOf(command, surroundings);
    if (generic !== undefined) ops.push(...atWarehouse(command, surroundings, [generic]));
  }
  for (const push of pushIntentsOf(command, surroundings, context.rules)) {
    needs.pushes.push(push);
    ops.push(...pushOperations(push, context.evidence?.pushes.get(push.key)));
  }
  ops.push(...spoofingOperations(command, surroundings));
  return ops;
}
