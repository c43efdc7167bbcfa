import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { heatmapSvg } from '@rnn/charts';
import { printJson, processIo, type CliIo } from '../cli-io';
import { selectBackend } from '../load-models';
import { checkOutputFolder, requirePath } from '../output-paths';
import type { GlobalOptions } from '../program';
import { UsageError } from '../usage-error';

interface InspectFlags {
  readonly input?: string;
  readonly out?: string;
  readonly force?: boolean;
}

/** A panel name as a file name: `layer 1 forget gate` -> `layer-1-forget-gate`. */
const fileNameOf = (name: string) => name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

/**
 * `rnn inspect [DIR]`: records every hidden unit of a trained run (or, with no DIR, of a fresh
 * SimpleRNN 100 on two sine waves, as the RNN basics notebook does) at every step, with LSTM/GRU
 * gates, and writes them as JSON and as one SVG heatmap per layer and gate.
 */
export function registerInspectCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('inspect')
    .description('look inside a model: every hidden unit (and gate) at every step, as JSON and SVG heatmaps')
    .argument('[dir]', 'a run folder (rnn train --out DIR); default: a fresh SimpleRNN 100 on two sine waves')
    .option('--input <text>', "the run's input, in the form rnn data prints inputs (default: a fresh test example)")
    .option('--out <dir>', 'where to write inspect.json and the SVGs (default: the run folder, or ./rnn-inspect)')
    .option('--force', 'replace inspect.json and SVGs an earlier rnn inspect left in that folder')
    .action(async (dir: string | undefined, flags: InspectFlags, command: Command) => {
      const { json, backend } = command.optsWithGlobals<GlobalOptions>();
      requirePath('DIR', dir, 'a run folder');
      requirePath('--out', flags.out, 'a folder');
      const out = flags.out ?? dir ?? 'rnn-inspect';
      const force = flags.force === true;
      // The place is checked before any work; the files, once the model says which panels it has.
      checkOutputFolder('--out', out, [], force);
      const training = await import('@rnn/training/node');
      const { createRng, parseTaskInput } = await import('@rnn/datasets');
      const { writeFileAtomic } = await import('@rnn/datasets/node');
      await selectBackend(backend);
      let inspection;
      let subject: string;
      if (dir === undefined) {
        if (flags.input !== undefined) throw new UsageError('--input needs a run folder: rnn inspect DIR --input TEXT');
        const model = training.freshSimpleRnn();
        try {
          inspection = training.inspectModel(model, training.twoSineWaves());
        } finally {
          model.dispose();
        }
        subject = 'a fresh SimpleRNN 100 on two sine waves (frequency 1, then 5)';
      } else {
        const checkpoint = await training.loadRunCheckpoint(dir);
        try {
          if (checkpoint.kind !== 'recipe') {
            throw new UsageError(
              `${dir} holds a run of the language model recipe ${checkpoint.recipe.name}; rnn inspect looks inside task recipes' runs (see rnn list)`,
            );
          }
          const { recipe, run } = checkpoint;
          const settings = training.recipeSettings(recipe, run.overrides);
          const examples =
            flags.input !== undefined
              ? parseTaskInput(recipe.task.name, flags.input, settings.task)
              : training.testDataOf(recipe, settings.task, 1, createRng(run.seed).fork('inspect'));
          inspection = training.inspectModel(checkpoint.model, examples);
          subject = `${recipe.name} (${dir}) on ${flags.input !== undefined ? JSON.stringify(flags.input) : 'a fresh test example'}`;
        } finally {
          checkpoint.model.dispose();
          for (const w of checkpoint.optimizerState) w.tensor.dispose();
        }
      }
      const names = ['inspect.json', ...inspection.panels.map((panel) => `inspect-${fileNameOf(panel.name)}.svg`)];
      checkOutputFolder('--out', out, names, force);
      await mkdir(out, { recursive: true });
      const files = [path.join(out, names[0])];
      await writeFileAtomic(files[0], `${JSON.stringify({ subject, ...inspection })}\n`);
      for (const [i, panel] of inspection.panels.entries()) {
        const file = path.join(out, names[i + 1]);
        const svg = heatmapSvg({
          values: panel.values,
          rows: panel.units,
          columns: panel.steps,
          title: `${panel.name}: ${subject}`,
          legendLabel: panel.name.endsWith('gate') ? 'gate activation' : 'activation',
          ...(panel.steps === inspection.input.length ? { line: { values: inspection.input, label: 'input' } } : {}),
        });
        await writeFileAtomic(file, svg);
        files.push(file);
      }
      if (json) printJson(io, { subject, files });
      else
        io.stdout.write(`${subject}: ${inspection.panels.length} panels\n${files.map((f) => `  ${f}`).join('\n')}\n`);
    });
}
