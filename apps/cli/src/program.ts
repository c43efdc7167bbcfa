import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { CliIo } from './cli-io';
import { registerCompareCommand } from './commands/compare';
import { registerDataCommand } from './commands/data';
import { registerEvalCommand } from './commands/eval';
import { registerExportCommand } from './commands/export';
import { registerInfoCommand } from './commands/info';
import { registerInspectCommand } from './commands/inspect';
import { registerListCommand } from './commands/list';
import { registerMarkovCommand } from './commands/markov';
import { registerPredictCommand } from './commands/predict';
import { registerSampleCommand } from './commands/sample';
import { registerStudyCommand } from './commands/study';
import { registerTrainCommand } from './commands/train';
import { selectBackend } from './load-models';

/** The CLI's own version, read from its package.json (one level above both src/ and dist/). */
export const cliVersion: string = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;

/** Options every command accepts. */
export interface GlobalOptions {
  /** Print machine-readable JSON on stdout. */
  readonly json?: boolean;
  /** The tfjs backend to use instead of the automatic choice. */
  readonly backend?: string;
}

/**
 * Builds the `rnn` program: global options, error handling that never exits the process (so
 * {@link runCli} owns exit codes), and every command.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('rnn')
    .description('Recurrent neural networks in TypeScript: data, training, sampling and baselines.')
    .version(cliVersion, '-V, --version')
    .option('--json', 'print machine-readable JSON on stdout')
    .option(
      '--backend <name>',
      'tfjs backend: tensorflow-gpu, tensorflow, wasm or cpu (default: the fastest that trains here)',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  program.hook('preAction', async (command) => {
    const { backend } = command.optsWithGlobals<GlobalOptions>();
    // Fail early, before any work, when the named backend cannot be used here.
    if (backend !== undefined) await selectBackend(backend);
  });
  registerInfoCommand(program, io);
  registerDataCommand(program, io);
  registerMarkovCommand(program, io);
  registerListCommand(program, io);
  registerTrainCommand(program, io);
  registerEvalCommand(program, io);
  registerStudyCommand(program, io);
  registerPredictCommand(program, io);
  registerSampleCommand(program, io);
  registerCompareCommand(program, io);
  registerExportCommand(program, io);
  registerInspectCommand(program, io);
  return program;
}
