import * as tf from '@tensorflow/tfjs';
import { formatExample } from '@rnn/datasets';
import { predictRecipe } from '../recipes/predict-recipe';
import type { RecipeOverrides } from '../recipes/recipe';
import { findRecipe } from '../recipes/registry';
import { recipeData } from '../recipes/train-recipe';
import { untrainedRecipeModel } from './untrained-recipe-model.testing';
import { freshRecipeExamples, recipeWaves, recordRecipeHiddenStates } from './recipe-views';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const untrained = untrainedRecipeModel;

describe('freshRecipeExamples', () => {
  const overrides: RecipeOverrides = { hidden: 4, task: { n: 20 } };
  const recipe = findRecipe('calculator');

  it('answers 8 fresh examples as rnn predict does, marked right when the answer is the target', async () => {
    const model = untrained('calculator', overrides);
    const rows = await freshRecipeExamples(recipe, model, 7, overrides);
    expect(rows).toHaveLength(8);
    const predictions = await predictRecipe(
      recipe,
      model,
      rows.map((r) => r.input),
      overrides,
    );
    rows.forEach((row, i) => {
      const answer = predictions[i];
      expect('error' in answer).toBe(false);
      expect(row.predicted).toBe('error' in answer ? '' : answer.prediction);
      expect(row.correct).toBe(row.predicted === row.expected);
      expect(row.input).toMatch(/^[\d+*/-]+$/);
    });
    // Fresh: none of them is a training example of the seed, and another round draws others.
    const { train } = recipeData(recipe, 7, overrides);
    const trained = new Set(Array.from({ length: train.size }, (_, i) => formatExample(train.decode(i))));
    for (const row of rows) expect(trained.has(`${row.input} -> ${row.expected}`)).toBe(false);
    const again = await freshRecipeExamples(recipe, model, 7, overrides);
    expect(again).toEqual(rows);
    const other = await freshRecipeExamples(recipe, model, 7, overrides, 8, 1);
    expect(other.map((r) => r.input)).not.toEqual(rows.map((r) => r.input));
    model.dispose();
  });

  it('refuses a count or round that is not a whole number', async () => {
    const model = untrained('calculator', overrides);
    await expect(freshRecipeExamples(recipe, model, 7, overrides, 0)).rejects.toThrow('count must be an integer >= 1');
    await expect(freshRecipeExamples(recipe, model, 7, overrides, 8, -1)).rejects.toThrow('round must be an integer');
    model.dispose();
  });
});

describe('recipeWaves', () => {
  it('gives an oscillator its generated wave beside the true one, from step 0', () => {
    const overrides: RecipeOverrides = { hidden: 4, task: { n: 6 } };
    const model = untrained('oscillator-init', overrides);
    const waves = recipeWaves(findRecipe('oscillator-init'), model, 3, overrides);
    expect(waves).toHaveLength(2);
    for (const wave of waves) {
      expect(wave.truth).toHaveLength(50);
      expect(wave.generated).toHaveLength(50);
      expect(wave.generatedFrom).toBe(0);
      expect(wave.generated.every(Number.isFinite)).toBe(true);
    }
    model.dispose();
  });

  it("gives sine its closed loop after the target's prime", () => {
    const overrides: RecipeOverrides = { task: { n: 6 } };
    const model = untrained('sine', overrides);
    const [wave] = recipeWaves(findRecipe('sine'), model, 3, overrides, 1);
    expect(wave.truth).toHaveLength(99);
    expect(wave.generatedFrom).toBe(9);
    expect(wave.generated).toHaveLength(90);
    model.dispose();
  });

  it('refuses a recipe that does not generate waves', () => {
    const model = untrained('calculator', { hidden: 4, task: { n: 20 } });
    expect(() => recipeWaves(findRecipe('calculator'), model, 3, { hidden: 4 })).toThrow(
      'recipeWaves: the calculator recipe does not generate waves in closed loop',
    );
    model.dispose();
  });
});

describe('recordRecipeHiddenStates', () => {
  it('records every hidden unit at every step of a typed input, and the gates of an LSTM', () => {
    const overrides: RecipeOverrides = { cell: 'lstm', hidden: 5, task: { n: 20 } };
    const model = untrained('parity', overrides);
    const before = tf.memory().numTensors;
    const { layers } = recordRecipeHiddenStates(findRecipe('parity'), model, '0110', overrides);
    expect(tf.memory().numTensors).toBe(before);
    expect(layers).toHaveLength(1);
    expect(layers[0].steps).toBe(4);
    expect(layers[0].hidden).toHaveLength(4 * 5);
    expect(layers[0].gates?.map((g) => g.name)).toEqual(['input', 'forget', 'cell', 'output']);
    model.dispose();
  });

  it("refuses an input that is not of the task's form with the task's message", () => {
    const model = untrained('parity', { hidden: 3, task: { n: 20 } });
    expect(() => recordRecipeHiddenStates(findRecipe('parity'), model, '01x', { hidden: 3 })).toThrow(/parity/);
    model.dispose();
  });
});
