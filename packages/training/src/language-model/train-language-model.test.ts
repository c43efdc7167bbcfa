import * as tf from '@tensorflow/tfjs';
import { charlmQuickRecipe, charlmRecipe } from './charlm';
import type { LanguageModelRecipe } from './language-model-recipe';
import { patternText } from './language-model.testing';
import { languageModelSettings, trainLanguageModel } from './train-language-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny: LanguageModelRecipe = {
  ...charlmQuickRecipe,
  name: 'tiny-charlm',
  model: { cell: 'lstm', hidden: 24, layers: 1, embedding: 8, dropout: 0 },
  training: { ...charlmQuickRecipe.training, epochs: 4, batchSize: 4, length: 12, learningRate: 0.02, minutes: 1 },
  target: { beatMarkov: true, description: 'below the best Markov order' },
  markovOrders: [1, 2, 3],
};

describe('trainLanguageModel', () => {
  it('trains on the shared split and reports validation and test beside the Markov baseline', async () => {
    const text = patternText + 'the end.';
    const { result, model } = await trainLanguageModel(tiny, { text, seed: 3 });
    expect(result.corpus).toEqual({
      name: 'tinyshakespeare',
      characters: text.length,
      train: 1736,
      validation: 96,
      test: 96,
    });
    expect(result.history).toHaveLength(4);
    expect(result.steps).toBe(result.plannedSteps);
    expect(result.stoppedBy).toBe('epochs');
    expect(result.validationBitsPerChar).toBe(result.history[3].validationBitsPerChar);
    expect(result.testBitsPerChar).toBeGreaterThan(0);
    expect(result.markov?.orders.map((o) => o.order)).toEqual([1, 2, 3]);
    expect(result.reached).toBe(result.validationBitsPerChar < (result.markov?.validationBitsPerChar ?? 0));
    expect(result.vocabulary.symbols.join('')).toBe(' .acdeghlmnost');
    expect(model.spec).toEqual(result.spec);
    expect(result.spec.input).toEqual({ type: 'embedding', vocabSize: 15, dim: 8 });
    model.dispose();
  });

  it('gives the same result for one seed and a different one for another', async () => {
    const run = async (seed: number) => {
      const { result, model } = await trainLanguageModel(
        { ...tiny, training: { ...tiny.training, epochs: 1 } },
        { text: patternText, seed, baseline: false },
      );
      model.dispose();
      return result.validationBitsPerChar;
    };
    const a = await run(5);
    expect(await run(5)).toBe(a);
    expect(await run(6)).not.toBe(a);
  });

  it("hands every step the model being trained, and takes a baseline measured already as the run's", async () => {
    const given = {
      order: 2,
      validationBitsPerChar: 100,
      testBitsPerChar: 100,
      orders: [{ order: 2, validationBitsPerChar: 100 }],
      smoothing: 'kneser-ney' as const,
    };
    const seen: { step: number; model: unknown; symbols: readonly string[] }[] = [];
    const { result, model } = await trainLanguageModel(
      { ...tiny, training: { ...tiny.training, epochs: 1 } },
      {
        text: patternText,
        seed: 5,
        markov: given,
        onStep: (p) => {
          seen.push({ step: p.step, model: p.model, symbols: p.vocabulary.symbols });
        },
      },
    );
    expect(seen.map((s) => s.step)).toEqual(Array.from({ length: result.steps }, (_, i) => i + 1));
    expect(seen.every((s) => s.model === model)).toBe(true);
    expect(seen[0].symbols).toEqual(result.vocabulary.symbols);
    expect(result.markov).toBe(given);
    expect(result.reached).toBe(true);
    model.dispose();
  });

  it('checks the settings with one-line errors', () => {
    expect(languageModelSettings(charlmRecipe)).toMatchObject({
      hidden: 512,
      layers: 2,
      embedding: 64,
      scheme: 'windows',
    });
    expect(() => languageModelSettings(charlmRecipe, { scheme: 'bptt' as never })).toThrow(
      'scheme must be one of tbptt, windows, got "bptt"',
    );
    expect(() => languageModelSettings(charlmRecipe, { dropout: 1 })).toThrow(
      'dropout must be a number in [0, 1), got 1',
    );
    expect(() => languageModelSettings(charlmRecipe, { length: 0 })).toThrow('length must be an integer >= 1, got 0');
    expect(() => languageModelSettings(charlmRecipe, { minutes: -1 })).toThrow('minutes must be a number > 0, got -1');
  });
});
