import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { SequenceModel } from '../architectures/sequence-model';
import { modelFormatVersion, modelFromArtifacts, modelToArtifacts, type ModelJson } from './model-artifacts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A GRU tagger saved by the toolkit before GRUs had `resetAfter` (model format 2), and the logits it
 * gave then for ids [1, 3, 2, 0] with lengths [3]: computed by that version, not by this one.
 */
const version2 = {
  json: {
    format: 'rnn-model',
    version: 2,
    spec: {
      architecture: 'tagger',
      input: { type: 'embedding', vocabSize: 4, dim: 3 },
      rnn: { kind: 'gru', units: 2 },
      outputSize: 2,
    },
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'embedding/embeddings', shape: [4, 3], dtype: 'float32' },
          { name: 'rnn_0/kernel', shape: [3, 6], dtype: 'float32' },
          { name: 'rnn_0/recurrent_kernel', shape: [2, 6], dtype: 'float32' },
          { name: 'rnn_0/bias', shape: [6], dtype: 'float32' },
          { name: 'head/kernel', shape: [2, 2], dtype: 'float32' },
          { name: 'head/bias', shape: [2], dtype: 'float32' },
        ],
      },
    ],
    weightsBytes: 216,
    weightsHash: '19237381',
    specHash: '7c65b72b',
  },
  weights:
    '1/IVPdnC6jx5NyI9JuYGvLXhtLwvF8y5rmuRPFHRPT3Z7zc9CIqsvPnFrjzdP2E8+nsZP5Zu1z6b5zS//5fkPva5Sb7S0wE7yKyqvnliIL8C' +
    'VvW8vow2PppgAj92aA++kOYtv4Ez7r2NvKO+NrKpvpDULL//H9a+cWnoOgGn5D63dWA8ZRIgP1xofr7SwAU8NfrIPgM/DjzqSN2+Ct96PTE8' +
    'Iz8Hjmw+198OPi7mXj6vaeo+PZGhvszg1r6AyAm/xnYFv79jW7+G0YA/rWmOPwAAAAAAAAAA',
  logits: [
    -0.1202387660741806, -0.08019658178091049, -0.20379239320755005, -0.14153407514095306, -0.2539062201976776,
    -0.17730866372585297, 0, 0,
  ],
};

const ids = () => tf.tensor2d([[1, 3, 2, 0]], undefined, 'int32');
const logitsOf = (model: SequenceModel): number[] =>
  tf.tidy(() => Array.from(model.forward(ids(), tf.tensor1d([3], 'int32')).logits.dataSync()));

function expectLogits(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
}

describe('model files of format 2, saved before GRUs had resetAfter', () => {
  const weights = () => new Uint8Array(Buffer.from(version2.weights, 'base64'));

  it('load as resetAfter: false, giving the outputs they gave when saved', () => {
    const model = modelFromArtifacts(version2.json, weights()) as SequenceModel;
    expect(model.spec.rnn).toEqual({ kind: 'gru', units: 2, resetAfter: false });
    expect(model.stack.cells[0].weights).toHaveLength(3);
    expectLogits(logitsOf(model), version2.logits);
    model.dispose();
  });

  it('are saved again as format 3 with resetAfter: false written out, and still compute the same', () => {
    const model = modelFromArtifacts(version2.json, weights()) as SequenceModel;
    const { json, weights: bytes } = modelToArtifacts(model);
    model.dispose();
    expect(json.version).toBe(3);
    expect(json.spec.rnn).toEqual({ kind: 'gru', units: 2, resetAfter: false });
    expect(Buffer.from(bytes).toString('base64')).toBe(version2.weights);
    const again = modelFromArtifacts(JSON.parse(JSON.stringify(json)), bytes) as SequenceModel;
    expectLogits(logitsOf(again), version2.logits);
    again.dispose();
  });

  it('keep the spec their hash was made of: a GRU spec edited after the save is still refused', () => {
    const edited = {
      ...version2.json,
      spec: { ...version2.json.spec, rnn: { kind: 'gru', units: 2, resetAfter: true } },
    };
    expect(() => modelFromArtifacts(edited, weights())).toThrow(/specHash does not match/);
  });
});

describe('model files of format 3', () => {
  const build = (rnn: SequenceModel['spec']['rnn']) =>
    new SequenceModel(
      { architecture: 'lm', input: { type: 'onehot', vocabSize: 5 }, rnn, outputSize: 5 },
      createRng(4).fork('init'),
    );

  it('write resetAfter in every GRU spec, the default (true) included, and name the recurrent bias', () => {
    const model = build({ kind: 'gru', units: 3, layers: 2 });
    const { json, weights } = modelToArtifacts(model);
    expect(modelFormatVersion).toBe(3);
    expect(json.version).toBe(modelFormatVersion);
    expect(json.spec.rnn).toEqual({ kind: 'gru', units: 3, layers: 2, resetAfter: true });
    expect(json.weightsManifest[0].weights.map((w) => `${w.name} [${w.shape}]`)).toEqual([
      'rnn_0/kernel [5,9]',
      'rnn_0/recurrent_kernel [3,9]',
      'rnn_0/bias [9]',
      'rnn_0/recurrent_bias [9]',
      'rnn_1/kernel [3,9]',
      'rnn_1/recurrent_kernel [3,9]',
      'rnn_1/bias [9]',
      'rnn_1/recurrent_bias [9]',
      'head/kernel [3,5]',
      'head/bias [5]',
    ]);
    // Read back, the spec is the one the model was built from, the default left out as it was there.
    const loaded = modelFromArtifacts(JSON.parse(JSON.stringify(json)), weights) as SequenceModel;
    expect(loaded.spec).toEqual(model.spec);
    expect(loaded.stack.cells[1].weights).toHaveLength(4);
    expect(logitsOf(loaded)).toEqual(logitsOf(model));
    [model, loaded].forEach((m) => m.dispose());
  });

  it('read resetAfter: false back as it was written', () => {
    const model = build({ kind: 'gru', units: 3, resetAfter: false });
    const { json, weights } = modelToArtifacts(model);
    expect(json.spec.rnn.resetAfter).toBe(false);
    const loaded = modelFromArtifacts(JSON.parse(JSON.stringify(json)), weights) as SequenceModel;
    expect(loaded.spec).toEqual(model.spec);
    expect(logitsOf(loaded)).toEqual(logitsOf(model));
    [model, loaded].forEach((m) => m.dispose());
  });

  it('leave the specs of other cells as they are', () => {
    const model = build({ kind: 'lstm', units: 3 });
    expect(modelToArtifacts(model).json.spec).toEqual(model.spec);
    model.dispose();
  });

  it('refuse a version this toolkit does not read, in one line naming those it does', () => {
    const model = build({ kind: 'gru', units: 2, resetAfter: false });
    const { json, weights } = modelToArtifacts(model);
    model.dispose();
    const as = (version: unknown) => ({ ...json, version }) as unknown as ModelJson;
    expect(() => modelFromArtifacts(as(4), weights)).toThrow(
      new RangeError('model.json has version 4; this toolkit reads versions 2 and 3'),
    );
    expect(() => modelFromArtifacts(as(1), weights)).toThrow(
      /model format 1, whose spec is not tied to its weights\); this one reads formats 2 and 3: train the model again$/,
    );
  });
});
