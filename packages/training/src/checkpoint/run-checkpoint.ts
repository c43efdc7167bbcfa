// Browser-safe: a checkpoint checked against the run that wrote it, from disk or memory alike.
import * as tf from '@tensorflow/tfjs';
import { Vocabulary, type FolderFiles } from '@rnn/datasets';
import type { ModelSpec } from '@rnn/models';
import type { EpochRecord } from '../fit/fit';
import type { LanguageModelEpochRecord } from '../language-model/fit-language-model';
import type { LanguageModelRecipe } from '../language-model/language-model-recipe';
import { languageModelSettings, languageModelSpec } from '../language-model/train-language-model';
import type { Recipe } from '../recipes/recipe';
import { findAnyRecipe, isLanguageModelRecipe } from '../recipes/registry';
import { recipeData } from '../recipes/train-recipe';
import { decodeRunFolder, manifestFile, type Checkpoint, type CheckpointManifest } from './checkpoint-codec';
import {
  isLanguageModelRunRecord,
  parseRunRecord,
  type LanguageModelRunRecord,
  type RecipeRunRecord,
} from './run-record';

/**
 * The manifest of a task recipe's checkpoint, as its kind makes it: saved at an epoch's end (no
 * step), with `fit`'s history and the run record it was checked against.
 */
export type RecipeCheckpointManifest = Omit<CheckpointManifest, 'step' | 'history' | 'run'> & {
  readonly step?: undefined;
  readonly history: readonly EpochRecord[];
  readonly run: RecipeRunRecord;
};

/**
 * The manifest of a character language model's checkpoint, as its kind makes it: saved after a
 * step (a run may stop between epochs), with the language model's history and its run record.
 */
export type LanguageModelCheckpointManifest = Omit<CheckpointManifest, 'step' | 'history' | 'run'> & {
  readonly step: number;
  readonly history: readonly LanguageModelEpochRecord[];
  readonly run: LanguageModelRunRecord;
};

/**
 * A checkpoint written by `rnn train`, with its run record checked and its recipe found: `kind`
 * tells a task recipe's run from a character language model's, and types the rest (the run record,
 * the manifest's step and history) to match, so no caller reads them by guesswork.
 */
export type RunCheckpoint = Omit<Checkpoint, 'manifest'> &
  (
    | {
        readonly kind: 'recipe';
        readonly recipe: Recipe;
        readonly run: RecipeRunRecord;
        readonly manifest: RecipeCheckpointManifest;
      }
    | {
        readonly kind: 'language-model';
        readonly recipe: LanguageModelRecipe;
        readonly run: LanguageModelRunRecord;
        readonly manifest: LanguageModelCheckpointManifest;
        readonly vocabulary: Vocabulary;
      }
  );

/** The first field where two JSON values differ, as a path and the two values; undefined when equal. */
function firstDifference(a: unknown, b: unknown, at = 'spec'): { at: string; a: unknown; b: unknown } | undefined {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        Array.isArray(a) ? `${at}[${key}]` : `${at}.${key}`,
      );
      if (found) return found;
    }
    return undefined;
  }
  return a === b ? undefined : { at, a, b };
}

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * Checks that the parts of a checkpoint written by `rnn train` (or the playground) belong together:
 * the run record against its schema ({@link parseRunRecord}), the model against the one the record's
 * recipe, seed and overrides build (so a record edited to name another recipe, or other settings, is
 * refused rather than resumed or evaluated with the wrong ones), and the epoch against the run's
 * epochs. On a refusal the checkpoint's tensors are freed; otherwise the caller disposes the model,
 * optimizer state and carried state.
 *
 * @throws RangeError, one line naming the file and the field.
 */
export function checkRunCheckpoint(checkpoint: Checkpoint): RunCheckpoint {
  const file = `${checkpoint.folder}/${manifestFile}`;
  const fail = (why: string): never => {
    throw new RangeError(`${file}: ${why}`);
  };
  try {
    const run = parseRunRecord(checkpoint.manifest.run, file);
    const recipe = findAnyRecipe(run.recipe);
    const { manifest } = checkpoint;
    let expected: ModelSpec;
    let rest;
    if (isLanguageModelRecipe(recipe) && isLanguageModelRunRecord(run)) {
      if (manifest.step === undefined) fail('step is missing: a language model run records the steps it has done');
      const vocabulary = Vocabulary.fromJSON(run.vocabulary);
      expected = languageModelSpec(languageModelSettings(recipe, run.overrides), vocabulary.size);
      rest = { kind: 'language-model' as const, recipe, run, vocabulary };
    } else if (!isLanguageModelRecipe(recipe) && !isLanguageModelRunRecord(run)) {
      if (manifest.step !== undefined) fail(`step: a run of the ${recipe.name} recipe checkpoints at epochs only`);
      let built;
      try {
        built = recipeData(recipe, run.seed, run.overrides);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        return fail(`run.overrides do not fit the ${recipe.name} recipe: ${err.message}`);
      }
      if (manifest.epoch > built.settings.epochs) {
        fail(`epoch ${manifest.epoch} is past the ${built.settings.epochs} epochs of the run`);
      }
      expected = recipe.buildSpec(built.train, built.settings);
      rest = { kind: 'recipe' as const, recipe, run };
    } else {
      // parseRunRecord chose the schema by the recipe, so this cannot happen.
      return fail(`run does not fit the ${recipe.name} recipe`);
    }
    const difference = firstDifference(asJson(expected), asJson(checkpoint.model.spec));
    if (difference?.at.endsWith('.resetAfter') && difference.b === false) {
      // A GRU saved before the reset-after GRU became the default: the recipe now builds another model.
      fail(
        `model.json holds the reset-before GRU (resetAfter: false) that the ${recipe.name} recipe trained before ` +
          'the reset-after GRU became its default; train the run again',
      );
    }
    if (difference) {
      fail(
        `run.recipe ${JSON.stringify(recipe.name)} with run.overrides builds a model whose ${difference.at} is ` +
          `${JSON.stringify(difference.a) ?? 'absent'}, but model.json holds ${JSON.stringify(difference.b) ?? 'none'}: ` +
          'the run record does not belong to this model',
      );
    }
    // The manifest's step and history were checked against its folder's kind (`checkManifest`), and
    // the step against the recipe's kind above; its run is the record as checked.
    return { ...checkpoint, ...rest, manifest: { ...manifest, run } } as RunCheckpoint;
  } catch (err) {
    checkpoint.model.dispose();
    tf.dispose(checkpoint.optimizerState.map((w) => w.tensor));
    tf.dispose(checkpoint.carried ?? []);
    throw err;
  }
}

/**
 * Reads the latest checkpoint of a run folder, on disk or in memory (a zip, files a browser was
 * given, IndexedDB), checked whole (`decodeRunFolder`) and against its run
 * (`checkRunCheckpoint`).
 */
export async function readRunFolder(folder: FolderFiles): Promise<RunCheckpoint> {
  return checkRunCheckpoint(await decodeRunFolder(folder));
}
