/** Where a command writes: stdout carries data only, stderr carries messages and progress. */
export interface CliIo {
  /**
   * `write` returns false when the stream is backed up and will emit 'drain' (through `once`) when it
   * has caught up, as a Node stream does; a test's fake may leave `once` out.
   */
  readonly stdout: {
    write(text: string): unknown;
    readonly isTTY?: boolean;
    once?(event: 'drain', listener: () => void): unknown;
  };
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

/** Characters {@link chunkedWriter} gathers before each write: big enough to be cheap, small enough to stream. */
export const outputChunkLength = 65_536;

/**
 * Gathers many small pieces of text (one character each, as a sampler makes them) into writes of
 * about `chunkLength` characters, so output too long to hold goes out in pieces in constant memory.
 * `write` returns a promise while the stream is backed up (a slow pipe): the producer awaits it
 * instead of queueing text in memory. `end` writes the rest once the stream has caught up.
 */
export function chunkedWriter(
  stream: CliIo['stdout'],
  chunkLength = outputChunkLength,
): { write(text: string): Promise<void> | undefined; end(): Promise<void> } {
  let pending = '';
  let backedUp: Promise<void> | undefined;
  const flush = () => {
    const accepted = stream.write(pending);
    pending = '';
    if (accepted === false && stream.once && backedUp === undefined) {
      const once = stream.once.bind(stream);
      backedUp = new Promise((resolve) =>
        once('drain', () => {
          backedUp = undefined;
          resolve();
        }),
      );
    }
  };
  return {
    write(text) {
      pending += text;
      if (pending.length >= chunkLength) flush();
      return backedUp;
    },
    async end() {
      if (backedUp) await backedUp;
      if (pending.length > 0) flush();
      if (backedUp) await backedUp;
    },
  };
}
