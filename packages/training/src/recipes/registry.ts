import { additionLstmRecipe, additionRnnRecipe } from './addition';
import { calculatorRecipe } from './calculator';
import { copyRecipe, reverseRecipe } from './copy';
import { countingRecipe } from './counting';
import { increasingRecipe } from './increasing';
import { oscillatorInitRecipe, oscillatorParRecipe, oscillatorPreRecipe } from './oscillator';
import { parityFinalRecipe, parityRecipe, parityVariableRecipe } from './parity';
import { languageModelRecipes } from '../language-model/charlm';
import type { LanguageModelRecipe } from '../language-model/language-model-recipe';
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

/**
 * The recipe called `name`, a task recipe or a character language model recipe (`kind:
 * 'language-model'`), or a RangeError listing every name there is.
 */
export function findAnyRecipe(name: string): Recipe | LanguageModelRecipe {
  const recipe = recipes.find((r) => r.name === name) ?? languageModelRecipes.find((r) => r.name === name);
  if (!recipe) {
    const names = [...recipes, ...languageModelRecipes].map((r) => r.name);
    throw new RangeError(`recipe must be one of ${names.join(', ')}; got ${JSON.stringify(name)}`);
  }
  return recipe;
}

/** Whether a recipe is a character language model recipe. */
export function isLanguageModelRecipe(recipe: Recipe | LanguageModelRecipe): recipe is LanguageModelRecipe {
  return (recipe as LanguageModelRecipe).kind === 'language-model';
}
