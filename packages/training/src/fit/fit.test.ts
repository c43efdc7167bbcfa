import * as tf from '@tensorflow/tfjs';
import { createRng, createTask } from '@rnn/datasets';
import { SequenceModel } from '@rnn/models';
import { evaluate } from './evaluate';
import { fit, NonFiniteLossError } from './fit';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const calculator = (seed: number, n: number) => createTask('operands', { n }, createRng(seed).fork('data'));
const classifier = (seed: number) =>
  new SequenceModel(
    {
      architecture: 'classifier',
      input: { type: 'dense', features: 2 },
      rnn: { kind: 'simple', units: 16 },
      outputSize: 2,
    },
    createRng(seed).fork('init'),
  );

describe('fit', () => {
  it('learns the calculator task well above chance', async () => {
    const model = classifier(1);
    const train = calculator(1, 400);
    const result = await fit(model, train, { epochs: 6, batchSize: 16, learningRate: 0.02, rng: createRng(1) });
    expect(result.history[5].loss).toBeLessThan(result.history[0].loss);
    const test = evaluate(model, calculator(2, 300));
    expect(test.accuracy).toBeGreaterThan(0.8);
    model.dispose();
  });

  it('gives bit-identical losses for one seed on cpu, and keeps the tensor count flat', async () => {
    const run = async () => {
      const model = classifier(3);
      const counts: number[] = [];
      const result = await fit(model, calculator(3, 128), {
        epochs: 4,
        batchSize: 16,
        rng: createRng(3),
        onEpochEnd: () => {
          counts.push(tf.memory().numTensors);
        },
      });
      model.dispose();
      return { losses: result.history.map((h) => h.loss), counts };
    };
    const a = await run();
    const b = await run();
    expect(a.losses).toEqual(b.losses);
    expect(new Set(a.counts).size).toBe(1);
  });

  it('stops with a clear message when the loss becomes NaN', async () => {
    const model = classifier(4);
    const data = calculator(4, 64);
    (data.inputs.data as Float32Array).fill(Number.NaN);
    const run = fit(model, data, { epochs: 1, batchSize: 16, rng: createRng(4) });
    await expect(run).rejects.toBeInstanceOf(NonFiniteLossError);
    await expect(run).rejects.toThrow(/^loss became NaN at epoch 1, batch 1: lower the learning rate/);
    model.dispose();
  });

  it('stops early when the monitored loss stops improving, and rejects bad options', async () => {
    const model = classifier(5);
    const result = await fit(model, calculator(5, 64), {
      epochs: 50,
      batchSize: 64,
      learningRate: 1e-9,
      patience: 1,
      rng: createRng(5),
    });
    expect(result.stoppedBy).toBe('patience');
    expect(result.history.length).toBeLessThan(50);
    await expect(fit(model, calculator(5, 8), { epochs: 0, batchSize: 4, rng: createRng(0) })).rejects.toThrow(
      'epochs must be an integer >= 1, got 0',
    );
    await expect(
      fit(model, calculator(5, 8), { epochs: 1, batchSize: 4, learningRate: -1, rng: createRng(0) }),
    ).rejects.toThrow(/learning rate/);
    model.dispose();
  });

  it("counts patience on from a resumed run's history", async () => {
    const model = classifier(6);
    const data = calculator(6, 32);
    // A learning rate below float32's resolution of the weights: the validation loss repeats exactly,
    // so the first epoch stays the best.
    const options = {
      epochs: 10,
      batchSize: 32,
      learningRate: 1e-15,
      patience: 2,
      validation: data,
      rng: createRng(6),
    };
    const whole = await fit(model, data, options);
    expect(whole.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    const resumed = await fit(model, data, { ...options, initialEpoch: 3, previousHistory: whole.history.slice(0, 2) });
    expect(resumed.stoppedBy).toBe('patience');
    expect(resumed.history.map((h) => h.epoch)).toEqual([3]);
    const forgetful = await fit(model, data, { ...options, initialEpoch: 3 });
    expect(forgetful.history.map((h) => h.epoch)).toEqual([3, 4, 5]);
    model.dispose();
  });
});
