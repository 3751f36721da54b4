import type { ActionSurroundings, Operation, SimpleCommand } from '../../types.js';
import { hasFlag, optionValue, positionals } from '../args.js';
import { operation, envVar } from '../operation.js';
import {
  NOT_A_RELEASE,
  PUBLIC,
  registryHints,
  registryNamed,
  registryOfImage,
  registryOfUrl,
  type Registry,
} from './registries.js';

// A release into production: a package, an image, an extension or a tagged release published to a registry others
// install from. The moment it lands, machines everywhere fetch it; a yank or a delete afterwards does not reach
// the copies already taken, and a registry such as npm or crates.io refuses the same version twice. So a publish is
// an operation of kind `deploy` in category `release`, and the policy agent-release-protected holds it wherever
// its registry may be production — a public registry, a production registry, one nobody named. Its everyday
// twins stay allowed: a dry run, a registry on this machine (Verdaccio, `localhost:5000`), a test index
// (TestPyPI), a folder feed, a draft release, a registry the configuration calls dev.

/** What one command publishes: what, where to, and for a deletion that the registry loses it. */
interface Publish {
  /** Plain words: `npm publish of the package in this folder`. */
  what: string;
  target: string;
  registry: Registry;
  /** Set when the command removes a published version or image rather than adding one. */
  removes?: { reversible: boolean };
}
type Reader = (command: SimpleCommand, surroundings: ActionSurroundings) => Publish | null | undefined;

const DRY_RUN = new Set(['--dry-run', '--dryrun', '--dry_run']);

function dryRun(args: readonly string[], short = false): boolean {
  return args.some((a) => DRY_RUN.has(a.split('=')[0] ?? a) || (short && a === '-n'));
}

/** The positionals of a command, skipping the values of `valued` options. */
function words(command: SimpleCommand, valued: readonly string[]): string[] {
  return positionals(command.args, new Set(valued));
}

const NPM_VALUED = [
  '--registry',
  '--tag',
  '--access',
  '--otp',
  '--filter',
  '-F',
  '-C',
  '--dir',
  '-w',
  '--workspace',
  '--prefix',
  '--cwd',
  '--publish-branch',
  '--report-summary',
];

/** npm / pnpm / yarn / bun: publish, dist-tag add|rm, deprecate. */
const npm: Reader = (command, surroundings) => {
  const args = command.args;
  if (dryRun(args)) return NOT_A_RELEASE;
  const all = words(command, NPM_VALUED);
  // yarn berry: `yarn npm publish`, `yarn npm tag add`
  const at = command.name === 'yarn' && all[0] === 'npm' ? 1 : 0;
  const [verb = '', second = '', third = '', ...more] = all.slice(at);
  const named =
    optionValue(args, ['--registry']) ??
    envVar(command, surroundings, 'npm_config_registry') ??
    envVar(command, surroundings, 'NPM_CONFIG_REGISTRY') ??
    envVar(command, surroundings, 'YARN_NPM_REGISTRY_SERVER');
  const registry = named !== undefined ? registryNamed(named) : PUBLIC.npm;
  if (registry === NOT_A_RELEASE) return NOT_A_RELEASE;
  const tool = `${command.name}${at === 1 ? ' npm' : ''}`;
  if (verb === 'publish') {
    const what = second !== '' ? second : 'the package in this folder';
    const many = hasFlag(args, ['--recursive'], 'r') ? ' (every package of the workspace)' : '';
    return { what: `${tool} publish of ${what}${many}`, target: what, registry };
  }
  if (
    (verb === 'dist-tag' || verb === 'dist-tags' || verb === 'tag') &&
    /^(?:add|rm|remove|set)$/.test(second)
  )
    return {
      what: `${tool} ${verb} ${[second, third, ...more].join(' ')} (moves what installs get)`,
      target: third,
      registry,
    };
  if (verb === 'deprecate')
    return { what: `${tool} deprecate ${second}: warns everyone who installs it`, target: second, registry };
  return undefined;
};

/** cargo publish (crates.io, or `--registry` / `--index`). */
const cargo: Reader = (command, surroundings) => {
  const args = command.args;
  const [verb] = words(command, ['-p', '--package', '--registry', '--index', '--token', '--target', '-j']);
  if (verb !== 'publish' || dryRun(args)) return verb === 'publish' ? NOT_A_RELEASE : undefined;
  const index = optionValue(args, ['--index']);
  const name = optionValue(args, ['--registry']) ?? envVar(command, surroundings, 'CARGO_REGISTRY_DEFAULT');
  const registry =
    index !== undefined
      ? registryNamed(index)
      : name !== undefined
        ? registryNamed(name, { 'crates-io': PUBLIC.crates })
        : PUBLIC.crates;
  if (registry === NOT_A_RELEASE) return NOT_A_RELEASE;
  const crate = optionValue(args, ['-p', '--package']) ?? 'the crate in this folder';
  return { what: `cargo publish of ${crate}`, target: crate, registry };
};

/** gem push (rubygems.org, or `--host` / RUBYGEMS_HOST). */
const gem: Reader = (command, surroundings) => {
  const [verb, file = 'a gem'] = words(command, ['--host', '-k', '--key', '--otp']);
  if (verb !== 'push') return undefined;
  const host = optionValue(command.args, ['--host']) ?? envVar(command, surroundings, 'RUBYGEMS_HOST');
  const registry = host !== undefined ? registryNamed(host) : PUBLIC.rubygems;
  return registry === NOT_A_RELEASE ? registry : { what: `gem push of ${file}`, target: file, registry };
};

/** Python uploaders: twine upload, poetry / uv / pdm / hatch / flit publish. */
const python: Reader = (command, surroundings) => {
  const args = command.args;
  const valued = [
    '-r',
    '--repository',
    '--repository-url',
    '--publish-url',
    '--index',
    '-u',
    '-p',
    '--username',
  ];
  const [verb, ...rest] = words(command, valued);
  const upload = command.name === 'twine' ? verb === 'upload' || verb === 'register' : verb === 'publish';
  if (!upload) return undefined;
  if (dryRun(args)) return NOT_A_RELEASE;
  const variable = (name: string) => envVar(command, surroundings, name);
  const url =
    optionValue(args, ['--repository-url', '--publish-url']) ??
    variable('TWINE_REPOSITORY_URL') ??
    variable('UV_PUBLISH_URL') ??
    variable('PDM_PUBLISH_REPO') ??
    variable('HATCH_INDEX_REPO');
  const name =
    optionValue(args, ['-r', '--repository', '--index']) ??
    variable('TWINE_REPOSITORY') ??
    variable('POETRY_REPOSITORY');
  const registry =
    url !== undefined
      ? registryNamed(url)
      : name !== undefined
        ? registryNamed(name, { pypi: PUBLIC.pypi, main: PUBLIC.pypi })
        : PUBLIC.pypi;
  if (registry === NOT_A_RELEASE) return NOT_A_RELEASE;
  const files = rest.length > 0 ? rest.join(' ') : 'the built distributions';
  return { what: `${command.name} ${verb ?? ''} of ${files}`, target: files, registry };
};

/** dotnet nuget push|delete, nuget push|delete: the source is a URL, a folder feed or a configured name. */
const nuget: Reader = (command) => {
  const all = words(command, ['-s', '--source', '-k', '--api-key', '-ss', '--symbol-source', '-sk']);
  const at = command.name === 'dotnet' ? (all[0] === 'nuget' ? 1 : -1) : 0;
  if (at < 0) return undefined;
  const [verb, id = 'a package', version = ''] = all.slice(at);
  if (verb !== 'push' && verb !== 'delete') return undefined;
  const source = optionValue(command.args, ['-s', '--source', '-Source']);
  const registry =
    source === undefined
      ? { label: 'the default package source of NuGet.config' }
      : /(?:^|\.)nuget\.org\b/i.test(source)
        ? PUBLIC.nuget
        : (registryOfUrl(source) ?? registryNamed(source));
  if (registry === NOT_A_RELEASE) return NOT_A_RELEASE;
  const what = `${command.name}${at === 1 ? ' nuget' : ''} ${verb} ${`${id} ${version}`.trim()}`;
  return verb === 'delete'
    ? { what, target: id, registry, removes: { reversible: true } }
    : { what, target: id, registry };
};

/** Maven goals that deploy artifacts to a remote repository (and jib:build, which pushes an image). */
const MAVEN_RELEASE =
  /^(?:deploy|deploy:deploy(?:-file)?|release:perform|(?:nexus-staging|central-publishing|org\.sonatype\.[\w.:-]+):\w*(?:deploy|release|publish)\w*|jib:build)$/;

const maven: Reader = (command) => {
  const args = command.args;
  const goals = words(command, [
    '-P',
    '-f',
    '--file',
    '-s',
    '--settings',
    '-pl',
    '--projects',
    '-T',
    '-D',
  ]).filter((g) => MAVEN_RELEASE.test(g));
  if (goals.length === 0) return undefined;
  if (args.some((a) => /^-Dmaven\.deploy\.skip=true$/i.test(a))) return NOT_A_RELEASE;
  // `-DaltDeploymentRepository=id::default::https://…` or `-Durl=…` (deploy-file)
  const override = args
    .map((a) => /^-D(?:altDeploymentRepository|altReleaseDeploymentRepository|url)=(.*)$/.exec(a)?.[1])
    .find((v) => v !== undefined);
  const url = override?.split('::').at(-1);
  const registry = url !== undefined ? (registryOfUrl(url) ?? registryNamed(url)) : undefined;
  if (registry === NOT_A_RELEASE) return NOT_A_RELEASE;
  return {
    what: `${command.name} ${goals.join(' ')}`,
    target: 'the project artifacts',
    registry: registry ?? { label: "the repository the project's pom names" },
  };
};

/** Gradle tasks that publish to a remote repository, release a staging repository or push an image. */
const GRADLE_RELEASE =
  /^(?:publish\w*|(?:close|release|closeAndRelease)\w*(?:Sonatype|Staging|Nexus|Repository)\w*|jib|jreleaser(?:Deploy|Release|FullRelease|Publish))$/;
const GRADLE_LOCAL = /MavenLocal$|^publishToMavenLocal$/;

const gradle: Reader = (command) => {
  const args = command.args;
  if (hasFlag(args, ['--dry-run'], 'm')) return NOT_A_RELEASE;
  const tasks = words(command, ['-p', '--project-dir', '-x', '--exclude-task', '-P', '-D', '-c', '-I'])
    .map((t) => t.split(':').at(-1) ?? t)
    .filter((t) => GRADLE_RELEASE.test(t) && !GRADLE_LOCAL.test(t));
  if (tasks.length === 0) return undefined;
  return {
    what: `${command.name} ${tasks.join(' ')}`,
    target: 'the project publications',
    registry: { label: 'the repositories the build publishes to' },
  };
};

/** gh release create (not --draft), gh release edit --draft=false, gh release upload --clobber. */
const gh: Reader = (command) => {
  const args = command.args;
  const [group, verb, tag = 'a tag'] = words(command, [
    '-R',
    '--repo',
    '-t',
    '--title',
    '-n',
    '--notes',
    '-F',
    '--notes-file',
    '--target',
    '--discussion-category',
    '--notes-start-tag',
  ]);
  if (group !== 'release') return undefined;
  const repo = optionValue(args, ['-R', '--repo']) ?? 'this repository';
  const target = `${repo} ${tag}`;
  if (verb === 'create' && !hasFlag(args, ['--draft'], 'd'))
    return { what: `gh release create ${tag} on ${repo}`, target, registry: PUBLIC.github };
  if (verb === 'edit' && args.some((a) => a === '--draft=false'))
    return { what: `gh release edit ${tag} publishes the draft on ${repo}`, target, registry: PUBLIC.github };
  if (verb === 'upload' && args.includes('--clobber'))
    return {
      what: `gh release upload ${tag} --clobber replaces assets on ${repo}`,
      target,
      registry: PUBLIC.github,
    };
  return undefined;
};

/** vsce / ovsx publish and unpublish. */
const extensions: Reader = (command) => {
  if (dryRun(command.args)) return NOT_A_RELEASE;
  const [verb, id = 'the extension in this folder'] = words(command, [
    '-p',
    '--pat',
    '-i',
    '--packagePath',
    '--target',
  ]);
  const registry = command.name === 'ovsx' ? PUBLIC.openVsx : PUBLIC.marketplace;
  if (verb === 'publish') return { what: `${command.name} publish of ${id}`, target: id, registry };
  if (verb === 'unpublish')
    return { what: `${command.name} unpublish ${id}`, target: id, registry, removes: { reversible: false } };
  return undefined;
};

/** goreleaser release (its default command), unless a snapshot or with publishing skipped. */
const goreleaser: Reader = (command) => {
  const args = command.args;
  const [verb = 'release'] = words(command, ['-f', '--config', '--skip', '-p', '--parallelism', '--timeout']);
  if (verb !== 'release') return undefined;
  const skipped = optionValue(args, ['--skip'])?.split(',').includes('publish') === true;
  if (args.includes('--snapshot') || args.includes('--skip-publish') || skipped || dryRun(args))
    return NOT_A_RELEASE;
  return { what: 'goreleaser release', target: 'this repository', registry: PUBLIC.github };
};

/** docker / podman / nerdctl push, image push, manifest push, buildx build --push, buildx imagetools create. */
const engines: Reader = (command) => {
  const args = command.args;
  const all = words(command, [
    '-t',
    '--tag',
    '-f',
    '--file',
    '--platform',
    '--build-arg',
    '-o',
    '--output',
    '--builder',
    '--context',
    '-H',
    '--host',
  ]);
  const rest = all[0] === 'image' || all[0] === 'manifest' ? all.slice(1) : all;
  let image: string | undefined;
  if (rest[0] === 'push') image = rest.at(-1) !== 'push' ? rest.at(-1) : undefined;
  else if (all[0] === 'buildx' || all[0] === 'build') {
    const pushes =
      args.includes('--push') ||
      args.some((a) => /type=registry|push=true/.test(a)) ||
      all[1] === 'imagetools';
    if (pushes) image = optionValue(args, ['-t', '--tag']) ?? 'the images the build names';
  }
  if (image === undefined) return undefined;
  const registry = registryOfImage(image);
  return registry === NOT_A_RELEASE
    ? registry
    : { what: `${command.name} pushes ${image}`, target: image, registry };
};

/** crane, skopeo, regctl, oras: images and artifacts copied, tagged, pushed or deleted in a registry. */
const imageTools: Reader = (command) => {
  const args = command.args;
  const all = words(command, [
    '-t',
    '--tag',
    '--platform',
    '--dest',
    '--src',
    '--format',
    '-o',
    '--output',
    '--artifact-type',
    '-a',
    '--annotation',
    '--config',
  ]);
  // regctl and oras group their verbs (`regctl tag delete`, `oras manifest push`); crane's `tag` is a verb
  const grouped =
    (command.name === 'regctl' || command.name === 'oras') &&
    ['image', 'tag', 'manifest', 'index', 'artifact', 'blob', 'repo'].includes(all[0] ?? '');
  const group = grouped ? (all[0] ?? '') : '';
  const [verb = '', ...rest] = grouped ? all.slice(1) : all;
  const tag = optionValue(args, ['-t', '--tag']);
  let image: string | undefined;
  let removes = false;
  if (/^(?:delete|rm|remove)$/.test(verb)) {
    image = rest[0];
    removes = true;
  } else if (/^(?:copy|cp)$/.test(verb)) image = rest[1];
  else if (verb === 'sync' && command.name === 'skopeo') image = rest.at(-1);
  else if (/^(?:push|put|attach|create|import)$/.test(verb))
    image = tag ?? (command.name === 'crane' && verb === 'push' ? rest[1] : rest[0]);
  else if (verb === 'tag' || (group === '' && /^(?:append|mutate|rebase|flatten)$/.test(verb)))
    image = verb === 'tag' ? rest[0] : (tag ?? rest[0]);
  if (image === undefined) return undefined;
  const registry = registryOfImage(image);
  if (registry === NOT_A_RELEASE) return NOT_A_RELEASE;
  const what = `${command.name} ${group ? `${group} ` : ''}${verb} ${image}`;
  return removes
    ? { what, target: image, registry, removes: { reversible: false } }
    : { what, target: image, registry };
};

/** helm push CHART oci://REGISTRY, helm cm-push CHART REPO. */
const helm: Reader = (command) => {
  const [verb, chart = 'a chart', remote = ''] = words(command, [
    '--kube-context',
    '-n',
    '--namespace',
    '--version',
  ]);
  if (verb !== 'push' && verb !== 'cm-push') return undefined;
  const registry = registryOfUrl(remote) ?? registryNamed(remote || 'the chart repository');
  return registry === NOT_A_RELEASE
    ? registry
    : { what: `helm ${verb} of ${chart}`, target: chart, registry };
};

/** az acr run|task create|task update --cmd 'acr purge …' (not --dry-run): images deleted from a registry. */
const azure: Reader = (command) => {
  const [group, verb, sub] = words(command, [
    '--registry',
    '-r',
    '--cmd',
    '-n',
    '--name',
    '-g',
    '--resource-group',
    '--schedule',
    '--subscription',
  ]);
  if (group !== 'acr' || !(verb === 'run' || (verb === 'task' && (sub === 'create' || sub === 'update'))))
    return undefined;
  const cmd = optionValue(command.args, ['--cmd']) ?? '';
  if (!/\bacr\s+purge\b/.test(cmd) || /--dry-run\b/.test(cmd)) return undefined;
  const name = optionValue(command.args, ['--registry', '-r']) ?? 'a registry';
  return {
    what: `az acr ${verb} purges images from ${name} (${cmd})`,
    target: name,
    registry: { label: `the container registry ${name}`, host: `${name}.azurecr.io` },
    removes: { reversible: false },
  };
};

/** Other ecosystems' publish verbs, each with the public registry it goes to. */
const SIMPLE: Record<string, { verbs: readonly string[]; registry: Registry; dryShort?: boolean }> = {
  dart: { verbs: ['pub publish'], registry: PUBLIC.pub, dryShort: true },
  flutter: { verbs: ['pub publish'], registry: PUBLIC.pub, dryShort: true },
  mix: { verbs: ['hex.publish'], registry: PUBLIC.hex },
  deno: { verbs: ['publish'], registry: PUBLIC.jsr },
  jsr: { verbs: ['publish'], registry: PUBLIC.jsr },
  pod: { verbs: ['trunk push'], registry: PUBLIC.cocoapods },
  snapcraft: { verbs: ['upload', 'push', 'release'], registry: PUBLIC.snapStore },
  changeset: { verbs: ['publish'], registry: PUBLIC.npm },
  lerna: { verbs: ['publish'], registry: PUBLIC.npm },
  'wasm-pack': { verbs: ['publish'], registry: PUBLIC.npm },
  'semantic-release': { verbs: [''], registry: PUBLIC.npm, dryShort: true },
  'release-it': { verbs: [''], registry: PUBLIC.npm },
};

const simple: Reader = (command) => {
  const spec = SIMPLE[command.name];
  if (spec === undefined) return undefined;
  const said = words(command, ['-r', '--registry', '--repo']).join(' ');
  const verb = spec.verbs.find((v) => (v === '' ? true : `${said} `.startsWith(`${v} `)));
  if (verb === undefined) return undefined;
  if (dryRun(command.args, spec.dryShort) || (command.name === 'release-it' && command.args.includes('-d')))
    return NOT_A_RELEASE;
  const what = `${command.name} ${verb}`.trim();
  return { what, target: 'the package in this folder', registry: spec.registry };
};

/** The reader of each tool that publishes. */
const READERS: Record<string, Reader> = {
  npm,
  pnpm: npm,
  yarn: npm,
  bun: npm,
  cargo,
  gem,
  twine: python,
  poetry: python,
  uv: python,
  pdm: python,
  hatch: python,
  flit: python,
  dotnet: nuget,
  nuget,
  mvn: maven,
  mvnw: maven,
  gradle,
  gradlew: gradle,
  gh,
  vsce: extensions,
  ovsx: extensions,
  goreleaser,
  docker: engines,
  podman: engines,
  nerdctl: engines,
  crane: imageTools,
  skopeo: imageTools,
  regctl: imageTools,
  oras: imageTools,
  helm,
  az: azure,
  ...Object.fromEntries(Object.keys(SIMPLE).map((name) => [name, simple])),
};

/** Every tool whose release verbs are read here: the generic reading of deploys leaves them alone. */
export const RELEASE_TOOLS: ReadonlySet<string> = new Set(Object.keys(READERS));

/** True when the command is a release verb of its tool, even one that releases nothing (a dry run, a test index). */
export function isReleaseCommand(command: SimpleCommand, surroundings: ActionSurroundings): boolean {
  const reader = READERS[command.name];
  return reader !== undefined && reader(command, surroundings) !== undefined;
}

/**
 * What a command releases, as operations: a publish is a `deploy` in category `release`, decided on where its
 * registry is; a version or image removed from a registry is a `delete`. None for a dry run, a test index or a
 * folder, and none for a command that releases nothing.
 */
export function releaseOperations(command: SimpleCommand, surroundings: ActionSurroundings): Operation[] {
  const reader = READERS[command.name];
  if (reader === undefined || command.args.includes('--help')) return [];
  const found = reader(command, surroundings);
  if (found === undefined || found === NOT_A_RELEASE) return [];
  const hints = registryHints(found.registry);
  if (found.removes !== undefined)
    return [
      operation(command, {
        kind: 'delete',
        category: 'platform',
        destructive: true,
        reversible: found.removes.reversible,
        target: found.target,
        summary: `${found.what} from ${found.registry.label}: what others installed from it no longer resolves`,
        hints,
      }),
    ];
  return [
    operation(command, {
      kind: 'deploy',
      category: 'release',
      destructive: false,
      reversible: false,
      target: found.target,
      summary: `${found.what} to ${found.registry.label}: a release others fetch at once, which nobody can take back`,
      hints,
    }),
  ];
}
