import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { SequenceModel } from '../architectures/sequence-model';
import { loadModel, saveModel } from './model-directory';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const build = () =>
  new SequenceModel(
    {
      architecture: 'lm',
      input: { type: 'embedding', vocabSize: 7, dim: 3 },
      rnn: { kind: 'gru', units: 5, layers: 2 },
      outputSize: 7,
    },
    createRng(9),
  );

describe('saveModel / loadModel', () => {
  it('round-trips spec and weights: the loaded model gives the same outputs', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-model-'));
    const model = build();
    await saveModel(model, dir);
    const loaded = await loadModel(dir);
    expect(loaded.spec).toEqual(model.spec);
    const x = tf.tensor2d([[1, 2, 3, 6]], undefined, 'int32');
    expect(Array.from(loaded.forward(x).logits.dataSync())).toEqual(Array.from(model.forward(x).logits.dataSync()));
    const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual([
      'embedding/embeddings',
      'rnn_0/kernel',
      'rnn_0/recurrent_kernel',
      'rnn_0/bias',
      'rnn_1/kernel',
      'rnn_1/recurrent_kernel',
      'rnn_1/bias',
      'head/kernel',
      'head/bias',
    ]);
    model.dispose();
    loaded.dispose();
  });

  it('rejects a missing, foreign, truncated or damaged model with a clear error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-model-'));
    await expect(loadModel(dir)).rejects.toThrow(`no model in ${dir}: model.json is missing`);
    const model = build();
    await saveModel(model, dir);
    const weights = await readFile(path.join(dir, 'weights.bin'));
    const json = await readFile(path.join(dir, 'model.json'), 'utf8');

    await writeFile(path.join(dir, 'weights.bin'), weights.subarray(0, 100));
    await expect(loadModel(dir)).rejects.toThrow(/weights.bin has 100 bytes, model.json expects/);
    const damaged = Buffer.from(weights);
    damaged[17] ^= 0xff;
    await writeFile(path.join(dir, 'weights.bin'), damaged);
    await expect(loadModel(dir)).rejects.toThrow(/damaged or from another save/);
    await writeFile(path.join(dir, 'weights.bin'), weights);

    await writeFile(path.join(dir, 'model.json'), '{"format": "keras"}');
    await expect(loadModel(dir)).rejects.toThrow(/not an rnn model file/);
    await writeFile(path.join(dir, 'model.json'), '{ nope');
    await expect(loadModel(dir)).rejects.toThrow(/is not valid JSON/);
    await writeFile(path.join(dir, 'model.json'), json);
    await expect(loadModel(dir)).resolves.toBeInstanceOf(SequenceModel);
    model.dispose();
  });
});
