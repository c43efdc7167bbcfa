// Node only: exported from `@rnn/training/node`.
import { Vocabulary } from '@rnn/datasets';
import { LanguageModel, SequenceModel } from '@rnn/models';
import { findAnyRecipe, isLanguageModelRecipe } from '../recipes/registry';
import type { RecipeOverrides } from '../recipes/recipe';
import { recipeData } from '../recipes/train-recipe';
import { loadCheckpoint, type CheckpointManifest } from './checkpoint';

/** A trained language model loaded from a run folder, ready for `@rnn/sampling`. */
export interface LanguageModelRun {
  /** The folder it came from. */
  readonly dir: string;
  /** The recipe that trained it (`charlm`, `charlm-quick`, `sentences`). */
  readonly recipe: string;
  /** The step model: one model step per token (the caller disposes it with {@link LanguageModelRun.dispose}). */
  readonly model: LanguageModel;
  readonly vocabulary: Vocabulary;
  /** The corpus it was trained on, by name or path, for character language models. */
  readonly corpus?: string;
  readonly manifest: CheckpointManifest;
  /** Frees the model's weights. */
  dispose(): void;
}

/**
 * Loads the latest checkpoint of a run folder written by `rnn train --out` as a language model: a
 * character language model recipe (its vocabulary is saved with it) or the sentences recipe (its
 * vocabulary is rebuilt from the run's seed and settings). Anything else is a RangeError naming
 * what the folder holds.
 */
export async function loadLanguageModelRun(dir: string): Promise<LanguageModelRun> {
  const checkpoint = await loadCheckpoint(dir);
  const { manifest } = checkpoint;
  // Optimizer and carried state are for resuming, not for sampling.
  for (const w of checkpoint.optimizerState) w.tensor.dispose();
  for (const t of checkpoint.carried ?? []) t.dispose();
  const run = manifest.run as {
    recipe?: string;
    seed?: string;
    overrides?: RecipeOverrides;
    corpus?: string;
    vocabulary?: unknown;
  };
  const fail = (why: string): never => {
    checkpoint.model.dispose();
    throw new RangeError(`${dir} ${why}`);
  };
  if (!(checkpoint.model instanceof SequenceModel) || checkpoint.model.spec.architecture !== 'lm') {
    return fail(`holds a ${String(run.recipe)} model, not a language model (train charlm, charlm-quick or sentences)`);
  }
  let recipe;
  try {
    recipe = findAnyRecipe(String(run.recipe));
  } catch {
    return fail(`holds a run of an unknown recipe ${JSON.stringify(run.recipe)}`);
  }
  let vocabulary: Vocabulary;
  if (isLanguageModelRecipe(recipe)) {
    try {
      vocabulary = Vocabulary.fromJSON(run.vocabulary);
    } catch {
      return fail('has a checkpoint without a valid vocabulary');
    }
  } else {
    const data = recipeData(recipe, String(run.seed ?? 42), run.overrides ?? {}).train;
    if (!data.vocabulary) return fail(`holds a ${recipe.name} model, whose task has no vocabulary`);
    vocabulary = data.vocabulary;
  }
  const sequenceModel = checkpoint.model;
  if (vocabulary.size !== sequenceModel.spec.outputSize) {
    return fail(`has a vocabulary of ${vocabulary.size} ids for a model of ${sequenceModel.spec.outputSize} outputs`);
  }
  return {
    dir,
    recipe: recipe.name,
    model: new LanguageModel(sequenceModel, vocabulary),
    vocabulary,
    ...(run.corpus !== undefined ? { corpus: run.corpus } : {}),
    manifest,
    dispose: () => sequenceModel.dispose(),
  };
}
