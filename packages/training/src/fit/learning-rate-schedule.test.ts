import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng, createTask } from '@rnn/datasets';
import { SequenceModel } from '@rnn/models';
import { loadCheckpoint, saveCheckpoint } from '../checkpoint/checkpoint';
import type { Recipe } from '../recipes/recipe';
import { trainRecipe } from '../recipes/train-recipe';
import type { OptimizerName } from './create-optimizer';
import { fit } from './fit';
import {
  optimizerLearningRate,
  scheduledLearningRate,
  validateSchedule,
  type LearningRateSchedule,
} from './learning-rate-schedule';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const classifier = (seed: number) =>
  new SequenceModel(
    {
      architecture: 'classifier',
      input: { type: 'dense', features: 2 },
      rnn: { kind: 'simple', units: 4 },
      outputSize: 1,
    },
    createRng(seed).fork('init'),
  );

/**
 * Runs `fit` on 4 batches per epoch and records, after every batch, the learning rate the optimizer
 * that trained it holds (and, for SGD, the -lr scalar its update multiplies by).
 */
async function ratesSeen(schedule: LearningRateSchedule, optimizer: OptimizerName = 'adam', epochs = 4) {
  const seen: number[] = [];
  const scalars: number[] = [];
  const reported: number[] = [];
  const model = classifier(1);
  const result = await fit(model, createTask('operands', { n: 32, length: 3 }, createRng(1).fork('data')), {
    epochs,
    batchSize: 8,
    learningRate: 0.1,
    optimizer,
    schedule,
    rng: createRng(1),
    onBatchEnd: (p, used) => {
      reported.push(p.learningRate);
      seen.push(optimizerLearningRate(used));
      const c = (used as unknown as { c?: tf.Scalar }).c;
      if (c) scalars.push(c.dataSync()[0]);
    },
  });
  model.dispose();
  expect(seen).toHaveLength(4 * epochs);
  expect(reported).toEqual(seen);
  expect(result.history.map((h) => h.learningRate)).toEqual(seen.filter((_, i) => i % 4 === 3));
  return { seen, scalars };
}

describe('learning-rate schedules', () => {
  it('constant: the base rate at every step', async () => {
    const { seen } = await ratesSeen({ kind: 'constant' });
    expect(seen).toEqual(Array(16).fill(0.1));
  });

  it('step: the rate times gamma every `every` epochs, changing only between epochs', async () => {
    const { seen } = await ratesSeen({ kind: 'step', every: 2, gamma: 0.5 }, 'adam', 5);
    const perEpoch = [0.1, 0.1, 0.05, 0.05, 0.025];
    expect(seen).toEqual(perEpoch.flatMap((lr) => Array(4).fill(lr)));
  });

  it('cosine: a linear warm-up to the base rate, then half a cosine down to minFactor, set per batch', async () => {
    const { seen } = await ratesSeen({ kind: 'cosine', warmup: 1, minFactor: 0.1 });
    const expected = Array.from({ length: 16 }, (_, step) => {
      const at = step / 4; // position in epochs
      if (at < 1) return 0.1 * (at + 0.25);
      return 0.01 + (0.09 * (1 + Math.cos((Math.PI * (at - 1)) / 3))) / 2;
    });
    seen.forEach((lr, i) => expect(lr).toBeCloseTo(expected[i], 12));
    expect(seen[3]).toBe(0.1); // the warm-up's last batch trains at the base rate
    expect(seen[4]).toBe(0.1);
    expect(Math.min(...seen.slice(4))).toBeGreaterThan(0.01);
  });

  it('reaches SGD too, whose update multiplies by a -lr scalar of its own', async () => {
    const { seen, scalars } = await ratesSeen({ kind: 'step', every: 1, gamma: 0.5 }, 'sgd', 3);
    expect(scalars).toHaveLength(12);
    expect(seen).toEqual([0.1, 0.05, 0.025].flatMap((lr) => Array(4).fill(lr)));
    scalars.forEach((c, i) => expect(c).toBeCloseTo(-seen[i], 7));
  });

  it("moves the weights by the scheduled rate: Adam's first step moves each weight by about lr", async () => {
    const model = classifier(3);
    const before = model.weights.map((w) => Array.from(w.dataSync()));
    let moved = 0;
    await fit(model, createTask('operands', { n: 8, length: 3 }, createRng(3).fork('data')), {
      epochs: 2,
      batchSize: 8,
      learningRate: 0.1,
      schedule: { kind: 'cosine', warmup: 1.5 },
      rng: createRng(3),
      onBatchEnd: (p) => {
        if (p.epoch !== 1) return;
        model.weights.forEach((w, i) =>
          w.dataSync().forEach((value, k) => (moved = Math.max(moved, Math.abs(value - before[i][k])))),
        );
      },
    });
    model.dispose();
    // One batch per epoch, a warm-up of 1.5 epochs: the first step trains at 0.1 * 1 / 1.5.
    expect(moved).toBeCloseTo(0.1 / 1.5, 4);
  });

  it('is a pure function of the epoch and batch numbers', () => {
    const cosine: LearningRateSchedule = { kind: 'cosine' };
    expect(scheduledLearningRate(cosine, 1, 10, { epoch: 1, batch: 0, batches: 5 })).toBe(1);
    expect(scheduledLearningRate(cosine, 1, 10, { epoch: 6, batch: 0, batches: 5 })).toBeCloseTo(0.5, 12);
    expect(
      scheduledLearningRate({ kind: 'step', every: 3, gamma: 0.1 }, 2, 9, { epoch: 7, batch: 4, batches: 5 }),
    ).toBe(2 * 0.1 ** 2);
  });

  it.each([
    [{ kind: 'linear' }, 'schedule.kind must be one of constant, step, cosine, got "linear"'],
    [{ kind: 'step', every: 0, gamma: 0.5 }, 'validateSchedule: schedule.every must be an integer >= 1, got 0'],
    [{ kind: 'step', every: 1.5, gamma: 0.5 }, 'validateSchedule: schedule.every must be an integer >= 1, got 1.5'],
    [{ kind: 'step', every: 2 }, 'schedule.gamma must be in (0, 1], got undefined'],
    [{ kind: 'step', every: 2, gamma: 2 }, 'schedule.gamma must be in (0, 1], got 2'],
    [{ kind: 'cosine', warmup: 5 }, 'schedule.warmup must be a number of epochs in [0, epochs = 5), got 5'],
    [{ kind: 'cosine', warmup: -1 }, 'schedule.warmup must be a number of epochs in [0, epochs = 5), got -1'],
    [{ kind: 'cosine', minFactor: 1.5 }, 'schedule.minFactor must be in [0, 1], got 1.5'],
    [
      { kind: 'cosine', gamma: 0.5 },
      'schedule.gamma is not an option of a cosine schedule, which takes kind, warmup, minFactor',
    ],
  ])('rejects %j with a one-line RangeError naming the field', async (schedule, message) => {
    expect(() => validateSchedule(schedule as LearningRateSchedule, 5)).toThrow(new RangeError(message));
    const model = classifier(2);
    const run = fit(model, createTask('operands', { n: 8 }, createRng(2)), {
      epochs: 5,
      batchSize: 4,
      schedule: schedule as LearningRateSchedule,
      rng: createRng(2),
    });
    await expect(run).rejects.toThrow(new RangeError(message));
    expect(message).not.toContain('\n');
    model.dispose();
  });
});

/** A calculator small enough to train in a moment, with a schedule that changes within epochs. */
const tiny: Recipe = {
  name: 'tiny-scheduled',
  source: 'test',
  description: 'test',
  task: { name: 'operands', options: { n: 96, length: 4 } },
  model: { cell: 'gru', hidden: 6, layers: 1 },
  training: {
    epochs: 4,
    batchSize: 16,
    learningRate: 0.02,
    optimizer: 'adam',
    schedule: { kind: 'cosine', warmup: 1, minFactor: 0.05 },
  },
  target: { metric: 'accuracy', atLeast: 0, test: { n: 32 }, description: 'test' },
  buildSpec: () => ({
    architecture: 'classifier',
    input: { type: 'dense', features: 2 },
    rnn: { kind: 'gru', units: 6 },
    outputSize: 1,
  }),
};

const weightsOf = (model: { weights: tf.Variable[] }) => model.weights.map((w) => Array.from(w.dataSync()));

describe('a scheduled run resumed from a checkpoint', () => {
  it.each<[string, LearningRateSchedule]>([
    ['cosine with warm-up', { kind: 'cosine', warmup: 1, minFactor: 0.05 }],
    ['step', { kind: 'step', every: 1, gamma: 0.5 }],
  ])('(%s) uses the same rate at every step and ends with the weights of an uninterrupted run', async (_, schedule) => {
    const recipe: Recipe = { ...tiny, training: { ...tiny.training, schedule } };
    const rates = (into: number[]) => (p: { learningRate: number }) => into.push(p.learningRate);
    const wholeRates: number[] = [];
    const whole = await trainRecipe(recipe, { seed: 5, onBatchEnd: rates(wholeRates) });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-schedule-'));
    const splitRates: number[] = [];
    // The same run, killed right after its checkpoint of epoch 2.
    const killed = trainRecipe(recipe, {
      seed: 5,
      onBatchEnd: rates(splitRates),
      onEpochEnd: async (record, { model, optimizer, history }) => {
        await saveCheckpoint(dir, { model, optimizer, epoch: record.epoch, history, run: {} });
        if (record.epoch === 2) throw new Error('killed');
      },
    });
    await expect(killed).rejects.toThrow('killed');
    const checkpoint = await loadCheckpoint(dir);
    expect(checkpoint.manifest.epoch).toBe(2);
    const resumed = await trainRecipe(recipe, {
      seed: 5,
      onBatchEnd: rates(splitRates),
      resume: {
        model: checkpoint.model,
        optimizerState: checkpoint.optimizerState,
        epoch: checkpoint.manifest.epoch,
        history: checkpoint.manifest.history,
      },
    });
    expect(splitRates).toEqual(wholeRates);
    expect(new Set(wholeRates).size).toBeGreaterThan(2);
    expect(weightsOf(resumed.model)).toEqual(weightsOf(whole.model));
    expect(resumed.result.history.map((h) => h.learningRate)).toEqual(whole.result.history.map((h) => h.learningRate));
    whole.model.dispose();
    resumed.model.dispose();
  });
});
