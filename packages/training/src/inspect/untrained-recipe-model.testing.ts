import { createRng } from '@rnn/datasets';
import { buildModel, type RecurrentModel } from '@rnn/models';
import type { RecipeOverrides } from '../recipes/recipe';
import { findRecipe } from '../recipes/registry';
import { recipeData } from '../recipes/train-recipe';

/**
 * A recipe's model, untrained (small with the overrides): for tests of the views' plumbing, which
 * depends on the model's kind and shapes, not on what it learnt.
 */
export function untrainedRecipeModel(name: string, overrides: RecipeOverrides): RecurrentModel {
  const recipe = findRecipe(name);
  const { train, settings } = recipeData(recipe, 1, overrides);
  return buildModel(recipe.buildSpec(train, settings), createRng(1).fork('init'));
}
