import * as tf from '@tensorflow/tfjs';
import { describeTask } from '@rnn/datasets';
import { languageModelRecipes } from '../language-model/charlm';
import { recipes } from '../recipes/registry';
import { recipeSettings } from '../recipes/train-recipe';
import { runTourStop, tourCorpusName } from './run-tour-stop';
import { tourStops } from './tour-stops';

describe('tourStops', () => {
  it('visits every recipe once, the long character model by its quick form', () => {
    const visited = tourStops.map((s) => s.recipe);
    expect(new Set(visited).size).toBe(visited.length);
    expect([...visited].sort()).toEqual(
      [...recipes.map((r) => r.name), ...languageModelRecipes.map((r) => r.name).filter((n) => n !== 'charlm')].sort(),
    );
    expect(tourCorpusName(tourStops)).toBe('tinyshakespeare');
  });

  it('gives every quick form settings its recipe accepts, with task options its task knows', () => {
    for (const stop of tourStops) {
      const recipe = recipes.find((r) => r.name === stop.recipe);
      if (recipe === undefined) continue;
      expect(() => recipeSettings(recipe, stop.overrides)).not.toThrow();
      const known = Object.keys(describeTask(recipe.task.name).options);
      for (const option of Object.keys(stop.overrides?.task ?? {}))
        expect(`${stop.recipe}: ${known.includes(option) ? 'known' : 'unknown'} ${option}`).toBe(
          `${stop.recipe}: known ${option}`,
        );
    }
  });
});

describe('runTourStop', () => {
  it('trains a stop, measures it, and gathers its pictures without leaking a tensor', async () => {
    const before = tf.memory().numTensors;
    const fractions: number[] = [];
    const result = await runTourStop(
      { recipe: 'parity', shows: 'parity', overrides: { epochs: 2, task: { n: 256 }, testSize: 20 } },
      { onProgress: (p) => fractions.push(p.fraction) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(fractions.at(-1)).toBeCloseTo(1);
    expect(result.source).toMatch(/parity notebook/);
    expect(result.history.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(result.history.epochs.every((e) => e.metric !== undefined)).toBe(true);
    expect(result.history.metric).toEqual({ name: 'accuracy', atLeast: 0.99 });
    expect(result.parity?.[0]).toMatchObject({ input: '0110100111010' });
    expect(result.parity?.[0]).toMatchObject({ values: expect.any(Array) });
    expect((result.parity?.[0] as { values?: number[] }).values).toHaveLength(13);
    expect(result.hiddenStates?.states.layers[0]).toMatchObject({ kind: 'simple', steps: 13 });
  });

  it('shows fresh examples with marks for an encoder-decoder, and names its operands in the target', async () => {
    const result = await runTourStop({
      recipe: 'addition-lstm',
      shows: 'adds',
      overrides: { task: { minDigits: 1, maxDigits: 1, n: 200 }, epochs: 1, hidden: 8, testSize: 10 },
    });
    expect(result.target.description).toBe('whole-answer exact match >= 0.99 on 1,000 fresh sums of 1 digit operands');
    expect(result.examples).toHaveLength(8);
    expect(result.examples?.[0].input).toMatch(/^\d\+\d$/);
    expect(result.hiddenStates?.states.decoderLayers).toBeDefined();
  });

  it('trains the character model stop and samples it and the best Markov order', async () => {
    const text = 'to be or not to be, that is the question.\n'.repeat(60);
    const before = tf.memory().numTensors;
    const result = await runTourStop(
      {
        recipe: 'charlm-quick',
        shows: 'text',
        languageModelOverrides: { hidden: 8, embedding: 4, epochs: 1, length: 10, batchSize: 4 },
      },
      { text },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(result.samples?.map((s) => s.model)).toEqual([
      'LSTM 1x8',
      expect.stringMatching(/^Markov order \d+ \(Kneser-Ney\)$/),
    ]);
    for (const sample of result.samples ?? []) {
      expect(sample.text.startsWith('\n')).toBe(true);
      expect([...sample.text].length).toBeGreaterThan(300);
    }
    expect(result.history.baseline?.name).toMatch(/^Markov order/);
    expect(result.history.epochs[0].validationLoss).toBeGreaterThan(0);
    expect(result.hiddenStates?.states.layers[0]).toMatchObject({ kind: 'lstm', units: 8, steps: 64 });
  });

  it('refuses a stop that names no recipe, and a language model stop without its text', async () => {
    await expect(runTourStop({ recipe: 'nope', shows: '' })).rejects.toThrow(/nope/);
    await expect(runTourStop({ recipe: 'charlm-quick', shows: '' })).rejects.toThrow(/needs its corpus text/);
  });
});
