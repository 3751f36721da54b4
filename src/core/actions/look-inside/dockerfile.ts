import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue, optionValues } from '../classifiers/args.js';
import { runPath } from './scripts.js';
import { readWithin, shellTextOperations, type LookContext } from './trail.js';

// `docker build` runs each RUN line of the Dockerfile in a throwaway container — with the network, and with
// whatever the build hands it: a `--secret` mounted from the host (`src=~/.aws/credentials`) or the build context.
// Each RUN is judged as the `docker run` it amounts to: its own paths are the container's and disposable, a
// secret's target is the host file it comes from (so `cat /run/secrets/aws` prints the credentials file), and
// what it reaches over the network (`aws s3 rb … --profile prod-admin`) is judged like the same command here.

const VALUED = new Set([
  '-f',
  '--file',
  '-t',
  '--tag',
  '--build-arg',
  '--secret',
  '--ssh',
  '--target',
  '--platform',
  '--label',
  '--network',
  '--progress',
  '-o',
  '--output',
  '--cache-from',
  '--cache-to',
  '--iidfile',
  '--build-context',
  '--add-host',
  '--builder',
  '--shm-size',
  '--ulimit',
  '--metadata-file',
]);

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The context folder of a build call, when this is one (`docker build`, `docker buildx build`, `podman build`). */
function buildContext(command: SimpleCommand): string | undefined {
  const words = command.args.filter((a, i) => !a.startsWith('-') && !VALUED.has(command.args[i - 1] ?? ''));
  const builds =
    words[0] === 'build' ||
    (command.name === 'buildah' && words[0] === 'bud') ||
    (['buildx', 'builder', 'image'].includes(words[0] ?? '') && ['build', 'b'].includes(words[1] ?? ''));
  if (!builds) return undefined;
  const context = words.at(-1);
  // a context that is a URL or standard input is not a folder here
  return context === undefined || context === '-' || /^[a-z]+:\/\//.test(context) ? undefined : context;
}

/** `key=value,key=value` option fields. */
function fields(spec: string): Record<string, string> {
  return Object.fromEntries(
    spec.split(',').map((kv) => {
      const eq = kv.indexOf('=');
      return eq < 0 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
    }),
  );
}

/** The Dockerfile's instructions, continuation lines joined and heredocs (`RUN <<EOF`) kept with their RUN. */
function instructions(text: string): string[] {
  const out: string[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length)
      line = line.replace(/\\\s*$/, ' ') + (lines[++i] ?? '');
    const heredoc = /<<-?\s*['"]?(\w+)['"]?/.exec(line);
    if (heredoc !== null) {
      const body: string[] = [];
      while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== heredoc[1]) body.push(lines[++i] ?? '');
      i++;
      line = `${line}\n${body.join('\n')}\n${heredoc[1] ?? ''}`;
    }
    out.push(line.trim());
  }
  return out;
}

/** Look-inside for `docker build` and its kin: each RUN of the Dockerfile, judged as the container it runs in. */
export function dockerfileOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const context = buildContext(command);
  if (context === undefined) return [];
  const contextPath = runPath(context, command, surroundings);
  if (contextPath === undefined) return [];
  const named = optionValue(command.args, ['-f', '--file']);
  const file = named ?? posix.join(context, 'Dockerfile');
  const path = runPath(file, command, surroundings);
  if (path === undefined) return [];
  const read = readWithin(command, path, file, ctx);
  if (read === undefined) return [];
  if ('held' in read) return [read.held];
  // secrets the build hands over: id → the host file (or variable) they come from
  const secrets = new Map<string, string>();
  for (const spec of optionValues(command.args, ['--secret'])) {
    const f = fields(spec);
    const source = f.src ?? f.source;
    if (f.id !== undefined && source !== undefined) secrets.set(f.id, source);
  }
  const ops: Operation[] = [];
  let image = 'scratch';
  let workdir = '/';
  for (const instruction of instructions(read.text)) {
    const head = /^(\w+)\s+([\s\S]*)$/.exec(instruction);
    const keyword = head?.[1]?.toUpperCase();
    let rest = head?.[2] ?? '';
    if (keyword === 'FROM') image = rest.split(/\s+/).find((w) => !w.startsWith('--')) ?? image;
    if (keyword === 'WORKDIR') workdir = posix.resolve(workdir, rest.trim());
    if (keyword !== 'RUN') continue;
    const options: string[] = [];
    for (let flag = /^--(\w+)=(\S+)\s+/.exec(rest); flag !== null; flag = /^--(\w+)=(\S+)\s+/.exec(rest)) {
      rest = rest.slice(flag[0].length);
      if (flag[1] !== 'mount') continue;
      const mount = fields(flag[2] ?? '');
      const target = mount.target ?? mount.dst ?? mount.destination;
      if (mount.type === 'secret') {
        const source = secrets.get(mount.id ?? '');
        if (source !== undefined)
          options.push('-v', `${source}:${target ?? `/run/secrets/${mount.id ?? ''}`}`);
      } else if (mount.type === 'bind' && target !== undefined)
        options.push('-v', `${posix.join(contextPath, mount.source ?? mount.src ?? '.')}:${target}`);
    }
    // the exec form (`RUN ["rm", "-rf", "/x"]`) is an argv; the shell form runs in sh -c
    let argv: string[];
    try {
      const parsed: unknown = rest.trim().startsWith('[') ? JSON.parse(rest) : undefined;
      argv = Array.isArray(parsed) ? parsed.map(String) : ['sh', '-c', rest];
    } catch {
      argv = ['sh', '-c', rest];
    }
    const text = ['docker', 'run', '--rm', ...options, '-w', workdir, image, ...argv].map(quote).join(' ');
    ops.push(...shellTextOperations(command, surroundings, text, `${file} RUN`, ctx));
  }
  return ops;
}
