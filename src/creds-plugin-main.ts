import { writeSync } from 'node:fs';
import { EXIT } from './interfaces/cli/deps.js';
import { parsePluginRun, runPlugin, type PluginIo } from './interfaces/cli/creds/plugin.js';

/*
 * The composition root of the credential plugin process: `blastwall creds postgres|aws|kubernetes ENV`, as an AWS
 * credential_process, a kubectl exec plugin or `psql "$(…)"` runs it, before every SDK call that needs
 * credentials. Bundled into one dependency-free file (dist/creds/plugin.cjs, scripts/bundle-creds-plugin.mjs) and run by
 * bin/blastwall.js: Node built-ins, one HTTP request, the answer. No commander, no configuration reader, no verb
 * registry; what it cannot answer by itself (`--help`, `--config`, a server only blastwall.yaml names) the full CLI
 * answers the same way (interfaces/cli/commands/creds.ts).
 */

/**
 * Runs one plugin request and resolves to the exit code, or undefined when the arguments need the full CLI.
 * Fails closed: whatever goes wrong, nothing on stdout, a reason on stderr and a non-zero code.
 */
export async function runCredsPlugin(
  argv: readonly string[],
  io: PluginIo = {
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    env: process.env,
  },
): Promise<number | undefined> {
  const run = parsePluginRun(argv, io.env);
  if (run === undefined) return undefined;
  if (run instanceof Error) {
    io.stderr(`blastwall creds ${argv[1]}: ${run.message}\n`);
    return EXIT.usage;
  }
  try {
    const code = await runPlugin(run.plugin, run.settings, run.ask, io, run.json);
    // Credentials the caller never read are no answer: it must not see success.
    return outputLost && code === EXIT.ok ? EXIT.internal : code;
  } catch (error) {
    io.stderr(`blastwall creds ${run.plugin.kind}: internal error: ${(error as Error).message}\n`);
    return EXIT.internal;
  }
}

/** Set when stdout could not be written (the reader went away). */
let outputLost = false;

/** Writes all of `text` to stdout or stderr synchronously (the process exits right after). */
function writeAll(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
      // A non-blocking pipe shared with the parent: the stream finishes the write before the process exits.
      (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(written));
      return;
    }
    if (fd === 1) outputLost = true;
  }
}
