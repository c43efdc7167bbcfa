/** Where a command writes: stdout carries data only, stderr carries messages and progress. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Where a command reads input lines from; default the process's stdin (see {@link readStdin}). */
  readonly stdin?: CliInput;
}

/** A stream of input text: the process's stdin, or text a test feeds in. */
export interface CliInput extends AsyncIterable<string | Uint8Array> {
  readonly isTTY?: boolean;
}

/** Where `io` reads input from: its own stdin, else the process's. */
export function stdinOf(io: CliIo): CliInput {
  return io.stdin ?? process.stdin;
}

/** Reads all of the command's stdin as UTF-8 text (a character split across chunks stays whole). */
export async function readStdin(io: CliIo): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stdinOf(io)) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
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
