import type { CommandClassifier } from '../../types.js';
import { each, type ToolFamily } from '../family.js';
import { releaseOperations } from './releases.js';

/**
 * Tools that do nothing but build and publish releases (registries' own CLIs): their classifier is the release
 * reading. Publishing verbs of every other tool (`npm publish`, `docker push`, `mvn deploy`) are read for any
 * command by `releaseOperations`, beside what that tool's own family reads.
 */
export const RELEASE_ONLY_TOOLS: readonly string[] = [
  'crane',
  'skopeo',
  'regctl',
  'oras',
  'twine',
  'vsce',
  'ovsx',
  'goreleaser',
  'semantic-release',
  'release-it',
  'changeset',
  'wasm-pack',
  'snapcraft',
  'jsr',
];

const classifyRelease: CommandClassifier = (command, surroundings) =>
  releaseOperations(command, surroundings);

/** Package, image and release publishing to registries others install from. */
export const releases: ToolFamily = {
  id: 'releases',
  tools: () => each(RELEASE_ONLY_TOOLS, classifyRelease),
  // what the release reading does not know of them (`regctl repo rm`, `oras repo …`) is read as any CLI's
  partial: RELEASE_ONLY_TOOLS,
};
