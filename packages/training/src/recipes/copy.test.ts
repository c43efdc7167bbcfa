import * as tf from '@tensorflow/tfjs';
import { copyRecipe, reverseRecipe } from './copy';
import type { Recipe } from './recipe';
import { findRecipe, recipes } from './registry';
import { recipeData, trainRecipe } from './train-recipe';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The recipe as it is (model, wiring, schedule), on short sequences: a run of seconds. */
const small = (recipe: Recipe): Recipe => ({
  ...recipe,
  task: { ...recipe.task, options: { ...recipe.task.options, n: 384, minLength: 2, maxLength: 3 } },
  target: { ...recipe.target, test: { n: 200 } },
});

describe.each([
  ['copy', copyRecipe, false],
  ['reverse', reverseRecipe, true],
])('the %s recipe', (name, recipe, reverse) => {
  it('is registered, with the source defaults and a teacher-forced encoder-decoder', () => {
    expect(findRecipe(name)).toBe(recipe);
    expect(recipes.map((r) => r.name)).toContain(name);
    expect(recipe.task).toEqual({
      name: 'copy',
      options: { n: 10000, alphabet: 'abc', minLength: 3, maxLength: 14, reverse },
    });
    expect(recipe.target).toMatchObject({ metric: 'exactMatch', atLeast: 0.95, test: { n: 1000 } });
    const { train } = recipeData(small(recipe), 1);
    expect(recipe.buildSpec(train, recipe.model)).toEqual({
      architecture: 'seq2seq',
      input: { type: 'onehot', vocabSize: 4 },
      rnn: { kind: 'gru', units: 64, layers: 1 },
      outputSize: 4,
      decoderInput: 'teacher-forcing',
      targetSteps: 4,
    });
  });

  it('learns: whole sequences of 2-3 symbols right far above chance after a few seconds', async () => {
    const { result, model } = await trainRecipe(small(recipe), {
      seed: 1,
      overrides: { hidden: 32, epochs: 8, batchSize: 32, learningRate: 0.03 },
    });
    model.dispose();
    // Guessing gets a whole sequence of 2-3 ternary symbols right at most 1 time in 9.
    expect(result.target.metric).toBe('exactMatch');
    expect(result.test.exactMatch).toBeGreaterThan(0.8);
    expect(result.history[7].loss).toBeLessThan(result.history[0].loss / 4);
    expect(result.history.map((h) => h.learningRate)).toEqual(
      [...result.history.map((h) => h.learningRate)].sort((a, b) => b - a),
    );
  });
});
