import type { Command } from 'commander';
import { printJson, processIo, type CliIo } from '../cli-io';
import type { GlobalOptions } from '../program';

/** `rnn list`: the recipes, with their source, defaults and target. */
export function registerListCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('list')
    .description('show the recipes (one per exercise of the source documents) with defaults and targets')
    .action(async (_options: unknown, command: Command) => {
      const { json } = command.optsWithGlobals<GlobalOptions>();
      const { recipes, languageModelRecipes } = await import('@rnn/training');
      const rows = recipes.map((r) => ({
        name: r.name,
        source: r.source,
        description: r.description,
        task: r.task,
        model: r.model,
        training: r.training,
        target: {
          metric: r.target.metric,
          ...(r.target.atLeast !== undefined ? { atLeast: r.target.atLeast } : {}),
          ...(r.target.atMost !== undefined ? { atMost: r.target.atMost } : {}),
          description: r.target.description,
        },
        ...(r.notebook ? { notebook: r.notebook } : {}),
      }));
      const languageModels = languageModelRecipes.map((r) => ({
        name: r.name,
        kind: r.kind,
        source: r.source,
        description: r.description,
        corpus: r.corpus,
        model: r.model,
        training: r.training,
        target: {
          metric: 'validationBitsPerChar',
          ...(r.target.atMost !== undefined ? { atMost: r.target.atMost } : {}),
          beatMarkov: r.target.beatMarkov,
          description: r.target.description,
        },
      }));
      if (json) {
        printJson(io, [...rows, ...languageModels]);
        return;
      }
      for (const r of rows) {
        const { cell, hidden, layers, decoderInput, inject } = r.model;
        const t = r.training;
        const wiring = `${decoderInput ? `, decoder reads ${decoderInput}` : ''}${inject ? `, ${inject}-inject` : ''}`;
        io.stdout.write(
          `${r.name}\n  ${r.description}\n  source: ${r.source}\n` +
            `  defaults: ${cell} ${hidden}x${layers}${wiring}, ${t.epochs} epochs, batch ${t.batchSize}, ${t.optimizer} lr ${t.learningRate}` +
            `${t.schedule && t.schedule.kind !== 'constant' ? ` (${t.schedule.kind} schedule)` : ''}` +
            `${t.clipNorm ? `, clip ${t.clipNorm}` : ''}\n  target: ${r.target.description}\n` +
            `${r.notebook ? `  --notebook: the notebook's own settings (${r.notebook.why})\n` : ''}`,
        );
      }
      for (const r of languageModels) {
        const { cell, hidden, layers, embedding, dropout } = r.model;
        const t = r.training;
        io.stdout.write(
          `${r.name}\n  ${r.description}\n  source: ${r.source}\n` +
            `  defaults: ${r.corpus}, embedding ${embedding} + ${cell} ${hidden}x${layers}` +
            `${dropout > 0 ? `, dropout ${dropout}` : ''}, ${t.scheme} batch ${t.batchSize} x ${t.length}, ` +
            `${t.epochs} epochs, ${t.optimizer} lr ${t.learningRate}` +
            `${t.schedule && t.schedule.kind !== 'constant' ? ` (${t.schedule.kind} schedule)` : ''}` +
            `${t.clipNorm ? `, clip ${t.clipNorm}` : ''}${t.minutes ? `, at most ${t.minutes} minutes` : ''}\n` +
            `  target: ${r.target.description}\n`,
        );
      }
    });
}
