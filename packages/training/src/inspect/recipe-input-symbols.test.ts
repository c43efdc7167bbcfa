import * as tf from '@tensorflow/tfjs';
import type { RecipeOverrides } from '../recipes/recipe';
import { findRecipe } from '../recipes/registry';
import { untrainedRecipeModel } from './untrained-recipe-model.testing';
import { recipeInputSymbols } from './recipe-input-symbols';
import { recordRecipeHiddenStates } from './recipe-views';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const untrained = untrainedRecipeModel;

describe('recipeInputSymbols', () => {
  it.each([
    ['parity', '0110', ['0', '1', '1', '0']],
    ['copy', 'abca', ['a', 'b', 'c', 'a', '<stop>']],
    ['calculator', '+3-2+9', ['+3', '-2', '+9']],
    ['increasing', '(-5, 10) (-6, -3)', ['(-5, 10)', '(-6, -3)']],
    ['sine', '0 0.587785 -0.951057 1', ['0', '0.588', '-0.951', '1']],
    ['sentences', 'good i', ['g', 'o', 'o', 'd', ' ', 'i']],
  ])('labels every step %s reads, one per recorded step', (name, input, expected) => {
    const overrides: RecipeOverrides = { hidden: 3, ...(name === 'sentences' ? {} : { task: { n: 20 } }) };
    const recipe = findRecipe(name);
    const model = untrained(name, overrides);
    const labels = recipeInputSymbols(recipe, model, input, overrides);
    expect(labels).toEqual(expected);
    const { layers } = recordRecipeHiddenStates(recipe, model, input, overrides);
    expect(layers[0].steps).toBe(labels?.length);
    model.dispose();
  });

  it('labels an addition as its encoder reads it: aligned, reversed and padded when the task says so', () => {
    const overrides: RecipeOverrides = { hidden: 3, task: { n: 20, reverse: true, fixedWidth: true } };
    const recipe = findRecipe('addition-lstm');
    const model = untrained('addition-lstm', overrides);
    // The recipe right-aligns the operands ("  12+ 345"), the overrides reverse it.
    expect(recipeInputSymbols(recipe, model, '12+345', overrides)).toEqual([...'543 +21  ', '<stop>']);
    model.dispose();
  });

  it("gives a generator's steps no labels: they read its own outputs, not the input", () => {
    const overrides: RecipeOverrides = { hidden: 3, task: { n: 6 } };
    const model = untrained('oscillator-init', overrides);
    expect(recipeInputSymbols(findRecipe('oscillator-init'), model, '5', overrides)).toBeUndefined();
    model.dispose();
  });

  it("refuses an input that is not of the task's form with the task's message", () => {
    const model = untrained('parity', { hidden: 3, task: { n: 20 } });
    expect(() => recipeInputSymbols(findRecipe('parity'), model, '01x', { hidden: 3 })).toThrow(
      /"01x" is not a parity input/,
    );
    model.dispose();
  });
});
