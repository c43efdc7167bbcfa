import { calculatorRecipe } from './calculator';
import { copyRecipe, reverseRecipe } from './copy';
import { parityRecipe } from './parity';
import type { Recipe } from './recipe';

/** Every recipe, in the order `rnn list` shows them. */
export const recipes: readonly Recipe[] = [calculatorRecipe, copyRecipe, reverseRecipe, parityRecipe];

/** The recipe called `name`, or a RangeError listing the names there are. */
export function findRecipe(name: string): Recipe {
  const recipe = recipes.find((r) => r.name === name);
  if (!recipe) {
    throw new RangeError(`recipe must be one of ${recipes.map((r) => r.name).join(', ')}; got ${JSON.stringify(name)}`);
  }
  return recipe;
}
