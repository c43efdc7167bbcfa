import { Readable } from 'node:stream';
import type { CliIo } from './cli-io';

/** An in-memory terminal for tests: what a command wrote to stdout and stderr. */
export function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    out: () => out,
    err: () => err,
  };
}

/** {@link captureIo} with `text` on stdin, for commands that read their input from it. */
export function captureIoWithStdin(text: string): CliIo & { out: () => string; err: () => string } {
  return { ...captureIo(), stdin: Readable.from([text]) };
}
