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
import { registerPlotCommand } from './commands/plot';
import { registerPredictCommand } from './commands/predict';
import { registerSampleCommand } from './commands/sample';
import { registerStudyCommand } from './commands/study';
import { registerTourCommand } from './commands/tour';
import { registerTrainCommand } from './commands/train';
import { loadModels, selectBackend } from './load-models';
import { UsageError } from './usage-error';

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
      // commander's own errors ("error: option '--n <count>' argument 'abc' is invalid...") speak
      // with the same voice as the command's: one line starting "rnn: ".
      outputError: (text, write) => write(text.replace(/^error: /, 'rnn: ')),
    });
  program.hook('preAction', async (command, action) => {
    const { backend } = command.optsWithGlobals<GlobalOptions>();
    // Fail early, before any work, when the named backend cannot be used here.
    if (backend !== undefined) await selectBackend(backend);
    // tfjs prints its "install tfjs-node" banner when a first tensor lands on its default backend,
    // and loading a checkpoint makes one before any backend is chosen: quiet it before any work.
    else if (!withoutTfjs.has(commandPath(action)[0])) await loadModels();
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
  registerPlotCommand(program, io);
  registerTourCommand(program, io);
  addHelpCommands(program);
  return program;
}

/**
 * Commands that start without tfjs (data, the Markov model, the recipe list, help) or load it only
 * for the inputs that need it (compare), so they stay fast.
 */
const withoutTfjs: ReadonlySet<string> = new Set(['data', 'markov', 'list', 'help', 'compare']);

/** The names from the program down to `command`, e.g. `['markov', 'train']`. */
function commandPath(command: Command): string[] {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names;
}

/**
 * Gives every command that has subcommands a `help [command...]` of its own. commander's built-in
 * one answers a name it does not know with the whole help text and no word on what was wrong; this
 * one says which name is unknown and which commands there are, in one line.
 */
function addHelpCommands(parent: Command): void {
  for (const child of parent.commands) if (child.commands.length > 0) addHelpCommands(child);
  parent.helpCommand(false);
  parent
    .command('help')
    .description('display help for command')
    .argument('[command...]', 'the command, e.g. train or markov generate')
    .action((names: string[]) => {
      let target = parent;
      for (const name of names) {
        const found = target.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (found === undefined || found.name() === 'help') {
          const where = commandPath(target);
          const known = target.commands.map((c) => c.name()).filter((n) => n !== 'help');
          const unknown = [...where, name].join(' ');
          throw new UsageError(
            known.length === 0
              ? `unknown command ${unknown}; ${['rnn', ...where].join(' ')} has no subcommands`
              : `unknown command ${unknown}; commands${where.length ? ` of ${where.join(' ')}` : ''}: ${known.join(', ')}`,
          );
        }
        target = found;
      }
      target.outputHelp();
    });
}
