import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** How one example ran: its exit, its output, and how long it took. */
export interface ExampleRun {
  /** The exit code, or null when the process was killed (see `timedOut`). */
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/**
 * Runs `code` as a user's script runs inside the repository: written to `example.mts` in `folder`
 * (which must lie inside the repository, so `@rnn/*` resolve, and is created afresh and removed
 * after), started with Node, tsx and the `@rnn/source` condition, with `folder` as its working
 * directory, so whatever it writes lands there. It is killed after `timeoutSeconds`.
 */
export async function runExample(code: string, folder: string, timeoutSeconds: number): Promise<ExampleRun> {
  const tsx = pathToFileURL(createRequire(path.join(folder, 'index.js')).resolve('tsx')).href;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const script = path.join(folder, 'example.mts');
  writeFileSync(script, code);
  const started = performance.now();
  try {
    return await new Promise<ExampleRun>((resolve) => {
      execFile(
        process.execPath,
        ['--conditions=@rnn/source', '--import', tsx, script],
        { cwd: folder, timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const timedOut = error !== null && 'killed' in error && error.killed === true;
          const exit = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
          resolve({
            code: timedOut ? null : exit,
            timedOut,
            stdout,
            stderr,
            seconds: (performance.now() - started) / 1000,
          });
        },
      );
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * What an example wrote to stderr beyond warnings: Node's process warnings, and tfjs's notice that
 * the `@tensorflow/tfjs-node` backend would be faster (printed where it is not installed, which is
 * the default here). An empty string when there was nothing else.
 */
export function stderrBeyondWarnings(stderr: string): string {
  return stderr
    .replace(/^=+\r?\nHi, looks like you are running TensorFlow\.js in Node\.js\..*\r?\n=+$/gm, '')
    .replace(/^\(node:\d+\) (?:\[\w+\] )?\w*Warning: .*$/gm, '')
    .replace(/^\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)$/gm, '')
    .trim();
}
