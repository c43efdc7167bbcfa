import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import type { SequenceModelSpec } from './model-spec';
import { SequenceModel } from './sequence-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const expectClose = (actual: number[], expected: number[], digits = 5) =>
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));

describe('SequenceModel', () => {
  it('classifier reads each sequence at its last valid step, not at the padded end', () => {
    const spec: SequenceModelSpec = {
      architecture: 'classifier',
      input: { type: 'onehot', vocabSize: 4 },
      rnn: { kind: 'gru', units: 6, layers: 2 },
      outputSize: 3,
    };
    const model = new SequenceModel(spec, createRng(1).fork('init'));
    const padded = tf.tensor2d(
      [
        [1, 2, 3, 0, 0],
        [3, 1, 0, 0, 0],
      ],
      undefined,
      'int32',
    );
    const batch = model.forward(padded, tf.tensor1d([3, 2], 'int32')).logits.arraySync() as number[][];
    const alone0 = model.forward(tf.tensor2d([[1, 2, 3]], undefined, 'int32')).logits.arraySync() as number[][];
    const alone1 = model.forward(tf.tensor2d([[3, 1]], undefined, 'int32')).logits.arraySync() as number[][];
    expectClose(batch[0], alone0[0]);
    expectClose(batch[1], alone1[0]);
    const unmasked = model.forward(padded).logits.arraySync() as number[][];
    expect(Math.abs(unmasked[1][0] - batch[1][0])).toBeGreaterThan(1e-6);
    model.dispose();
  });

  it('tagger forward over a whole sequence equals stepping it T times', () => {
    const spec: SequenceModelSpec = {
      architecture: 'tagger',
      input: { type: 'dense', features: 2 },
      rnn: { kind: 'lstm', units: 5, layers: 2 },
      outputSize: 2,
    };
    const model = new SequenceModel(spec, createRng(2).fork('init'));
    const rng = createRng(3);
    const x = tf.tensor3d(
      Array.from({ length: 2 * 7 * 2 }, () => rng.normal()),
      [2, 7, 2],
    );
    const whole = model.forward(x).logits.arraySync() as number[][][];
    let states = model.initialStates(2);
    for (let t = 0; t < 7; t++) {
      const xt = tf.squeeze(tf.slice(x, [0, t, 0], [2, 1, 2]), [1]);
      const { logits, states: next } = model.step(xt, states);
      const stepped = logits.arraySync();
      for (let b = 0; b < 2; b++) expectClose(whole[b][t], stepped[b]);
      states = next;
    }
    model.dispose();
  });

  it("returns every layer's hidden states on request", () => {
    const model = new SequenceModel(
      {
        architecture: 'lm',
        input: { type: 'embedding', vocabSize: 5, dim: 3 },
        rnn: { kind: 'elman', units: 4, layers: 3 },
        outputSize: 5,
      },
      createRng(4),
    );
    const { logits, hidden } = model.forward(tf.tensor2d([[1, 2, 3]], undefined, 'int32'), undefined, {
      returnHidden: true,
    });
    expect(logits.shape).toEqual([1, 3, 5]);
    expect(hidden?.map((h) => h.shape)).toEqual([
      [1, 3, 4],
      [1, 3, 4],
      [1, 3, 4],
    ]);
    model.dispose();
  });

  it('trains an embedding lm on cpu: gradients reach every weight, and nothing leaks', () => {
    const model = new SequenceModel(
      {
        architecture: 'lm',
        input: { type: 'embedding', vocabSize: 6, dim: 3 },
        rnn: { kind: 'lstm', units: 4 },
        outputSize: 6,
      },
      createRng(5),
    );
    const x = tf.tensor2d([[1, 2, 3, 4]], undefined, 'int32');
    const y = tf.oneHot(tf.tensor2d([[2, 3, 4, 5]], undefined, 'int32'), 6);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.losses.softmaxCrossEntropy(y, model.forward(x).logits) as tf.Scalar,
      model.weights,
    );
    expect(Object.keys(grads)).toHaveLength(model.weights.length);
    for (const w of model.weights) {
      expect(tf.tidy(() => tf.max(tf.abs(grads[w.name])).dataSync()[0])).toBeGreaterThan(0);
    }
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('applies seeded dropout between layers only when asked', () => {
    const spec: SequenceModelSpec = {
      architecture: 'tagger',
      input: { type: 'onehot', vocabSize: 3 },
      rnn: { kind: 'simple', units: 8, layers: 2, dropout: 0.5 },
      outputSize: 2,
    };
    const model = new SequenceModel(spec, createRng(6));
    const x = tf.tensor2d([[0, 1, 2, 1]], undefined, 'int32');
    const plain = model.forward(x).logits.dataSync();
    const dropA = model.forward(x, undefined, { dropoutRng: createRng(7) }).logits.dataSync();
    const dropB = model.forward(x, undefined, { dropoutRng: createRng(7) }).logits.dataSync();
    expect(Array.from(dropA)).toEqual(Array.from(dropB));
    expect(Array.from(dropA)).not.toEqual(Array.from(plain));
    model.dispose();
  });

  it('frees every tensor it made when disposed', () => {
    const before = tf.memory().numTensors;
    const model = new SequenceModel(
      {
        architecture: 'lm',
        input: { type: 'embedding', vocabSize: 5, dim: 3 },
        rnn: { kind: 'lstm', units: 4, layers: 2 },
        outputSize: 5,
      },
      createRng(8),
    );
    expect(tf.memory().numTensors).toBe(before + model.weights.length);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad specs and inputs with a RangeError naming the field', () => {
    const base: SequenceModelSpec = {
      architecture: 'tagger',
      input: { type: 'onehot', vocabSize: 3 },
      rnn: { kind: 'lstm', units: 4 },
      outputSize: 2,
    };
    const rng = createRng(0);
    expect(() => new SequenceModel({ ...base, architecture: 'cnn' as never }, rng)).toThrow(
      /architecture must be one of classifier, tagger, lm/,
    );
    expect(() => new SequenceModel({ ...base, rnn: { ...base.rnn, layers: 0 } }, rng)).toThrow(
      /layers must be an integer >= 1, got 0/,
    );
    expect(() => new SequenceModel({ ...base, rnn: { ...base.rnn, dropout: 1 } }, rng)).toThrow(
      /dropout must be in \[0, 1\)/,
    );
    expect(() => new SequenceModel({ ...base, input: { type: 'embedding', vocabSize: 3, dim: 0 } }, rng)).toThrow(
      /input: dim must be an integer >= 1, got 0/,
    );
    expect(() => new SequenceModel({ ...base, architecture: 'lm', outputSize: 4 }, rng)).toThrow(
      /outputSize must equal input vocabSize 3/,
    );
    const model = new SequenceModel(base, rng);
    expect(() => model.forward(tf.zeros([1, 3]))).toThrow(/onehot input must be int32 ids/);
    model.dispose();
  });
});
