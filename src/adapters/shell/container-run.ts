import { posix } from 'node:path';
import { nestedFrame } from './emit.js';
import type { Field, Invocation, ResolveContext } from './state.js';

// `docker run -v /:/host alpine rm -rf /host/home/dev` deletes the host's home: a command in a container
// reaches the host through its bind mounts. The container's command is parsed with every mounted path
// written back as the host path it is, and every other absolute path as the container's own, disposable.

const VALUED = new Set([
  '-v',
  '--volume',
  '--mount',
  '-e',
  '--env',
  '--env-file',
  '-w',
  '--workdir',
  '-p',
  '--publish',
  '--name',
  '--network',
  '--net',
  '--entrypoint',
  '-u',
  '--user',
  '-l',
  '--label',
  '--platform',
  '--pull',
  '--restart',
  '-m',
  '--memory',
  '--cpus',
  '-h',
  '--hostname',
  '--add-host',
  '--device',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '--tmpfs',
  '--ulimit',
  '--log-driver',
  '--log-opt',
  '--gpus',
  '--shm-size',
  '--volumes-from',
  '--link',
  '--dns',
  '--ipc',
  '--pid',
  '--runtime',
  '-c',
  '--cpu-shares',
  '--expose',
  '--health-cmd',
  '--stop-signal',
  '--userns',
  '--uts',
  '--cgroupns',
  '--label-file',
  '--group-add',
]);
/** Where the container's own files are said to be: disposable, like a temporary directory. */
const CONTAINER_ROOT = '/tmp/container-rootfs';

/** Every value of an option among the words: `-v x`, `--volume=x`. */
function optionValues(words: readonly Field[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]?.value ?? '';
    for (const name of names) {
      if (w === name && i + 1 < words.length) out.push(words[i + 1]?.value ?? '');
      else if (name.startsWith('--') && w.startsWith(`${name}=`)) out.push(w.slice(name.length + 1));
    }
  }
  return out;
}

interface Mount {
  host: string;
  container: string;
}

function mounts(words: readonly Field[], end: number): Mount[] {
  const out: Mount[] = [];
  const slice = words.slice(0, end);
  for (const spec of optionValues(slice, ['-v', '--volume'])) {
    const [host = '', container = ''] = spec.split(':');
    // a named volume (no slash, no ~, no $) is the engine's, not a host path
    if (/^[/~.$]/.test(host) && container !== '') out.push({ host, container });
  }
  for (const spec of optionValues(slice, ['--mount'])) {
    const fields = Object.fromEntries(spec.split(',').map((kv) => kv.split('=') as [string, string]));
    const host = fields.source ?? fields.src;
    const container = fields.target ?? fields.destination ?? fields.dst;
    if (fields.type === 'bind' && host !== undefined && container !== undefined)
      out.push({ host, container });
  }
  return out.sort((a, b) => b.container.length - a.container.length);
}

/** A container path as the host sees it: under a mount, the host path; elsewhere, the container's own. */
function toHost(word: string, mounted: Mount[], workdir: string): string {
  if (!word.startsWith('/') && !word.startsWith('.')) return word;
  const absolute = posix.resolve(workdir, word);
  for (const { host, container } of mounted) {
    const c = container.replace(/\/$/, '') || '/';
    if (absolute === c) return host;
    if (absolute.startsWith(c === '/' ? '/' : `${c}/`))
      return `${host.replace(/\/$/, '')}/${absolute.slice(c.length).replace(/^\//, '')}`;
  }
  return word.startsWith('/') ? CONTAINER_ROOT + absolute : word;
}

/** `docker|podman run [opts] IMAGE CMD…`: the command parsed with host paths where the container reaches the host. */
export function containerRun(
  words: readonly Field[],
  inv: Invocation,
  ctx: ResolveContext,
  at: number,
): undefined {
  let i = at;
  while (i < words.length) {
    const w = words[i]?.value ?? '';
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-')) break;
    i += VALUED.has(w) ? 2 : 1;
  }
  const command = words.slice(i + 1);
  const mounted = mounts(words, i);
  const entrypoint = optionValues(words.slice(0, i), ['--entrypoint'])[0];
  // without a mount the command still reaches the network (`psql -h db.prod …`); its paths are the container's own
  if (command.length === 0 && entrypoint === undefined) return undefined;
  const workdir = optionValues(words.slice(0, i), ['-w', '--workdir'])[0] ?? '/';
  const text = [...(entrypoint !== undefined ? [entrypoint] : []), ...command.map((w) => w.value)]
    .map((word) =>
      word.replace(
        /(^|[\s=:'"])(\/[^\s'":]*)/g,
        // a URL's `://` is not a path (`s3://bucket`)
        (whole: string, lead: string, path: string) =>
          lead === ':' && path.startsWith('//') ? whole : lead + toHost(path, mounted, workdir),
      ),
    )
    .map((word) => (word.startsWith('.') ? toHost(word, mounted, workdir) : word))
    .map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`))
    .join(' ');
  // `-e KEY=VALUE`: the command inside sees it (a DATABASE_URL says which server a migration resets); written as
  // assignments before the command, unremapped — a URL is not a path in the container
  const assignments = optionValues(words.slice(0, i), ['-e', '--env'])
    .filter((kv) => /^[A-Za-z_]\w*=/.test(kv))
    .map((kv) => {
      const eq = kv.indexOf('=');
      return `${kv.slice(0, eq)}='${kv.slice(eq + 1).replace(/'/g, `'\\''`)}'`;
    });
  const image = words[i]?.value ?? 'a container';
  ctx.engine.parseText(assignments.length > 0 ? `${assignments.join(' ')} ${text}` : text, {
    ...nestedFrame(
      inv,
      ctx.frame,
      `${words[0]?.value ?? 'docker'} run ${image}${mounted.length > 0 ? ' with host mounts' : ''}`,
      text,
    ),
    // the container starts in its workdir: where that is mounted, the host directory
    dir: { stack: [], cwd: toHost(workdir, mounted, '/') },
  });
  return undefined;
}
