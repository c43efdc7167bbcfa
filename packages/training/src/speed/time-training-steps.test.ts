import * as tf from '@tensorflow/tfjs';
import { recipeTrainingStep } from './recipe-training-step';
import { timeTrainingSteps } from './time-training-steps';

/** A text with the shape of a corpus: enough characters for one batch of 32 streams of 100. */
const text = 'To be, or not to be, that is the question:\nWhether tis nobler in the mind to suffer\n'.repeat(60);

describe('recipeTrainingStep', () => {
  it("takes parity's network, full batch, optimizer and clipping from the recipe", () => {
    const work = recipeTrainingStep('parity');
    expect(work.shape).toBe('simple 16x1, batch 64 x 50');
    expect(work.spec).toMatchObject({ architecture: 'tagger', rnn: { kind: 'simple', units: 16 }, outputSize: 1 });
    expect(work.batch.inputs.shape).toEqual([64, 50, 1]);
    expect(work).toMatchObject({ optimizer: 'adam', learningRate: 0.01, clipNorm: 1 });
  });

  it("takes charlm-quick's shape from the recipe and its vocabulary from the text", () => {
    const work = recipeTrainingStep('charlm-quick', { text });
    const vocab = new Set(text).size + 1;
    expect(work.shape).toBe(`embedding 32, lstm 256x1, vocab ${vocab}, batch 32 x 100`);
    expect(work.spec).toMatchObject({ architecture: 'lm', input: { type: 'embedding', dim: 32, vocabSize: vocab } });
    expect(work.batch.inputs.shape).toEqual([32, 100]);
    expect(work).toMatchObject({ optimizer: 'adam', learningRate: 0.01, clipNorm: 5 });
  });

  it('asks for the corpus of a character model and names the recipes for an unknown name', () => {
    expect(() => recipeTrainingStep('charlm-quick')).toThrow(
      'charlm-quick trains on a text: give its corpus (tinyshakespeare) as text',
    );
    expect(() => recipeTrainingStep('parrot')).toThrow(/^recipe must be one of .*parity.*; got "parrot"$/);
  });
});

describe('timeTrainingSteps', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('times the steps it was asked for on the active backend and frees everything it made', async () => {
    const before = tf.memory().numTensors;
    const timing = await timeTrainingSteps(recipeTrainingStep('parity'), { warmupSteps: 1, minSteps: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(timing.steps).toBe(3);
    expect(timing.msPerStep).toBeGreaterThan(0);
    expect(timing.stepsPerSecond).toBeCloseTo(1000 / timing.msPerStep, 6);
    expect(timing.backend).toBe('cpu');
    expect(['js', 'wasm', 'native', 'reference']).toContain(timing.kernel);
  });

  it('keeps timing within the budget up to the most steps, and frees a character model too', async () => {
    const before = tf.memory().numTensors;
    const parity = await timeTrainingSteps(recipeTrainingStep('parity'), {
      warmupSteps: 0,
      minSteps: 1,
      maxSteps: 4,
      budgetMs: 60_000,
    });
    expect(parity.steps).toBe(4);
    // charlm-quick's path (embedding, language model, clipping) at a width that runs in a moment here.
    const quick = recipeTrainingStep('charlm-quick', { text });
    if (quick.spec.architecture !== 'lm') throw new Error('charlm-quick is a language model');
    const narrow = { ...quick, spec: { ...quick.spec, rnn: { ...quick.spec.rnn, units: 16 } } };
    const lm = await timeTrainingSteps(narrow, { warmupSteps: 0, minSteps: 1 });
    expect(lm.steps).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses counts that are not whole numbers in range, in one line', async () => {
    const work = recipeTrainingStep('parity');
    await expect(timeTrainingSteps(work, { minSteps: 0 })).rejects.toThrow(
      'timed steps must be an integer >= 1, got 0',
    );
    await expect(timeTrainingSteps(work, { minSteps: 3, maxSteps: 2 })).rejects.toThrow(
      'most timed steps must be an integer >= 3, got 2',
    );
    await expect(timeTrainingSteps(work, { warmupSteps: 1.5 })).rejects.toThrow(
      'warmup steps must be an integer >= 0, got 1.5',
    );
  });
});
