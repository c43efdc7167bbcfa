// Browser-safe: the rules of resuming a run from its checkpoint, wherever the checkpoint was read.
import * as tf from '@tensorflow/tfjs';
import { SequenceModel } from '@rnn/models';
import type { LanguageModelOverrides } from '../language-model/language-model-recipe';
import type { LanguageModelResumePoint } from '../language-model/train-language-model';
import type { RecipeOverrides } from '../recipes/recipe';
import type { ResumePoint } from '../recipes/train-recipe';
import type { RunCheckpoint } from './run-checkpoint';

/**
 * What a resumed task recipe run goes on with. A resumed run keeps the settings it was started
 * with, so all of it comes from the checkpoint: the seed, the overrides, whether it ran the source
 * notebook's settings, and the trainer's `resume` state.
 */
export interface ResumedRecipeRun {
  readonly seed: string;
  readonly overrides: RecipeOverrides;
  /** Whether the run used the source notebook's own settings (its record says so). */
  readonly notebook: boolean;
  /** For `trainRecipe`'s `resume` option: the model, the optimizer state, the epoch and the history. */
  readonly resume: ResumePoint;
}

/**
 * What a resumed character language model run goes on with: its seed, overrides and corpus from
 * the checkpoint, with the time budget the only setting given anew (it is each process's own).
 */
export interface ResumedLanguageModelRun {
  readonly seed: string;
  /** The run's overrides, with `minutes` when a new time budget was given. */
  readonly overrides: LanguageModelOverrides;
  /** The corpus it trains on: a shipped corpus's name or a file path. */
  readonly corpus: string;
  /** For `trainLanguageModel`'s `resume` option: model, optimizer state, step, carried state and history. */
  readonly resume: LanguageModelResumePoint;
}

/** Frees what a refused checkpoint holds: nothing of it goes on to train. */
function disposeCheckpoint(checkpoint: RunCheckpoint): void {
  checkpoint.model.dispose();
  tf.dispose(checkpoint.optimizerState.map((w) => w.tensor));
  tf.dispose(checkpoint.carried ?? []);
}

/** Refuses a checkpoint of another recipe's run, in the words `rnn train --resume` prints. */
function refuseOtherRecipe(checkpoint: RunCheckpoint, recipe: string, folder: string): never {
  disposeCheckpoint(checkpoint);
  throw new RangeError(`${folder} holds a run of recipe ${checkpoint.recipe.name}, not ${recipe}`);
}

/**
 * Takes a task recipe run up where its checkpoint left it, so that resuming gives the weights the
 * uninterrupted run would have: the checkpoint must hold a run of `recipe` (by name), and the
 * seed, overrides, notebook flag and trainer state all come from it. `folder` is the run folder
 * as the user named it, for the message.
 *
 * @throws RangeError, one line naming the folder, when the checkpoint holds a run of another
 * recipe (or a language model's); the checkpoint's tensors are freed then.
 *
 * @example
 * const checkpoint = await loadRunCheckpoint('runs/parity');
 * const { seed, overrides, resume } = resumeRecipeRun(checkpoint, 'parity', 'runs/parity');
 * await trainRecipe(parityRecipe, { seed, overrides, resume });
 */
export function resumeRecipeRun(checkpoint: RunCheckpoint, recipe: string, folder: string): ResumedRecipeRun {
  if (checkpoint.kind !== 'recipe' || checkpoint.recipe.name !== recipe) {
    return refuseOtherRecipe(checkpoint, recipe, folder);
  }
  const { run, manifest } = checkpoint;
  return {
    seed: run.seed,
    overrides: run.overrides,
    notebook: run.notebook === true,
    resume: {
      model: checkpoint.model,
      optimizerState: checkpoint.optimizerState,
      epoch: manifest.epoch,
      history: manifest.history,
    },
  };
}

/**
 * Takes a character language model run up at the very next step after its checkpoint, carried
 * state included: the checkpoint must hold a run of `recipe` (by name), and the seed, overrides and
 * corpus come from it. `minutes`, when given, is the new run's time budget (the one setting a
 * resumed run may set anew); without it the run trains to its last epoch. `folder` is the run
 * folder as the user named it, for the messages.
 *
 * @throws RangeError, one line naming the folder, when the checkpoint holds a run of another
 * recipe (or a task recipe's), or a model that is no language model; the checkpoint's tensors are
 * freed then.
 *
 * @example
 * const checkpoint = await loadRunCheckpoint('runs/charlm');
 * const { seed, overrides, corpus, resume } = resumeLanguageModelRun(checkpoint, 'charlm', 'runs/charlm', 30);
 * await trainLanguageModel(charlmRecipe, { text: loadCorpus(corpus), corpusName: corpus, seed, overrides, resume });
 */
export function resumeLanguageModelRun(
  checkpoint: RunCheckpoint,
  recipe: string,
  folder: string,
  minutes?: number,
): ResumedLanguageModelRun {
  if (checkpoint.kind !== 'language-model' || checkpoint.recipe.name !== recipe) {
    return refuseOtherRecipe(checkpoint, recipe, folder);
  }
  const { model, run, manifest } = checkpoint;
  if (!(model instanceof SequenceModel)) {
    disposeCheckpoint(checkpoint);
    throw new RangeError(`${folder} does not hold a language model`);
  }
  return {
    seed: run.seed,
    overrides: { ...run.overrides, ...(minutes !== undefined ? { minutes } : {}) },
    corpus: run.corpus,
    resume: {
      model,
      optimizerState: checkpoint.optimizerState,
      step: manifest.step,
      ...(checkpoint.carried ? { carried: checkpoint.carried } : {}),
      history: manifest.history,
    },
  };
}
