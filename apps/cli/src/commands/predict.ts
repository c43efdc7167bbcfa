import { CommanderError, type Command } from 'commander';
import { printJsonLine, processIo, readStdin, stdinOf, type CliIo } from '../cli-io';
import { selectBackend } from '../load-models';
import { requirePath } from '../output-paths';
import type { GlobalOptions } from '../program';
import { UsageError } from '../usage-error';

interface PredictFlags {
  readonly input?: string;
}

/** One input and where it came from, for messages: a line of stdin, or `--input`. */
interface SourcedInput {
  readonly where: string;
  readonly text: string;
}

/** The non-blank lines of stdin, numbered as an editor numbers them so a message points at the right one. */
function linesOf(text: string): SourcedInput[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines
    .map((line, i) => ({ where: `line ${i + 1}`, text: line.endsWith('\r') ? line.slice(0, -1) : line }))
    .filter((line) => line.text.trim() !== '');
}

/**
 * `rnn predict DIR`: runs the model a run saved (`rnn train --out DIR`) on inputs written as `rnn
 * data` prints its inputs, one per line on stdin or one `--input`, and prints each answer as `rnn
 * data` prints targets, one line per input (JSON Lines `{input, prediction, values?}` with --json).
 * A malformed input gets one line on stderr naming it; the others are still answered, and the exit
 * code is 2.
 */
export function registerPredictCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('predict')
    .description('run a saved run (rnn train --out DIR) on inputs: one per line on stdin, or --input')
    .argument('<dir>', 'the folder rnn train --out wrote')
    .option('--input <text>', 'one input, in the form rnn data prints inputs (instead of reading stdin)')
    .action(async (dir: string, flags: PredictFlags, command: Command) => {
      const { json, backend } = command.optsWithGlobals<GlobalOptions>();
      requirePath('DIR', dir, 'a run folder');
      const training = await import('@rnn/training/node');
      await selectBackend(backend);
      const checkpoint = await training.loadRunCheckpoint(dir);
      try {
        if (checkpoint.kind !== 'recipe') {
          throw new UsageError(
            `${dir} holds a run of the language model recipe ${checkpoint.recipe.name}; rnn predict answers task recipes' inputs (see rnn list; sample a language model with rnn sample)`,
          );
        }
        const { recipe, run } = checkpoint;
        let inputs: SourcedInput[];
        if (flags.input !== undefined) {
          inputs = [{ where: '--input', text: flags.input }];
        } else {
          if (stdinOf(io).isTTY) {
            io.stderr.write(`rnn: reading ${recipe.task.name} inputs from stdin, one per line; end with Ctrl-D\n`);
          }
          inputs = linesOf(await readStdin(io));
        }
        const predictions = await training.predictRecipe(
          recipe,
          checkpoint.model,
          inputs.map((i) => i.text),
          run.overrides,
        );
        let malformed = 0;
        predictions.forEach((p, i) => {
          if ('error' in p) {
            io.stderr.write(`rnn: ${inputs[i].where}: ${p.error}\n`);
            malformed++;
          } else if (json) {
            printJsonLine(io, { input: p.input, prediction: p.prediction, ...(p.values ? { values: p.values } : {}) });
          } else {
            io.stdout.write(`${p.prediction}\n`);
          }
        });
        // Each malformed input has had its own line on stderr; runCli turns a CommanderError into
        // exit code 2 without printing anything more.
        if (malformed > 0) throw new CommanderError(2, 'rnn.predict.malformedInput', `${malformed} malformed input(s)`);
      } finally {
        checkpoint.model.dispose();
        for (const { tensor } of checkpoint.optimizerState) tensor.dispose();
      }
    });
}
