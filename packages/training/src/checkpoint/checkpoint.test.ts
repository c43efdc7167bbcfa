import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Recipe } from '../recipes/recipe';
import { trainRecipe } from '../recipes/train-recipe';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A calculator small enough to train in a moment. */
const tiny: Recipe = {
  name: 'tiny-calculator',
  source: 'test',
  description: 'test',
  task: { name: 'operands', options: { n: 96, length: 4 } },
  model: { cell: 'lstm', hidden: 6, layers: 1 },
  training: { epochs: 3, batchSize: 16, learningRate: 0.01, optimizer: 'adam' },
  target: { metric: 'accuracy', atLeast: 0, test: { n: 32 }, description: 'test' },
  buildSpec: () => ({
    architecture: 'classifier',
    input: { type: 'dense', features: 2 },
    rnn: { kind: 'lstm', units: 6 },
    outputSize: 1,
  }),
};

const weightsOf = (model: { weights: tf.Variable[] }) => model.weights.map((w) => Array.from(w.dataSync()));

describe('checkpoints', () => {
  it('a run stopped after epoch 2 and resumed ends with exactly the weights of an uninterrupted run', async () => {
    const whole = await trainRecipe(tiny, { seed: 5 });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-ckpt-'));
    const first = await trainRecipe(tiny, {
      seed: 5,
      overrides: { epochs: 2 },
      onEpochEnd: (record, { model, optimizer, history }) =>
        saveCheckpoint(dir, { model, optimizer, epoch: record.epoch, history, run: { recipe: tiny.name, seed: 5 } }),
    });
    first.model.dispose();
    expect((await readdir(dir)).sort()).toEqual(['epoch-00002', 'latest.json']);
    const checkpoint = await loadCheckpoint(dir);
    expect(checkpoint.manifest.epoch).toBe(2);
    expect(checkpoint.manifest.run).toEqual({ recipe: 'tiny-calculator', seed: 5 });
    const resumed = await trainRecipe(tiny, {
      seed: 5,
      resume: {
        model: checkpoint.model,
        optimizerState: checkpoint.optimizerState,
        epoch: checkpoint.manifest.epoch,
        history: checkpoint.manifest.history,
      },
    });
    expect(weightsOf(resumed.model)).toEqual(weightsOf(whole.model));
    expect(resumed.result.history.map((h) => h.loss)).toEqual(whole.result.history.map((h) => h.loss));
    whole.model.dispose();
    resumed.model.dispose();
  });

  it('reports a folder without a checkpoint, or a damaged one, clearly', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-ckpt-'));
    await expect(loadCheckpoint(dir)).rejects.toThrow(`${dir} holds no checkpoint (latest.json is missing)`);
    await writeFile(path.join(dir, 'latest.json'), '{"folder": "../etc"}');
    await expect(loadCheckpoint(dir)).rejects.toThrow(/damaged latest.json/);
    await writeFile(path.join(dir, 'latest.json'), '{"folder": "epoch-00001"}');
    await expect(loadCheckpoint(dir)).rejects.toThrow(/checkpoint.json is missing or not valid JSON/);
  });
});
