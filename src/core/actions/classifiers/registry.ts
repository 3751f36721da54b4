import type { CommandClassifier } from '../types.js';
import { chains } from './chains/index.js';
import { ci } from './ci/index.js';
import { cloud } from './cloud/index.js';
import { containers } from './containers/index.js';
import { databases } from './databases/index.js';
import { devices } from './devices/index.js';
import { directories } from './directories/index.js';
import type { ToolFamily } from './family.js';
import { filesystem } from './filesystem/index.js';
import { frameworks } from './frameworks/index.js';
import { generic } from './generic/index.js';
import { git } from './git/index.js';
import { infrastructure } from './infrastructure/index.js';
import { interpreters } from './interpreters/index.js';
import { kubernetes } from './kubernetes/index.js';
import { localMachines } from './local-machines/index.js';
import { localTools } from './local-tools/index.js';
import { macos } from './macos/index.js';
import { mlPlatforms } from './ml-platforms/index.js';
import { objectStorage } from './object-storage/index.js';
import { platforms } from './platforms/index.js';
import { releases } from './releases/index.js';
import { requests } from './requests/index.js';
import { safeguards } from './safeguards/index.js';
import { schedulers } from './schedulers/index.js';
import { secrets } from './secrets/index.js';
import { studios } from './studios/index.js';
import { runFileWrites } from './run-file-writes/index.js';
import type { ClassifierDeps } from './deps.js';
import { system } from './system/index.js';
import { warehouses } from './warehouses/index.js';
import { windows } from './windows/index.js';

/** Every family of tool classifiers, one per folder (a test checks that no folder is left out). */
export const FAMILIES: readonly ToolFamily[] = [
  studios,
  chains,
  filesystem,
  git,
  databases,
  frameworks,
  infrastructure,
  cloud,
  kubernetes,
  containers,
  platforms,
  releases,
  system,
  schedulers,
  interpreters,
  localTools,
  localMachines,
  objectStorage,
  requests,
  safeguards,
  secrets,
  runFileWrites,
  windows,
  mlPlatforms,
  warehouses,
  macos,
  ci,
  directories,
  devices,
  generic,
];

/** The classifiers by command name, and which of them leave room for the generic reading. */
export interface Registry {
  tools: Map<string, CommandClassifier>;
  partial: Set<string>;
}

/** Builds the name → classifier map; a later family never silently replaces an earlier one's tool. */
export function buildRegistry(deps: ClassifierDeps, families: readonly ToolFamily[] = FAMILIES): Registry {
  const tools = new Map<string, CommandClassifier>();
  const partial = new Set<string>();
  for (const family of families) {
    for (const [name, classifier] of Object.entries(family.tools(deps))) {
      if (tools.has(name))
        throw new Error(`classifier families: "${name}" is claimed twice (again by ${family.id})`);
      tools.set(name, classifier);
    }
    for (const name of family.partial ?? []) partial.add(name);
  }
  return { tools, partial };
}
