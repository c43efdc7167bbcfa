import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng, folderInMemory } from '@rnn/datasets';
import { SequenceModel } from '../architectures/sequence-model';
import { modelFiles, modelFromFolder } from './model-artifacts';
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
      'rnn_0/recurrent_bias',
      'rnn_1/kernel',
      'rnn_1/recurrent_kernel',
      'rnn_1/bias',
      'rnn_1/recurrent_bias',
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
    await expect(loadModel(dir)).rejects.toThrow(
      /weights.bin has 100 bytes, .*model.json expects \d+ \(weightsBytes\)/,
    );
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

  it('names the file and the field of a model.json edited by hand, and checks the spec against the weights', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-model-'));
    const model = build();
    await saveModel(model, dir);
    model.dispose();
    const file = path.join(dir, 'model.json');
    const saved = JSON.parse(await readFile(file, 'utf8'));
    /** Sets the field at `field` of a copy of the saved model.json (removes it for undefined) and expects a refusal. */
    const expectRefused = async (field: readonly (string | number)[], value: unknown, message: RegExp) => {
      const json = structuredClone(saved);
      const parent = field
        .slice(0, -1)
        .reduce((v, key) => (v as Record<string | number, unknown>)[key], json) as Record<string | number, unknown>;
      const key = field[field.length - 1];
      if (value === undefined) delete parent[key];
      else parent[key] = value;
      await writeFile(file, JSON.stringify(json));
      const refusal = loadModel(dir);
      await expect(refusal).rejects.toThrow(RangeError);
      await expect(refusal).rejects.toThrow(message);
    };
    const at = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await writeFile(file, 'null');
    await expect(loadModel(dir)).rejects.toThrow(new RegExp(`^${at} is not an rnn model file`));
    await expectRefused(
      ['weightsManifest', 0, 'weights', 1, 'shape'],
      undefined,
      new RegExp(
        `^${at}: weightsManifest\\[0\\]\\.weights\\[1\\]\\.shape must be a list of integers >= 0, got nothing$`,
      ),
    );
    await expectRefused(
      ['weightsManifest', 0, 'weights', 2, 'shape'],
      [5, -15],
      /weights\[2\]\.shape must be a list of integers >= 0, got \[5,-15\]/,
    );
    await expectRefused(
      ['weightsManifest'],
      null,
      /: weightsManifest must be a list of one group of weights, got null/,
    );
    await expectRefused(['spec'], null, /: spec must be an object, got null/);
    await expectRefused(['specHash'], undefined, /: specHash must be 8 hexadecimal digits, got nothing/);
    // A tagger of the same shapes as this lm: only the tie between spec and weights tells them apart.
    await expectRefused(
      ['spec', 'architecture'],
      'tagger',
      new RegExp(`^${at}'s spec or weights manifest was changed after the save .*the weights no longer fit the spec$`),
    );
    await expectRefused(['weightsManifest', 0, 'weights', 0, 'name'], 'other', /specHash does not match/);
    await expectRefused(['version'], 1, /was saved by an older version of rnn \(model format 1.*train the model again/);
    // Key order is not part of what the hash covers: a reformatted file still loads.
    const reordered = Object.fromEntries(Object.entries(saved).reverse());
    await writeFile(file, JSON.stringify(reordered, null, 4));
    const loaded = await loadModel(dir);
    expect(loaded.spec).toEqual(model.spec);
    loaded.dispose();
  });

  it('refuses weights that are not all finite', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-model-'));
    const model = build();
    model.weights[1].assign(tf.fill(model.weights[1].shape, NaN));
    await saveModel(model, dir);
    model.dispose();
    await expect(loadModel(dir)).rejects.toThrow(/weights.bin holds a non-finite weight \(NaN\) at value \d+/);
  });
});

describe('modelFiles / modelFromFolder in memory', () => {
  it('holds the files saveModel writes, and loads them with the same outputs and messages', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-model-'));
    const model = build();
    await saveModel(model, dir);
    const files = modelFiles(model);
    for (const [name, bytes] of files) {
      expect(Buffer.from(bytes).equals(await readFile(path.join(dir, name)))).toBe(true);
    }
    const loaded = await modelFromFolder(folderInMemory(files, 'opened.zip'));
    const x = tf.tensor2d([[1, 2, 3, 6]], undefined, 'int32');
    expect(Array.from(loaded.forward(x).logits.dataSync())).toEqual(Array.from(model.forward(x).logits.dataSync()));
    const noWeights = new Map([...files].filter(([name]) => name !== 'weights.bin'));
    await expect(modelFromFolder(folderInMemory(noWeights, 'opened.zip'))).rejects.toThrow(
      'no weights in opened.zip: weights.bin is missing',
    );
    const damaged = new Map(files).set('weights.bin', new Uint8Array(files.get('weights.bin')!.length));
    await expect(modelFromFolder(folderInMemory(damaged, 'opened.zip'))).rejects.toThrow(
      'opened.zip/weights.bin is damaged or from another save',
    );
  });
});
