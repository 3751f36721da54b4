import type { CommandClassifier } from '../types.js';
import type { ClassifierDeps } from './deps.js';

/**
 * One family of tools (one folder under classifiers/): the classifiers it owns, by command name. A new
 * family is a folder with an `index.ts` exporting one of these, listed in `registry.ts`, and its table test.
 */
export interface ToolFamily {
  /** The family's folder name. */
  id: string;
  /** Classifiers by command name, built with what the classifiers need from outside core. */
  tools(deps: ClassifierDeps): Record<string, CommandClassifier>;
  /**
   * Tools whose classifier knows only some of their destructive subcommands (large cloud CLIs): when it finds
   * nothing, the generic reading of destructive intent still applies. For every other tool of the family the
   * classifier has the last word, so its everyday verbs (`git rm`, `npm uninstall`) stay allowed.
   */
  partial?: readonly string[];
}

/** Maps every name in `names` to `classifier` (many tools share one classifier). */
export function each(
  names: readonly string[],
  classifier: CommandClassifier,
): Record<string, CommandClassifier> {
  return Object.fromEntries(names.map((name) => [name, classifier]));
}
