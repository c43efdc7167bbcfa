// What the page shows of a run folder it was given: the settings its knobs take, which checkpoint
// it is, and its recorded epochs. The checks themselves are @rnn/training's (readRunFolder).
import { languageModelSettings, recipeSettings, type CheckpointManifest, type RunCheckpoint } from '@rnn/training';
import type { RunSettings } from './protocol';

/** The page's knobs for the run a checkpoint records: its recipe, model and training choices, and seed. */
export function runSettingsOf(checkpoint: RunCheckpoint): RunSettings {
  const { recipe, run } = checkpoint;
  const settings =
    checkpoint.kind === 'language-model'
      ? languageModelSettings(checkpoint.recipe, checkpoint.run.overrides)
      : recipeSettings(checkpoint.recipe, checkpoint.run.overrides);
  const minutes = checkpoint.kind === 'language-model' ? checkpoint.recipe.training.minutes : undefined;
  return {
    recipe: recipe.name,
    cell: settings.cell,
    hidden: settings.hidden,
    layers: settings.layers,
    learningRate: settings.learningRate,
    epochs: settings.epochs,
    seed: run.seed,
    ...(minutes !== undefined ? { minutes } : {}),
  };
}

/** Which checkpoint a manifest is, in words: `parity after epoch 5 of 5`, `charlm-quick after step 626 (epoch 3 of 3)`. */
export function checkpointDescription(
  recipe: string,
  at: Pick<CheckpointManifest, 'epoch' | 'step'>,
  epochs: number,
): string {
  if (at.step === undefined) return `${recipe} after epoch ${at.epoch} of ${epochs}`;
  return `${recipe} after step ${at.step} (${at.epoch} of ${epochs} epochs done)`;
}

/**
 * A run's recorded epochs as the chart draws them: a task recipe's loss per target step and its
 * monitored metric; a language model's loss and validation in bits per character.
 */
export function recordedHistory(
  checkpoint:
    | Pick<Extract<RunCheckpoint, { kind: 'recipe' }>, 'kind' | 'manifest'>
    | Pick<Extract<RunCheckpoint, { kind: 'language-model' }>, 'kind' | 'manifest'>,
): { epoch: number; loss: number; metric?: number }[] {
  if (checkpoint.kind === 'language-model') {
    return checkpoint.manifest.history.map((r) => ({
      epoch: r.epoch,
      loss: r.loss / Math.LN2,
      ...(r.validationBitsPerChar !== undefined ? { metric: r.validationBitsPerChar } : {}),
    }));
  }
  return checkpoint.manifest.history.map((r) => ({
    epoch: r.epoch,
    loss: r.loss,
    ...(r.metric !== undefined ? { metric: r.metric } : {}),
  }));
}
