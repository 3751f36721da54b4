import { Command, CommanderError } from 'commander';
import { VERBS } from './interfaces/cli/commands/index.js';
import { EXIT, type CliDeps } from './interfaces/cli/deps.js';
import { describeError } from './interfaces/cli/errors.js';

/** Builds the process-facing dependencies of the CLI: the one place where the process is wired in. */
export function processDeps(): CliDeps {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: readAllStdin,
    cwd: process.cwd(),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
    exit: (code) => {
      process.exitCode = code;
    },
  };
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Builds the commander program with the verbs needed for argv (only the named verb's module is loaded). */
export async function buildProgram(argv: string[], deps: CliDeps): Promise<Command> {
  const program = new Command('blastwall')
    .description(
      'Guardrails for AI-assisted change: who wrote it, what it reaches, whose sign-off it needs, and which agent actions may run.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: deps.stdout, writeErr: deps.stderr })
    .exitOverride();
  const verb = argv.find((arg) => !arg.startsWith('-'));
  const wanted = verb !== undefined && verb in VERBS ? [verb] : Object.keys(VERBS);
  for (const name of wanted) {
    const loader = VERBS[name];
    if (loader) (await loader()).register(program, deps);
  }
  return program;
}

/** Runs the CLI and resolves to the exit code. */
export async function main(argv: string[], deps: CliDeps = processDeps()): Promise<number> {
  let code: number = EXIT.ok;
  const wrapped: CliDeps = {
    ...deps,
    exit: (c) => {
      code = c;
      deps.exit(c);
    },
  };
  try {
    const program = await buildProgram(argv, wrapped);
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    const described = describeError(error);
    deps.stderr(`blastwall: ${described.message}\n`);
    return described.exitCode;
  }
}
