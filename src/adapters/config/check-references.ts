import { findDependencyCycles } from '../../core/catalog/cycles.js';
import type { ConfigProblem } from '../../core/errors.js';
import type { Config } from '../../core/model.js';
import { compilePatterns } from '../../core/provenance/index.js';

/** Turns a path inside blastwall.yaml (`services.2.dependsOn.0`) into its line, when the file is known. */
export type LineOf = (path: readonly PropertyKey[]) => number | undefined;

/**
 * What the schema cannot see: ids defined twice, dependencies on unknown services, dependency cycles and
 * provenance patterns that do not compile. Every problem is returned, each with the line that causes it.
 */
export function checkReferences(config: Config, file: string, lineOf: LineOf): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (path: readonly PropertyKey[], problem: string): void =>
    void problems.push({ file, line: path.length > 0 ? lineOf(path) : undefined, problem });
  // blastwall.yaml's services come first in config.services, in file order, so the index is the file's.
  const fromFile = config.services.filter((s) => s.kind === 'config');
  const ids = new Set<string>();
  for (const [index, service] of fromFile.entries()) {
    if (ids.has(service.id)) at(['services', index, 'id'], `service "${service.id}" is defined twice`);
    ids.add(service.id);
  }
  for (const service of config.services) ids.add(service.id);
  // Catalog entities may name entities kept in other repositories' catalogs; only blastwall.yaml is strict.
  for (const [index, service] of fromFile.entries()) {
    for (const [position, dependency] of service.dependsOn.entries()) {
      if (!ids.has(dependency))
        at(
          ['services', index, 'dependsOn', position],
          `service "${service.id}" depends on "${dependency}", which is not a known service`,
        );
    }
  }
  for (const cycle of findDependencyCycles(config.services)) {
    at(edgePath(fromFile, cycle), `services depend on each other in a cycle: ${cycle.join(' → ')}`);
  }
  const people = new Set<string>();
  for (const [index, person] of config.people.entries()) {
    if (people.has(person.id)) at(['people', index, 'id'], `person "${person.id}" is defined twice`);
    people.add(person.id);
  }
  for (const error of compilePatterns(config.provenance.patterns).errors) {
    at(
      ['provenance', 'patterns', error.index, error.field],
      `provenance.patterns.${error.index}.${error.field}: ${error.message}`,
    );
  }
  // Top to bottom, as a person fixes a file.
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The path of the cycle's first edge written in blastwall.yaml (catalog edges have no line here). */
function edgePath(fromFile: Config['services'], cycle: readonly string[]): PropertyKey[] {
  for (let i = 0; i + 1 < cycle.length; i++) {
    const index = fromFile.findIndex((s) => s.id === cycle[i]);
    const position = fromFile[index]?.dependsOn.indexOf(cycle[i + 1] ?? '') ?? -1;
    if (position >= 0) return ['services', index, 'dependsOn', position];
  }
  return [];
}
