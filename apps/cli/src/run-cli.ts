import { CommanderError } from 'commander';
import { processIo, type CliIo } from './cli-io';
import { createProgram } from './program';
import { TargetsMissedError } from './targets-missed-error';
import { isUsageError } from './usage-error';

/**
 * Runs the `rnn` command line and returns its exit code: 0 success, 2 bad usage or bad input (one
 * line on stderr, no stack trace), 1 a target not reached (one line) or an internal failure.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its one-line message (or the help text).
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof TargetsMissedError) {
      io.stderr.write(`rnn: ${oneLine(err.message)}\n`);
      return 1;
    }
    if (isUsageError(err)) {
      io.stderr.write(`rnn: ${oneLine(describeUsageError(err))}\n`);
      return 2;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr.write(`rnn: internal error: ${detail}\n`);
    return 1;
  }
}

const fileProblems: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
};

/** A file system error as `path: what is wrong`, without Node's syscall jargon. */
function describeUsageError(err: Error): string {
  const { code, path } = err as { code?: string; path?: string };
  return code && path && fileProblems[code] ? `${path}: ${fileProblems[code]}` : err.message;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
