/** Where a command writes: stdout carries data only, stderr carries messages and progress. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
}

/** The real terminal. */
export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

/** Prints one JSON document on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints one record of a JSON Lines stream on stdout. */
export function printJsonLine(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}
