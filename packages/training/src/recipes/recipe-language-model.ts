import { LanguageModel, SequenceModel, type RecurrentModel } from '@rnn/models';
import type { Recipe, RecipeOverrides } from './recipe';
import { recipeData } from './train-recipe';

/**
 * A trained model of a character recipe (`sentences`) as the step model `@rnn/sampling` writes
 * with: bound to the vocabulary its task built from the run's seed and overrides, the same one the
 * model was trained on, so `generate` and `beamSearch` read and write the characters it knows. For a
 * model held in memory (a browser tab, a test); `loadLanguageModelRun` of `@rnn/training/node` does
 * the same for a run folder. The model stays the caller's to dispose.
 *
 * @throws RangeError when the recipe's task has no vocabulary, or the model is not its character model.
 *
 * @example
 * const { model } = await trainRecipe(findRecipe('sentences'), { seed: 42 });
 * const lm = recipeLanguageModel(findRecipe('sentences'), model, 42);
 * (await generate(lm, { prime: 'good', length: 11, sampler: createSampler({ temperature: 0 }) })).text;
 * // 'good i am fine '
 */
export function recipeLanguageModel(
  recipe: Recipe,
  model: RecurrentModel,
  seed: string | number,
  overrides: RecipeOverrides = {},
): LanguageModel {
  const { vocabulary } = recipeData(recipe, seed, overrides).train;
  if (!vocabulary) {
    throw new RangeError(`the ${recipe.name} recipe's task has no vocabulary; only character recipes write text`);
  }
  if (!(model instanceof SequenceModel) || model.spec.architecture !== 'lm') {
    throw new RangeError(
      `the ${recipe.name} recipe writes text with its lm model, got a ${model.spec.architecture} model`,
    );
  }
  if (model.spec.outputSize !== vocabulary.size) {
    throw new RangeError(
      `the ${recipe.name} recipe's vocabulary has ${vocabulary.size} ids, the model has ${model.spec.outputSize} outputs`,
    );
  }
  return new LanguageModel(model, vocabulary);
}
