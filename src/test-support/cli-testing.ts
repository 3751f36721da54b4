import { main } from '../main.js';
import type { CliDeps } from '../interfaces/cli/deps.js';

/** What one in-process CLI run printed and the exit code it ended with. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in process for a verb's tests, with the given working directory, environment and stdin. */
export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const deps: CliDeps = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => options.stdin ?? '',
    cwd: options.cwd ?? '.',
    env: options.env ?? {},
    isTty: false,
    exit: () => undefined,
  };
  const code = await main(argv, deps);
  return { code, stdout, stderr };
}
