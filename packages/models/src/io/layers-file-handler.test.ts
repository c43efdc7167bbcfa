import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import type { SequenceModelSpec } from '../architectures/model-spec';
import { SequenceModel } from '../architectures/sequence-model';
import { toLayersModel } from './export-layers-model';
import { exportLayersModel, layersFileHandler } from './layers-file-handler';
import { layersExport, type RnnSpecJson } from './layers-model-files';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-layers-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const spec: SequenceModelSpec = {
  architecture: 'classifier',
  input: { type: 'embedding', vocabSize: 7, dim: 3 },
  rnn: { kind: 'lstm', units: 5, layers: 2 },
  outputSize: 3,
};
// Padded with id 0 after each sequence's end: lengths 4, 2, 3.
const ids = () => tf.tensor2d([1, 2, 3, 6, 5, 4, 0, 0, 6, 6, 1, 0], [3, 4], 'int32');

const predict = (model: tf.LayersModel, x: tf.Tensor) => tf.tidy(() => (model.predict(x) as tf.Tensor).arraySync());

describe('layersFileHandler', () => {
  it('round-trips a layers model through tf.loadLayersModel with identical predictions, no leaks', async () => {
    const dir = path.join(await tempDir(), 'nested', 'export');
    const model = new SequenceModel(spec, createRng('roundtrip'));
    const x = ids();
    const before = tf.memory().numTensors;

    const exported = toLayersModel(model);
    const result = await exported.save(layersFileHandler(dir));
    expect(result.modelArtifactsInfo.weightDataBytes).toBe(
      model.weights.reduce((sum, w) => sum + w.size, 0) * Float32Array.BYTES_PER_ELEMENT,
    );
    const loaded = await tf.loadLayersModel(layersFileHandler(dir));
    expect(predict(loaded, x)).toEqual(predict(exported, x));
    const ours = tf.tidy(() => model.forward(x, tf.tensor1d([4, 2, 3], 'int32')).logits.arraySync()) as number[][];
    (predict(loaded, x) as number[][])
      .flat()
      .forEach((v, i) => expect(Math.abs(v - ours.flat()[i])).toBeLessThan(1e-5));
    exported.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // tfjs's standard files, and nothing else (no temporary file left behind).
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8'));
    expect(json).toMatchObject({
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
      convertedBy: null,
      modelTopology: { class_name: 'Model' },
    });
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
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
    x.dispose();
    model.dispose();
  });

  it('overwrites an earlier save in place', async () => {
    const dir = await tempDir();
    const x = ids();
    for (const seed of ['first', 'second']) {
      const model = new SequenceModel(spec, createRng(seed));
      const exported = toLayersModel(model);
      await exported.save(layersFileHandler(dir));
      const loaded = await tf.loadLayersModel(layersFileHandler(dir));
      expect(predict(loaded, x)).toEqual(predict(exported, x));
      // tfjs suffixes names it has seen before in this process; the saved names must not change.
      const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8'));
      expect(json.weightsManifest[0].weights[1].name).toBe('rnn_0/kernel');
      exported.dispose();
      loaded.dispose();
      model.dispose();
    }
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    x.dispose();
  });

  it('rejects a missing, invalid, foreign or mis-sized model with a one-line RangeError', async () => {
    const dir = await tempDir();
    const load = () => layersFileHandler(dir).load?.() as Promise<tf.io.ModelArtifacts>;
    await expect(load()).rejects.toThrow(new RangeError(`no model in ${dir}: model.json is missing`));

    const model = new SequenceModel(spec, createRng('errors'));
    const exported = toLayersModel(model);
    await exported.save(layersFileHandler(dir));
    exported.dispose();
    model.dispose();
    const json = await readFile(path.join(dir, 'model.json'), 'utf8');
    const weights = await readFile(path.join(dir, 'weights.bin'));

    await writeFile(path.join(dir, 'model.json'), '{ nope');
    await expect(load()).rejects.toThrow(new RangeError(`${path.join(dir, 'model.json')} is not valid JSON`));
    await writeFile(path.join(dir, 'model.json'), '{"format": "rnn-model"}');
    await expect(load()).rejects.toThrow(/is not a tfjs layers model \(it needs modelTopology and weightsManifest\)$/);
    const escaping = JSON.parse(json);
    escaping.weightsManifest[0].paths = ['../elsewhere.bin'];
    await writeFile(path.join(dir, 'model.json'), JSON.stringify(escaping));
    await expect(load()).rejects.toThrow(/lists a weights path "..\/elsewhere.bin" outside its folder$/);
    await writeFile(path.join(dir, 'model.json'), json);

    await writeFile(path.join(dir, 'weights.bin'), weights.subarray(0, 100));
    await expect(load()).rejects.toThrow(
      new RangeError(`weights.bin in ${dir} has 100 bytes; model.json's weights need ${weights.byteLength}`),
    );
    await writeFile(path.join(dir, 'weights.bin'), Buffer.concat([weights, Buffer.alloc(4)]));
    await expect(load()).rejects.toThrow(/has \d+ bytes; model.json's weights need/);
    await rm(path.join(dir, 'weights.bin'));
    await expect(load()).rejects.toThrow(new RangeError(`no model in ${dir}: weights.bin is missing`));
    await expect(tf.loadLayersModel(layersFileHandler(dir))).rejects.toThrow(RangeError);

    await writeFile(path.join(dir, 'weights.bin'), weights);
    const loaded = await tf.loadLayersModel(layersFileHandler(dir));
    loaded.dispose();
    expect(() => layersFileHandler('')).toThrow(new RangeError('dir must be a non-empty folder path'));
  });
});

describe('exportLayersModel', () => {
  it('writes the tfjs files and rnn-spec.json, and frees its temporary layers model', async () => {
    const dir = await tempDir();
    const model = new SequenceModel(
      {
        ...spec,
        architecture: 'tagger',
        input: { type: 'onehot', vocabSize: 7 },
        rnn: { kind: 'gru', units: 4, resetAfter: false },
      },
      createRng('export'),
    );
    // No padding: a tagger's padded steps are not compared (Keras repeats the last real output there).
    const x = tf.tensor2d([1, 2, 3, 6, 5, 4, 2, 1], [2, 4], 'int32');
    const before = tf.memory().numTensors;
    await exportLayersModel(model, dir);
    expect(tf.memory().numTensors).toBe(before);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'rnn-spec.json', 'weights.bin']);
    const saved: RnnSpecJson = JSON.parse(await readFile(path.join(dir, 'rnn-spec.json'), 'utf8'));
    expect(saved).toEqual({ format: 'rnn-spec', version: 1, spec: model.spec, maskZero: true });
    // The GRU tfjs-layers implements, recorded as such.
    expect(saved.spec.rnn.resetAfter).toBe(false);

    const loaded = await tf.loadLayersModel(layersFileHandler(dir));
    const theirs = predict(loaded, x) as number[][][];
    const ours = tf.tidy(() => model.forward(x).logits.arraySync()) as number[][][];
    theirs.flat(2).forEach((v, i) => expect(Math.abs(v - ours.flat(2)[i])).toBeLessThan(1e-5));
    loaded.dispose();
    x.dispose();
    model.dispose();
  });
});

describe('layersExport', () => {
  it('holds in memory exactly the files exportLayersModel writes, and refuses other architectures', async () => {
    const dir = await tempDir();
    const model = new SequenceModel(
      {
        ...spec,
        architecture: 'lm',
        input: { type: 'embedding', vocabSize: 7, dim: 3 },
        outputSize: 7,
        rnn: { kind: 'lstm', units: 4 },
      },
      createRng('in memory'),
    );
    const before = tf.memory().numTensors;
    const { files } = await layersExport(model);
    expect(tf.memory().numTensors).toBe(before);
    await exportLayersModel(model, dir);
    expect([...files.keys()].sort()).toEqual((await readdir(dir)).sort());
    for (const [name, bytes] of files) {
      expect(Buffer.from(bytes).equals(await readFile(path.join(dir, name)))).toBe(true);
    }
    model.dispose();
    const seq2seq = { spec: { architecture: 'seq2seq' } } as unknown as SequenceModel;
    await expect(layersExport(seq2seq)).rejects.toThrow(/a seq2seq model has no tfjs layers equivalent/);
  });
});
