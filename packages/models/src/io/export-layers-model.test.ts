import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import type { SequenceArchitecture, SequenceModelSpec } from '../architectures/model-spec';
import { SequenceModel } from '../architectures/sequence-model';
import type { InputSpec } from '../layers/input-spec';
import type { StackSpec } from '../layers/recurrent-stack';
import { exportMasksPadding, toLayersModel } from './export-layers-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const vocabSize = 6;
const features = 3;
const [batch, time] = [3, 5];
const lengths = [5, 2, 3];

const cells: { name: string; rnn: StackSpec }[] = [
  { name: 'elman tanh', rnn: { kind: 'elman', units: 4, layers: 2 } },
  { name: 'elman relu', rnn: { kind: 'elman', units: 4, layers: 2, activation: 'relu' } },
  { name: 'elman linear', rnn: { kind: 'elman', units: 4, layers: 2, activation: 'linear' } },
  { name: 'simple', rnn: { kind: 'simple', units: 4, layers: 2, dropout: 0.5 } },
  { name: 'lstm', rnn: { kind: 'lstm', units: 4, layers: 2 } },
  { name: 'lstm glorot', rnn: { kind: 'lstm', units: 4, layers: 1, init: 'glorot' } },
  // tfjs-layers implements the reset-before GRU only.
  { name: 'gru', rnn: { kind: 'gru', units: 4, layers: 2, resetAfter: false } },
];
const inputs: InputSpec[] = [
  { type: 'onehot', vocabSize },
  { type: 'embedding', vocabSize, dim: 3 },
  { type: 'dense', features },
];
const architectures: SequenceArchitecture[] = ['classifier', 'tagger', 'lm'];

const specOf = (architecture: SequenceArchitecture, input: InputSpec, rnn: StackSpec): SequenceModelSpec => ({
  architecture,
  input,
  rnn,
  outputSize: architecture === 'lm' && input.type !== 'dense' ? input.vocabSize : 2,
});

/** Ids in 1..vocabSize-1 (never the padding id 0) or random features, deterministic per seed. */
function inputBatch(input: InputSpec, seed: number, padTo?: readonly number[]): tf.Tensor {
  const rng = createRng(seed);
  if (input.type === 'dense') {
    const values = Array.from({ length: batch * time * features }, () => rng.uniform(-1, 1));
    if (padTo)
      values.forEach((_, i) =>
        Math.floor(i / features) % time >= padTo[Math.floor(i / (time * features))] ? (values[i] = 0) : 0,
      );
    return tf.tensor3d(values, [batch, time, features]);
  }
  const ids = Array.from({ length: batch * time }, (_, i) =>
    padTo && i % time >= padTo[Math.floor(i / time)] ? 0 : rng.int(1, input.vocabSize - 1),
  );
  return tf.tensor2d(ids, [batch, time], 'int32');
}

/** Our logits and the exported model's, as arrays; every tensor made here is freed. */
function bothLogits(model: SequenceModel, x: tf.Tensor, withLengths: boolean, maskZero?: boolean) {
  const layers = toLayersModel(model, maskZero === undefined ? {} : { maskZero });
  const ours = tf.tidy(() => model.forward(x, withLengths ? tf.tensor1d(lengths, 'int32') : undefined).logits);
  const theirs = layers.predict(x) as tf.Tensor;
  const result = { ours: ours.arraySync(), theirs: theirs.arraySync(), shape: theirs.shape };
  tf.dispose([ours, theirs]);
  layers.dispose();
  return result;
}

function expectClose(actual: unknown, expected: unknown, tolerance = 1e-5): void {
  const a = (actual as number[]).flat(2) as number[];
  const e = (expected as number[]).flat(2) as number[];
  expect(a.length).toBe(e.length);
  const worst = Math.max(...a.map((v, i) => Math.abs(v - e[i])));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe('toLayersModel', () => {
  const cases = cells.flatMap(({ name, rnn }) =>
    inputs.flatMap((input) => architectures.map((architecture) => ({ name, rnn, input, architecture }))),
  );

  it.each(cases)('$architecture, $input.type input, $name: same logits as forward', ({ rnn, input, architecture }) => {
    const model = new SequenceModel(specOf(architecture, input, rnn), createRng(`${architecture}${rnn.kind}`));
    const x = inputBatch(input, 1);
    // Counted after building ours: only the export, its predictions and its disposal are checked here.
    const before = tf.memory().numTensors;
    const { ours, theirs, shape } = bothLogits(model, x, false);
    expect(shape).toEqual(
      architecture === 'classifier' ? [batch, model.spec.outputSize] : [batch, time, model.spec.outputSize],
    );
    expectClose(theirs, ours);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  const idCases = cells.flatMap(({ name, rnn }) =>
    inputs.filter((input) => input.type !== 'dense').map((input) => ({ name, rnn, input })),
  );

  it.each(idCases)(
    'padded batch, $input.type input, $name: the classifier reads the last valid step (id 0 masked)',
    ({ rnn, input }) => {
      const model = new SequenceModel(specOf('classifier', input, rnn), createRng(`padded ${rnn.kind}`));
      const x = inputBatch(input, 2, lengths);
      const before = tf.memory().numTensors;
      const { ours, theirs } = bothLogits(model, x, true);
      expectClose(theirs, ours);
      // Without lengths ours runs through the padding and answers differently: the mask mattered.
      const unmasked = tf.tidy(() => model.forward(x).logits.arraySync());
      expect(
        Math.max(...(unmasked as number[][]).flat().map((v, i) => Math.abs(v - (ours as number[][]).flat()[i]))),
      ).toBeGreaterThan(1e-4);
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      model.dispose();
    },
  );

  it.each(cells)('padded batch, tagger, $name: the same logits on every real step', ({ rnn }) => {
    const model = new SequenceModel(specOf('tagger', inputs[1], rnn), createRng('tagger'));
    const x = inputBatch(inputs[1], 3, lengths);
    const { ours, theirs } = bothLogits(model, x, true);
    const real = (logits: unknown) => (logits as number[][][]).map((row, b) => row.slice(0, lengths[b]));
    expectClose(real(theirs), real(ours));
    x.dispose();
    model.dispose();
  });

  it('dense input with maskZero: all-zero padding steps are skipped, as lengths skip them', () => {
    const model = new SequenceModel(specOf('classifier', inputs[2], cells[4].rnn), createRng('dense'));
    const x = inputBatch(inputs[2], 4, lengths);
    const { ours, theirs } = bothLogits(model, x, true, true);
    expectClose(theirs, ours);
    x.dispose();
    model.dispose();
  });

  it('maskZero false: id 0 is an ordinary step, as in forward without lengths', () => {
    const model = new SequenceModel(specOf('classifier', inputs[1], cells[6].rnn), createRng('nomask'));
    const x = tf.tensor2d([0, 3, 0, 2, 0, 1, 1, 0, 0, 0, 5, 4, 3, 2, 0], [batch, time], 'int32');
    const { ours, theirs } = bothLogits(model, x, false, false);
    expectClose(theirs, ours);
    x.dispose();
    model.dispose();
  });

  it('builds tfjs layers: SimpleRNN/LSTM/GRU with sigmoid gates, a frozen identity for onehot', () => {
    const model = new SequenceModel(specOf('classifier', inputs[0], cells[6].rnn), createRng('layers'));
    const layers = toLayersModel(model);
    expect(layers.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Embedding', 'GRU', 'GRU', 'Dense']);
    expect(layers.layers.map((l) => l.name)).toEqual(['ids', 'onehot', 'rnn_0', 'rnn_1', 'head']);
    expect(layers.getLayer('onehot').trainable).toBe(false);
    expect(layers.getLayer('onehot').getConfig()).toMatchObject({ maskZero: true });
    expect(layers.getLayer('rnn_0').getConfig()).toMatchObject({
      returnSequences: true,
      recurrentActivation: 'sigmoid',
    });
    expect(layers.getLayer('rnn_1').getConfig()).toMatchObject({ returnSequences: false });
    expect(layers.trainableWeights.length).toBe(model.weights.length);
    layers.dispose();
    model.dispose();

    const elman = new SequenceModel(
      specOf('tagger', inputs[2], { kind: 'elman', units: 3, activation: 'relu' }),
      createRng('elman'),
    );
    const simple = toLayersModel(elman);
    expect(simple.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'SimpleRNN', 'Dense']);
    expect(simple.getLayer('rnn_0').getConfig()).toMatchObject({ activation: 'relu', returnSequences: true });
    simple.dispose();
    elman.dispose();
  });

  it('copies the weights: later training of our model leaves the export unchanged', () => {
    const model = new SequenceModel(specOf('lm', inputs[1], cells[4].rnn), createRng('copy'));
    const layers = toLayersModel(model);
    const x = inputBatch(inputs[1], 5);
    const before = tf.tidy(() => (layers.predict(x) as tf.Tensor).arraySync());
    model.weights.forEach((w) => tf.tidy(() => w.assign(tf.zerosLike(w))));
    const after = tf.tidy(() => (layers.predict(x) as tf.Tensor).arraySync());
    expect(after).toEqual(before);
    layers.dispose();
    model.dispose();
    x.dispose();
  });

  it('rejects what it cannot export with a clear error', () => {
    const model = new SequenceModel(specOf('tagger', inputs[0], cells[0].rnn), createRng('bad'));
    expect(() => toLayersModel({} as SequenceModel)).toThrow(new RangeError('model must be a SequenceModel'));
    expect(() => toLayersModel(model, { maskZero: 'yes' as unknown as boolean })).toThrow(
      'maskZero must be true or false, got "yes"',
    );
    expect(exportMasksPadding(model.spec)).toBe(true);
    expect(exportMasksPadding(specOf('tagger', inputs[2], cells[0].rnn))).toBe(false);
    model.dispose();
  });

  it.each([{ kind: 'gru', units: 3 } as const, { kind: 'gru', units: 3, layers: 2, resetAfter: true } as const])(
    'refuses a reset-after GRU (%j), which tfjs-layers cannot load, in one line saying what to do',
    (rnn) => {
      const model = new SequenceModel(specOf('tagger', inputs[0], rnn), createRng('reset-after'));
      const before = tf.memory().numTensors;
      expect(() => toLayersModel(model)).toThrow(
        new RangeError(
          'tfjs-layers has no GRU with resetAfter: true (its GRUCell implements reset_after=false only); ' +
            'build the model with resetAfter: false to export it',
        ),
      );
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    },
  );
});
