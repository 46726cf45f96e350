/**
 * A failure the user can act on: the CLI prints its message as one line, without
 * a stack trace. Anything else is a bug and keeps its stack.
 */
export class ScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptError';
  }
}

/** A line for the person at the terminal. */
export type LineWriter = (line: string) => void;

export const printLine: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/** A ScriptError as its message; anything else with its stack. */
export function describeError(error: unknown): string {
  if (error instanceof ScriptError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs a script's main function and turns a failure into one line on stderr and exit code 1. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${name}: ${describeError(error)}\n`);
    process.exit(1);
  });
}
