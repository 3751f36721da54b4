/** What a CLI verb may use of the process: its streams, working directory and environment. */
export interface CliDeps {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input. */
  readStdin(): Promise<string>;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour, progress bars). */
  isTty: boolean;
  /** Sets the process exit code the verb ends with. */
  exit(code: number): void;
}

/** Exit codes shared by every verb (DESIGN.md). */
export const EXIT = {
  ok: 0,
  notAllowed: 1,
  usage: 2,
  held: 3,
  internal: 4,
} as const;
