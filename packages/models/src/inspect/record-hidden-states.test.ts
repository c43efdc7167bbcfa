import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { buildModel, type ModelSpec } from '../architectures/build-model';
import type { GeneratorModel } from '../architectures/generator-model';
import type { Seq2SeqModel } from '../architectures/seq2seq-model';
import type { SequenceModel } from '../architectures/sequence-model';
import type { StackSpec } from '../layers/recurrent-stack';
import { recordHiddenStates } from './record-hidden-states';
import type { LayerRecord } from './stack-recorder';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const randomFeatures = (time: number, features: number, seed: number) => {
  const rng = createRng(seed);
  return tf.tensor3d(
    Array.from({ length: time * features }, () => rng.normal()),
    [1, time, features],
  );
};

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
};

/** The model's own hidden outputs [1, steps, units] as the recorder lays them out: [steps, units]. */
const flat = (hidden: tf.Tensor3D[] | undefined) => (hidden ?? []).map((h) => Float32Array.from(h.dataSync()));

const expectSameHidden = (layers: LayerRecord[], hidden: tf.Tensor3D[] | undefined) => {
  const expected = flat(hidden);
  expect(layers).toHaveLength(expected.length);
  layers.forEach((layer, i) => expect(maxAbsDiff(layer.hidden, expected[i])).toBeLessThan(1e-5));
};

/** Runs fn and checks that it leaves no tensor behind. */
const withoutLeaks = <T>(fn: () => T): T => {
  const before = tf.memory().numTensors;
  const result = fn();
  expect(tf.memory().numTensors).toBe(before);
  return result;
};

const stacks: [string, StackSpec][] = [
  ['simple', { kind: 'simple', units: 6, layers: 2 }],
  ['elman (relu)', { kind: 'elman', units: 5, layers: 2, activation: 'relu' }],
  ['lstm', { kind: 'lstm', units: 5, layers: 2 }],
  ['gru', { kind: 'gru', units: 4, layers: 2 }],
];

describe.each(stacks)('recordHiddenStates on a %s tagger', (_, rnn) => {
  const spec: ModelSpec = { architecture: 'tagger', input: { type: 'dense', features: 3 }, rnn, outputSize: 2 };
  const model = buildModel(spec, createRng(1).fork('init')) as SequenceModel;
  const x = randomFeatures(9, 3, 2);
  afterAll(() => {
    model.dispose();
    x.dispose();
  });

  it('records every layer at every step, equal to forward(..., { returnHidden: true }) within 1e-5', () => {
    const { layers, decoderLayers } = withoutLeaks(() => recordHiddenStates(model, x));
    expect(decoderLayers).toBeUndefined();
    expect(layers.map((l) => [l.layer, l.kind, l.units, l.steps, l.hidden.length])).toEqual(
      [0, 1].map((layer) => [layer, rnn.kind, rnn.units, 9, 9 * rnn.units]),
    );
    const { logits, hidden } = model.forward(x, undefined, { returnHidden: true });
    expectSameHidden(layers, hidden);
    tf.dispose([logits, ...(hidden ?? [])]);
  });

  it('records the gates of gated cells (and the cell state of an LSTM), and nothing more for Elman', () => {
    const { layers } = recordHiddenStates(model, x);
    const names = {
      simple: undefined,
      elman: undefined,
      lstm: ['input', 'forget', 'cell', 'output'],
      gru: ['update', 'reset', 'candidate'],
    }[rnn.kind];
    for (const layer of layers) {
      expect(layer.gates?.map((g) => g.name)).toEqual(names);
      layer.gates?.forEach((g) => expect(g.values).toHaveLength(9 * rnn.units));
      expect(layer.cell?.length).toBe(rnn.kind === 'lstm' ? 9 * rnn.units : undefined);
    }
  });

  it('is deterministic', () => {
    const a = recordHiddenStates(model, x);
    const b = recordHiddenStates(model, x);
    expect(a).toEqual(b);
  });
});

/** A small LSTM generator of 3 steps from 3 input features, for the argument checks. */
function threeStepGenerator() {
  return buildModel(
    {
      architecture: 'generator',
      inputFeatures: 3,
      rnn: { kind: 'lstm', units: 2 },
      outputSize: 1,
      inject: 'init',
      steps: 3,
    },
    createRng(1).fork('init'),
  );
}
describe('recordHiddenStates: the gates explain the states', () => {
  it('LSTM: c_t = f c_{t-1} + i g and h_t = o tanh(c_t); the last c is the stack final cell state', () => {
    const spec: ModelSpec = {
      architecture: 'tagger',
      input: { type: 'dense', features: 2 },
      rnn: { kind: 'lstm', units: 4, init: 'glorot' },
      outputSize: 1,
    };
    const model = buildModel(spec, createRng(3).fork('init')) as SequenceModel;
    const x = randomFeatures(7, 2, 4);
    const [layer] = recordHiddenStates(model, x).layers;
    const [i, f, g, o] = (layer.gates ?? []).map((gate) => gate.values);
    const c = layer.cell as Float32Array;
    const units = 4;
    for (let t = 0; t < 7; t++) {
      for (let u = 0; u < units; u++) {
        const k = t * units + u;
        const previous = t === 0 ? 0 : c[k - units];
        expect(c[k]).toBeCloseTo(f[k] * previous + i[k] * g[k], 5);
        expect(layer.hidden[k]).toBeCloseTo(o[k] * Math.tanh(c[k]), 5);
        for (const sigmoid of [i[k], f[k], o[k]]) expect(sigmoid > 0 && sigmoid < 1).toBe(true);
        expect(Math.abs(g[k])).toBeLessThan(1);
      }
    }
    const { states } = model.stack.forward(x);
    expect(maxAbsDiff(c.subarray(6 * units), states[0][1].dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, ...states.flat()]);
    model.dispose();
  });

  it('GRU: h_t = z h_{t-1} + (1 - z) candidate', () => {
    const spec: ModelSpec = {
      architecture: 'tagger',
      input: { type: 'dense', features: 2 },
      rnn: { kind: 'gru', units: 3 },
      outputSize: 1,
    };
    const model = buildModel(spec, createRng(5).fork('init')) as SequenceModel;
    const x = randomFeatures(6, 2, 6);
    const [layer] = recordHiddenStates(model, x).layers;
    const [z, r, candidate] = (layer.gates ?? []).map((gate) => gate.values);
    for (let k = 0; k < 6 * 3; k++) {
      const previous = k < 3 ? 0 : layer.hidden[k - 3];
      expect(layer.hidden[k]).toBeCloseTo(z[k] * previous + (1 - z[k]) * candidate[k], 5);
      expect(r[k] > 0 && r[k] < 1).toBe(true);
    }
    x.dispose();
    model.dispose();
  });
});

describe('recordHiddenStates on other sequence models', () => {
  it('a classifier over one-hot ids records only the first `length` steps, as forward with lengths runs them', () => {
    const spec: ModelSpec = {
      architecture: 'classifier',
      input: { type: 'onehot', vocabSize: 5 },
      rnn: { kind: 'gru', units: 6 },
      outputSize: 2,
    };
    const model = buildModel(spec, createRng(7).fork('init')) as SequenceModel;
    const padded = tf.tensor2d([[1, 4, 2, 3, 0, 0]], undefined, 'int32');
    const { layers } = withoutLeaks(() => recordHiddenStates(model, padded, { length: 4 }));
    expect(layers[0].steps).toBe(4);
    const alone = tf.tensor2d([[1, 4, 2, 3]], undefined, 'int32');
    const { logits, hidden } = model.forward(alone, undefined, { returnHidden: true });
    expectSameHidden(layers, hidden);
    tf.dispose([padded, alone, logits, ...(hidden ?? [])]);
    model.dispose();
  });

  it('an lm over embedded ids', () => {
    const spec: ModelSpec = {
      architecture: 'lm',
      input: { type: 'embedding', vocabSize: 7, dim: 3 },
      rnn: { kind: 'lstm', units: 8, layers: 2 },
      outputSize: 7,
    };
    const model = buildModel(spec, createRng(8).fork('init')) as SequenceModel;
    const ids = tf.tensor2d([[1, 2, 3, 4, 5, 6, 0, 1]], undefined, 'int32');
    const { layers } = withoutLeaks(() => recordHiddenStates(model, ids));
    const { logits, hidden } = model.forward(ids, undefined, { returnHidden: true });
    expectSameHidden(layers, hidden);
    tf.dispose([ids, logits, ...(hidden ?? [])]);
    model.dispose();
  });
});

describe('recordHiddenStates on a seq2seq model', () => {
  const source = tf.tensor2d([[3, 1, 2, 2, 1]], undefined, 'int32');
  const targets = tf.tensor2d([[2, 2, 1, 3]], undefined, 'int32');
  afterAll(() => tf.dispose([source, targets]));

  it.each([
    ['zeros', 'zeros', false],
    ['teacher forcing with targets', 'teacher-forcing', true],
    ['teacher forcing reading its own argmax', 'teacher-forcing', false],
  ] as const)('records the encoder and the decoder (%s) as forward runs them', (_, decoderInput, withTargets) => {
    const spec: ModelSpec = {
      architecture: 'seq2seq',
      input: { type: 'onehot', vocabSize: 4 },
      rnn: { kind: 'lstm', units: 5, layers: 2 },
      outputSize: 4,
      decoderInput,
      targetSteps: 4,
    };
    const model = buildModel(spec, createRng(9).fork('init')) as Seq2SeqModel;
    const options = withTargets ? { targets } : {};
    const record = withoutLeaks(() => recordHiddenStates(model, source, options));
    const result = model.forward(source, undefined, { ...options, returnHidden: true });
    expectSameHidden(record.layers, result.hidden);
    expectSameHidden(record.decoderLayers ?? [], result.decoderHidden);
    expect(record.layers[0].steps).toBe(5);
    expect(record.decoderLayers?.[0].steps).toBe(4);
    expect(record.decoderLayers?.[1].gates?.map((g) => g.name)).toEqual(['input', 'forget', 'cell', 'output']);
    tf.dispose([result.logits, ...(result.hidden ?? []), ...(result.decoderHidden ?? [])]);
    model.dispose();
  });

  it('refuses targets of another shape', () => {
    const spec: ModelSpec = {
      architecture: 'seq2seq',
      input: { type: 'onehot', vocabSize: 4 },
      rnn: { kind: 'gru', units: 3 },
      outputSize: 4,
      decoderInput: 'teacher-forcing',
      targetSteps: 4,
    };
    const model = buildModel(spec, createRng(10).fork('init'));
    expect(() => recordHiddenStates(model, source, { targets, targetSteps: 3 })).toThrow(
      /targets must be int32 ids of shape \[1, 3\]/,
    );
    model.dispose();
  });
});

describe('recordHiddenStates on a generator', () => {
  it.each(['init', 'pre', 'par'] as const)(
    'records its generated steps (%s-inject) as forward makes them',
    (inject) => {
      const spec: ModelSpec = {
        architecture: 'generator',
        inputFeatures: 3,
        rnn: { kind: 'gru', units: 6, layers: 2 },
        outputSize: 1,
        inject,
        steps: 12,
      };
      const model = buildModel(spec, createRng(11).fork('init')) as GeneratorModel;
      const x = tf.tensor3d([[[0, 1, 0]]]);
      const record = withoutLeaks(() => recordHiddenStates(model, x, { targetSteps: 10 }));
      expect(record.layers[0].steps).toBe(10);
      const result = model.forward(x, undefined, { targetSteps: 10, returnHidden: true });
      expectSameHidden(record.layers, result.hidden);
      tf.dispose([x, result.logits, ...(result.hidden ?? [])]);
      model.dispose();
    },
  );
});

describe('recordHiddenStates argument checks', () => {
  const spec: ModelSpec = {
    architecture: 'tagger',
    input: { type: 'dense', features: 2 },
    rnn: { kind: 'simple', units: 3 },
    outputSize: 1,
  };
  const model = buildModel(spec, createRng(12).fork('init'));
  afterAll(() => model.dispose());

  it('refuses what is not one sequence for a model, naming the argument', () => {
    const two = randomFeatures(4, 2, 1).tile([2, 1, 1]);
    expect(() => recordHiddenStates(model, two)).toThrow(
      /x must be a tensor holding one sequence \(batch 1\), got shape \[2,4,2\]/,
    );
    const x = randomFeatures(4, 2, 1);
    expect(() => recordHiddenStates(model, x, { length: 5 })).toThrow(
      'recordHiddenStates: length must be an integer in [1, 4], got 5',
    );
    expect(() => recordHiddenStates(model, x, { length: 0 })).toThrow(RangeError);
    expect(() => recordHiddenStates(model, x, { targetSteps: 0 })).toThrow(/targetSteps must be an integer >= 1/);
    expect(() => recordHiddenStates({} as never, x)).toThrow(/model must be a SequenceModel/);
    expect(() => recordHiddenStates(model, [1, 2] as never)).toThrow(/x must be a tensor/);
    const generator = threeStepGenerator();
    expect(() => recordHiddenStates(generator, x)).toThrow(/generator input must have shape \[1, 3\] or \[1, 1, 3\]/);
    generator.dispose();
    tf.dispose([two, x]);
  });

  it('leaves no tensor behind when it throws', () => {
    const before = tf.memory().numTensors;
    const generator = threeStepGenerator();
    const x = randomFeatures(4, 2, 1);
    const made = tf.memory().numTensors;
    expect(() => recordHiddenStates(generator, x)).toThrow(RangeError);
    expect(tf.memory().numTensors).toBe(made);
    generator.dispose();
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
