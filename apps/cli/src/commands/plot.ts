import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { historySvg } from '@rnn/views';
import { printJson, processIo, type CliIo } from '../cli-io';
import { checkOutputFile, requirePath } from '../output-paths';
import type { GlobalOptions } from '../program';
import { UsageError } from '../usage-error';

interface PlotFlags {
  readonly out?: string;
  readonly force?: boolean;
}

const defaultFile = 'history.svg';

/**
 * `rnn plot DIR`: the run's history as one SVG picture: the loss per epoch (training, and the
 * validation text's for a language model, beside the best Markov order when the run measured it)
 * and the target's metric on fresh data after the epochs (task recipes), against the target.
 */
export function registerPlotCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('plot')
    .description("draw a run's history as SVG: loss per epoch, and its target's metric against the target")
    .argument('<dir>', 'a run folder (rnn train --out DIR)')
    .option('--out <file>', `where the SVG goes (default: DIR/${defaultFile})`)
    .option('--force', 'replace the file if it exists')
    .action(async (dir: string, flags: PlotFlags, command: Command) => {
      const { json } = command.optsWithGlobals<GlobalOptions>();
      requirePath('DIR', dir, 'a run folder');
      requirePath('--out', flags.out, 'a file');
      // A missing run folder is Node's ENOENT, which runCli reports as one line naming it.
      if (!statSync(dir).isDirectory())
        throw new UsageError(`${dir} is a file; give a run folder (rnn train --out DIR)`);
      const file = flags.out ?? path.join(dir, defaultFile);
      // The picture is the run's own: replacing the one an earlier plot drew needs no --force.
      checkOutputFile('--out', file, flags.force === true || flags.out === undefined);
      const training = await import('@rnn/training/node');
      const { writeFileAtomic } = await import('@rnn/datasets/node');
      const checkpoint = await training.loadRunCheckpoint(dir);
      let curves;
      try {
        curves =
          checkpoint.kind === 'recipe'
            ? training.recipeHistoryCurves(checkpoint.recipe.target, checkpoint.manifest.history)
            : training.languageModelHistoryCurves(checkpoint.manifest.history, await finishedBaseline(dir));
      } finally {
        checkpoint.model.dispose();
        for (const w of checkpoint.optimizerState) w.tensor.dispose();
        for (const t of checkpoint.carried ?? []) t.dispose();
      }
      const title = `${checkpoint.recipe.name}, seed ${checkpoint.run.seed}`;
      await writeFileAtomic(file, historySvg({ ...curves, title }));
      if (json) printJson(io, { file, recipe: checkpoint.recipe.name, epochs: curves.epochs });
      else io.stdout.write(`${file}\n`);
    });
}

/** The Markov baseline a finished language model run measured (its result.json), if it did. */
async function finishedBaseline(dir: string) {
  const { readFile } = await import('node:fs/promises');
  try {
    const result = JSON.parse(await readFile(path.join(dir, 'result.json'), 'utf8')) as {
      markov?: { order?: unknown; validationBitsPerChar?: unknown };
    };
    const { order, validationBitsPerChar } = result.markov ?? {};
    return typeof order === 'number' && typeof validationBitsPerChar === 'number'
      ? { order, validationBitsPerChar }
      : undefined;
  } catch {
    // No result yet (a run still training, or stopped before its end): the curves stand alone.
    return undefined;
  }
}
