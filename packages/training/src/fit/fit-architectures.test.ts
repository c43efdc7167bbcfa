import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng, createTask } from '@rnn/datasets';
import { buildModel } from '@rnn/models';
import { loadModel, saveModel } from '@rnn/models/node';
import { evaluate } from './evaluate';
import { fit } from './fit';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fit beyond classifiers and taggers', () => {
  it('trains a teacher-forced encoder-decoder on copy, scores it on its own predictions, and saves it', async () => {
    const data = createTask('copy', { n: 96, alphabet: 'ab', minLength: 2, maxLength: 3 }, createRng(1).fork('data'));
    const vocab = data.vocabulary?.size ?? 0;
    const model = buildModel(
      {
        architecture: 'seq2seq',
        input: { type: 'onehot', vocabSize: vocab },
        rnn: { kind: 'gru', units: 24 },
        outputSize: vocab,
        decoderInput: 'teacher-forcing',
        targetSteps: data.targets.shape[1],
      },
      createRng(1).fork('init'),
    );
    const before = evaluate(model, data);
    const result = await fit(model, data, { epochs: 10, batchSize: 16, learningRate: 0.03, rng: createRng(1) });
    expect(result.history[9].loss).toBeLessThan(result.history[0].loss / 2);
    const after = evaluate(model, data);
    expect(after.accuracy).toBeGreaterThan(before.accuracy ?? 0);
    expect(after.exactMatch).toBeGreaterThan(0.5);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-seq2seq-'));
    await saveModel(model, dir);
    const loaded = await loadModel(dir);
    expect(loaded.spec).toEqual(model.spec);
    expect(evaluate(loaded, data)).toEqual(after);
    model.dispose();
    loaded.dispose();
  });

  it('trains a one-to-many generator on waves with squared error', async () => {
    const data = createTask('waves', { n: 64, frequencies: [1, 2], length: 10 }, createRng(2).fork('data'));
    const model = buildModel(
      {
        architecture: 'generator',
        inputFeatures: data.inputs.shape[data.inputs.shape.length - 1],
        rnn: { kind: 'simple', units: 12 },
        outputSize: 1,
        inject: 'init',
        steps: 10,
      },
      createRng(2).fork('init'),
    );
    const result = await fit(model, data, { epochs: 20, batchSize: 16, learningRate: 0.02, rng: createRng(2) });
    expect(result.history[19].loss).toBeLessThan(result.history[0].loss / 4);
    expect(evaluate(model, data).accuracy).toBeUndefined();
    model.dispose();
  });
});
