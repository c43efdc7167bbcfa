import type { Command } from 'commander';
import { printJson, processIo, type CliIo } from '../cli-io';
import { selectBackend } from '../load-models';
import { requirePath } from '../output-paths';
import type { GlobalOptions } from '../program';
import { UsageError } from '../usage-error';

/** `rnn eval DIR`: re-evaluates a saved run (`rnn train --out DIR`) on fresh data. */
export function registerEvalCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('eval')
    .description('re-evaluate a saved run (rnn train --out DIR) on fresh test data')
    .argument('<dir>', 'the folder rnn train --out wrote')
    .action(async (dir: string, _flags: unknown, command: Command) => {
      const { json, backend } = command.optsWithGlobals<GlobalOptions>();
      requirePath('DIR', dir, 'a run folder');
      const training = await import('@rnn/training/node');
      const checkpoint = await training.loadRunCheckpoint(dir);
      try {
        if (checkpoint.kind !== 'recipe') {
          throw new UsageError(
            `${dir} holds a run of the language model recipe ${checkpoint.recipe.name}; rnn eval re-evaluates task recipes (see rnn list)`,
          );
        }
        const { recipe, run } = checkpoint;
        const selection = await selectBackend(backend);
        const { test, target, reached } = await training.evaluateRecipe(
          recipe,
          checkpoint.model,
          run.seed,
          run.overrides,
        );
        const report = {
          recipe: recipe.name,
          seed: run.seed,
          epoch: checkpoint.manifest.epoch,
          test,
          target,
          reached,
          backend: selection.name,
        };
        if (json) printJson(io, report);
        else
          io.stdout.write(
            `${recipe.name} (epoch ${report.epoch}): fresh-data ${target.metric} ${target.value.toFixed(4)} ` +
              `(target ${training.targetGoal(target)}: ${reached ? 'reached' : 'NOT reached'}), loss ${test.loss.toFixed(4)} on ${selection.name}\n`,
          );
      } finally {
        checkpoint.model.dispose();
      }
    });
}
