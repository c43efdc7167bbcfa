import { ContiguousStreams, createRng, iterateBatches, splitCorpusIds, Vocabulary } from '@rnn/datasets';
import { languageModelSettings, languageModelSpec } from '../language-model/train-language-model';
import { findAnyRecipe, isLanguageModelRecipe } from '../recipes/registry';
import { recipeData } from '../recipes/train-recipe';
import type { TrainingStepWork } from './time-training-steps';

/** Options of {@link recipeTrainingStep}. */
export interface RecipeTrainingStepOptions {
  /** The corpus of a character language model recipe (its vocabulary decides the network's width). */
  readonly text?: string;
  /** The seed of the batch's data. Default `42`, the recipes' own. */
  readonly seed?: string;
}

/**
 * One training step of a recipe as its training runs it: the recipe's network, one full batch of
 * its training data (a character model's first batch of contiguous streams) and its optimizer,
 * learning rate and clipping: the work to hand to `timeTrainingSteps`, so a speed is quoted for the
 * work a user of the recipe waits on rather than for a shape of the bench's own choosing.
 */
export function recipeTrainingStep(name: string, options: RecipeTrainingStepOptions = {}): TrainingStepWork {
  const recipe = findAnyRecipe(name);
  const seed = options.seed ?? '42';
  if (isLanguageModelRecipe(recipe)) {
    if (options.text === undefined) {
      throw new RangeError(`${recipe.name} trains on a text: give its corpus (${recipe.corpus}) as text`);
    }
    const settings = languageModelSettings(recipe);
    const vocabulary = Vocabulary.fromText(options.text, { reserved: '<pad>' });
    const { train } = splitCorpusIds(vocabulary.encode(options.text));
    const streams = new ContiguousStreams(train, { batchSize: settings.batchSize, length: settings.length });
    return {
      shape:
        `embedding ${settings.embedding}, ${settings.cell} ${settings.hidden}x${settings.layers}, ` +
        `vocab ${vocabulary.size}, batch ${settings.batchSize} x ${settings.length}`,
      spec: languageModelSpec(settings, vocabulary.size),
      batch: streams.batch(0),
      optimizer: settings.optimizer,
      learningRate: settings.learningRate,
      ...(settings.clipNorm !== undefined ? { clipNorm: settings.clipNorm } : {}),
    };
  }
  const batchSize = recipe.training.batchSize;
  const { train, settings } = recipeData(recipe, seed, { task: { n: batchSize } });
  const [batch] = iterateBatches(train, { batchSize, rng: createRng(seed).fork('train').fork('shuffle') });
  return {
    shape: `${settings.cell} ${settings.hidden}x${settings.layers}, batch ${batch.lengths.length} x ${batch.inputs.shape[1]}`,
    spec: recipe.buildSpec(train, settings),
    batch,
    optimizer: settings.optimizer,
    learningRate: settings.learningRate,
    ...(settings.clipNorm !== undefined ? { clipNorm: settings.clipNorm } : {}),
  };
}
