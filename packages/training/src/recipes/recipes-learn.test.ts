import * as tf from '@tensorflow/tfjs';
import { calculatorRecipe } from './calculator';
import { parityRecipe } from './parity';
import type { Recipe } from './recipe';
import { trainRecipe } from './train-recipe';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A recipe at a fraction of its size: the same model family and optimizer, less data and fewer epochs. */
function shrunk(
  recipe: Recipe,
  task: Record<string, unknown>,
  training: Partial<Recipe['training']>,
  test: Record<string, unknown> = {},
): Recipe {
  return {
    ...recipe,
    task: { ...recipe.task, options: { ...recipe.task.options, ...task } },
    training: { ...recipe.training, ...training },
    target: {
      ...recipe.target,
      test: { ...recipe.target.test, n: 300, options: { ...recipe.target.test.options, ...test } },
    },
  };
}

describe('recipes learn (small versions, seconds each)', () => {
  it('calculator: well above chance on fresh sequences', async () => {
    const { result, model } = await trainRecipe(shrunk(calculatorRecipe, { n: 2000 }, { epochs: 4 }), { seed: 1 });
    model.dispose();
    expect(result.test.accuracy).toBeGreaterThan(0.75);
  });

  it('parity: the rule, not the length (trained on 12 bits, tested on 20)', async () => {
    const { result, model } = await trainRecipe(
      shrunk(parityRecipe, { n: 2000, length: 12 }, { epochs: 25 }, { length: 20 }),
      { seed: 1 },
    );
    model.dispose();
    expect(result.test.accuracy).toBeGreaterThan(0.95);
  });
});
