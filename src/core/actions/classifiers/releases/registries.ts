import { words } from '../../environment-words.js';
import type { EnvironmentHints } from '../../types.js';
import { urlHost } from '../args.js';

// Where a release goes: a registry named by URL, host, image reference or a configured name, read for what a person
// needs to know — the public registry everyone installs from, a production registry, a registry on this machine
// (Verdaccio on :4873, a registry on :5000), a test index nobody installs from by default, or a folder.

/** A registry a release goes to: its host when known, and how to say it in plain words. */
export interface Registry {
  /** Where the release lands, for a person (`the public npm registry (registry.npmjs.org)`). */
  label: string;
  /** The registry's host, matched against the configured environments; absent when only a name is known. */
  host?: string;
  /** A public registry everyone installs from: no word of its host names an environment (`pub.dev`). */
  public?: true;
}

/** Not a release at all: a folder feed, a tarball, a test index. */
export const NOT_A_RELEASE = null;

/** Public registries by the name their tools give them. */
export const PUBLIC = {
  npm: { label: 'the public npm registry (registry.npmjs.org)', host: 'registry.npmjs.org', public: true },
  crates: { label: 'crates.io, the public Rust registry', host: 'crates.io', public: true },
  rubygems: { label: 'rubygems.org, the public gem registry', host: 'rubygems.org', public: true },
  pypi: { label: 'PyPI, the public Python index (upload.pypi.org)', host: 'upload.pypi.org', public: true },
  nuget: { label: 'the public NuGet gallery (nuget.org)', host: 'api.nuget.org', public: true },
  dockerHub: { label: 'Docker Hub (docker.io)', host: 'docker.io', public: true },
  github: { label: 'GitHub (github.com)', host: 'github.com', public: true },
  marketplace: { label: 'the VS Code Marketplace', host: 'marketplace.visualstudio.com', public: true },
  openVsx: { label: 'Open VSX (open-vsx.org)', host: 'open-vsx.org', public: true },
  hex: { label: 'hex.pm, the public Elixir registry', host: 'hex.pm', public: true },
  pub: { label: 'pub.dev, the public Dart registry', host: 'pub.dev', public: true },
  jsr: { label: 'jsr.io, the public JavaScript registry', host: 'jsr.io', public: true },
  cocoapods: { label: 'the CocoaPods trunk', host: 'trunk.cocoapods.org', public: true },
  snapStore: { label: 'the Snap Store', host: 'snapcraft.io', public: true },
} satisfies Record<string, Registry>;

/** Test indexes: uploads there reach nobody who did not ask for them. */
const TEST_INDEX = /^(?:test\.pypi\.org|testpypi|test-pypi|test)$/i;

/** A registry named by a URL, or `undefined` when the value is no URL. A folder is NOT_A_RELEASE. */
export function registryOfUrl(value: string): Registry | null | undefined {
  if (/^file:/i.test(value) || /^(?:\/|\.{1,2}\/|~\/?|[A-Za-z]:\\)/.test(value)) return NOT_A_RELEASE;
  const host = urlHost(value);
  if (host === undefined) return undefined;
  if (TEST_INDEX.test(host) || /\/testpypi\b/i.test(value)) return NOT_A_RELEASE;
  return { label: host, host: hostWithPort(value) ?? host };
}

/** `http://localhost:4873/x` → `localhost:4873`, so a loopback host keeps reading as this machine. */
function hostWithPort(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/?#]+)/i.exec(url)?.[1];
}

/** A registry a tool's configuration names (`twine -r internal`, `cargo --registry acme`); a test index is none. */
export function registryNamed(name: string, known: Record<string, Registry> = {}): Registry | null {
  if (TEST_INDEX.test(name)) return NOT_A_RELEASE;
  const found = known[name.toLowerCase()];
  if (found !== undefined) return found;
  const url = registryOfUrl(name);
  if (url !== undefined) return url;
  return { label: `the registry configured as "${name}"` };
}

/**
 * The registry of an image reference (`registry.prod.acme.internal/shop/api:2`, `localhost:5000/x`, `acme/api`):
 * its first part when that names a host, else Docker Hub. A transport prefix (`docker://`) is dropped; an archive,
 * a folder or the local engine's store (`oci-archive:`, `dir:`, `containers-storage:`) is NOT_A_RELEASE.
 */
export function registryOfImage(reference: string): Registry | null {
  const bare = reference.replace(/^(?:docker|oci|oras):\/\//i, '');
  if (/^(?:oci-archive|docker-archive|dir|oci|containers-storage|docker-daemon):/i.test(bare))
    return NOT_A_RELEASE;
  const first = bare.split('/')[0] ?? '';
  if (bare.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return { label: first, host: first };
  return PUBLIC.dockerHub;
}

/** Words that mark a registry as production's, or as a dev one the configuration may name. */
const PRODUCTION = new Set(['prod', 'production', 'prd', 'live']);
const DEV = new Set(['dev', 'development', 'sandbox', 'scratch']);

/**
 * Where a registry is, as hints: its host, which the configured environments match (`*.prod.*`, a loopback host is
 * this machine), and a production or dev word of its host as an environment named (`registry.dev.acme.internal`).
 */
export function registryHints(registry: Registry): EnvironmentHints {
  if (registry.host === undefined) return {};
  if (registry.public === true) return { host: registry.host };
  const hostWords = words(registry.host);
  const production = hostWords.find((w) => PRODUCTION.has(w));
  const dev = hostWords.find((w) => DEV.has(w));
  const environment = production !== undefined ? 'prod' : dev;
  return { host: registry.host, ...(environment !== undefined ? { environment } : {}) };
}
