import { additionLstmRecipe, additionRnnRecipe } from './addition';
import { calculatorRecipe } from './calculator';
import { copyRecipe, reverseRecipe } from './copy';
import { countingRecipe } from './counting';
import { increasingRecipe } from './increasing';
import { oscillatorInitRecipe, oscillatorParRecipe, oscillatorPreRecipe } from './oscillator';
import { parityFinalRecipe, parityRecipe, parityVariableRecipe } from './parity';
import type { Recipe } from './recipe';
import { sentencesRecipe } from './sentences';
import { sineRecipe } from './sine';

/** Every recipe, in the order `rnn list` shows them: the notebooks' order, exercise by exercise. */
export const recipes: readonly Recipe[] = [
  calculatorRecipe,
  oscillatorInitRecipe,
  oscillatorPreRecipe,
  oscillatorParRecipe,
  sineRecipe,
  copyRecipe,
  reverseRecipe,
  additionRnnRecipe,
  additionLstmRecipe,
  sentencesRecipe,
  increasingRecipe,
  countingRecipe,
  parityRecipe,
  parityVariableRecipe,
  parityFinalRecipe,
];

/** The recipe called `name`, or a RangeError listing the names there are. */
export function findRecipe(name: string): Recipe {
  const recipe = recipes.find((r) => r.name === name);
  if (!recipe) {
    throw new RangeError(`recipe must be one of ${recipes.map((r) => r.name).join(', ')}; got ${JSON.stringify(name)}`);
  }
  return recipe;
}
