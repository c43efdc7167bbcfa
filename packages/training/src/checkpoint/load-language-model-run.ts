// Node only: exported from `@rnn/training/node`.
import { Vocabulary } from '@rnn/datasets';
import { LanguageModel, SequenceModel } from '@rnn/models';
import { recipeData } from '../recipes/train-recipe';
import { loadRunCheckpoint } from './load-run-checkpoint';
import type { RunCheckpoint } from './run-checkpoint';

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
  /** The checkpoint's manifest, typed by the kind of run it records (see {@link RunCheckpoint}). */
  readonly manifest: RunCheckpoint['manifest'];
  /** Frees the model's weights. */
  dispose(): void;
}

/**
 * Loads the latest checkpoint of a run folder written by `rnn train --out` as a language model: a
 * character language model recipe (its vocabulary is saved with it) or the sentences recipe (its
 * vocabulary is rebuilt from the run's seed and settings). The checkpoint is checked whole first
 * ({@link loadRunCheckpoint}); a run of any other recipe is a RangeError naming what the folder holds.
 */
export async function loadLanguageModelRun(dir: string): Promise<LanguageModelRun> {
  const checkpoint = await loadRunCheckpoint(dir);
  const { manifest } = checkpoint;
  // Optimizer and carried state are for resuming, not for sampling.
  for (const w of checkpoint.optimizerState) w.tensor.dispose();
  for (const t of checkpoint.carried ?? []) t.dispose();
  const fail = (why: string): never => {
    checkpoint.model.dispose();
    throw new RangeError(`${dir} ${why}`);
  };
  if (!(checkpoint.model instanceof SequenceModel) || checkpoint.model.spec.architecture !== 'lm') {
    return fail(
      `holds a ${checkpoint.recipe.name} model, not a language model (train charlm, charlm-quick or sentences)`,
    );
  }
  let vocabulary: Vocabulary;
  if (checkpoint.kind === 'language-model') {
    vocabulary = checkpoint.vocabulary;
  } else {
    const data = recipeData(checkpoint.recipe, checkpoint.run.seed, checkpoint.run.overrides).train;
    if (!data.vocabulary) return fail(`holds a ${checkpoint.recipe.name} model, whose task has no vocabulary`);
    vocabulary = data.vocabulary;
  }
  const sequenceModel = checkpoint.model;
  if (vocabulary.size !== sequenceModel.spec.outputSize) {
    return fail(`has a vocabulary of ${vocabulary.size} ids for a model of ${sequenceModel.spec.outputSize} outputs`);
  }
  return {
    dir,
    recipe: checkpoint.recipe.name,
    model: new LanguageModel(sequenceModel, vocabulary),
    vocabulary,
    ...(checkpoint.kind === 'language-model' ? { corpus: checkpoint.run.corpus } : {}),
    manifest,
    dispose: () => sequenceModel.dispose(),
  };
}
