import * as tf from '@tensorflow/tfjs';
import { maskedTokenAccuracy } from '../metrics/masked-token-accuracy';
import { maskedBinaryCrossEntropy } from './masked-binary-cross-entropy';
import { maskedCrossEntropy } from './masked-cross-entropy';
import { maskedMeanSquaredError } from './masked-mean-squared-error';

const value = (t: tf.Scalar) => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};
const logSoftmax = (row: number[]) => {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, x) => s + Math.exp(x - m), 0));
  return row.map((x) => x - lse);
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('maskedCrossEntropy', () => {
  // batch 2, time 3, vocab 3; sequence 0 has 3 real steps, sequence 1 has 1.
  const rows = [
    [
      [1, 2, 0.5],
      [0, 0, 3],
      [2, -1, 0],
    ],
    [
      [0.3, 0.2, 0.1],
      [9, 9, 9],
      [5, -5, 0],
    ],
  ];
  const ids = [
    [1, 2, 0],
    [2, 0, 0],
  ];
  const maskRows = [
    [1, 1, 1],
    [1, 0, 0],
  ];

  it('averages -log p(target) over the real steps only', () => {
    const expected =
      -[
        [0, 0],
        [0, 1],
        [0, 2],
        [1, 0],
      ]
        .map(([b, t]) => logSoftmax(rows[b][t])[ids[b][t]])
        .reduce((s, x) => s + x, 0) / 4;
    const loss = maskedCrossEntropy(tf.tensor3d(rows), tf.tensor2d(ids, undefined, 'int32'), tf.tensor2d(maskRows));
    expect(value(loss)).toBeCloseTo(expected, 5);
  });

  it('ignores whatever sits in padded steps and equals the sequences taken one by one', () => {
    const changed = rows.map((seq, b) =>
      seq.map((row, t) => (maskRows[b][t] ? row : row.map(() => 100 * Math.random()))),
    );
    const a = value(maskedCrossEntropy(tf.tensor3d(rows), tf.tensor2d(ids, undefined, 'int32'), tf.tensor2d(maskRows)));
    const b = value(
      maskedCrossEntropy(tf.tensor3d(changed), tf.tensor2d(ids, undefined, 'int32'), tf.tensor2d(maskRows)),
    );
    expect(b).toBeCloseTo(a, 6);
    const first = value(
      maskedCrossEntropy(tf.tensor3d([rows[0]]), tf.tensor2d([ids[0]], undefined, 'int32'), tf.ones([1, 3])),
    );
    const second = value(
      maskedCrossEntropy(
        tf.tensor3d([rows[1].slice(0, 1)]),
        tf.tensor2d([[ids[1][0]]], undefined, 'int32'),
        tf.ones([1, 1]),
      ),
    );
    expect(a).toBeCloseTo((3 * first + 1 * second) / 4, 5);
  });

  it('rejects mismatched shapes and non-integer targets, naming the argument', () => {
    const logits = tf.zeros([2, 3, 4]);
    expect(() => maskedCrossEntropy(logits, tf.zeros([2, 2], 'int32'), tf.ones([2, 3]))).toThrow(
      'maskedCrossEntropy: targets must have shape [2,3], got [2,2]',
    );
    expect(() => maskedCrossEntropy(logits, tf.zeros([2, 3], 'int32'), tf.ones([3, 2]))).toThrow(
      /mask must have shape \[2,3\]/,
    );
    expect(() => maskedCrossEntropy(logits, tf.zeros([2, 3]), tf.ones([2, 3]))).toThrow(/targets must be int32/);
  });

  it('leaks no tensors', () => {
    const logits = tf.randomNormal([2, 4, 5]);
    const targets = tf.zeros([2, 4], 'int32');
    const mask = tf.ones([2, 4]);
    const before = tf.memory().numTensors;
    value(maskedCrossEntropy(logits, targets, mask));
    value(maskedTokenAccuracy(logits, targets, mask));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([logits, targets, mask]);
  });
});

describe('maskedBinaryCrossEntropy', () => {
  it('matches -[y log s + (1-y) log(1-s)] on real steps and stays finite for large logits', () => {
    const z = [
      [0.5, -2, 100],
      [3, -100, 7],
    ];
    const y = [
      [1, 0, 1],
      [0, 0, 1],
    ];
    const mask = [
      [1, 1, 1],
      [1, 1, 0],
    ];
    let sum = 0;
    let n = 0;
    for (let b = 0; b < 2; b++)
      for (let t = 0; t < 3; t++) {
        if (!mask[b][t]) continue;
        const s = 1 / (1 + Math.exp(-z[b][t]));
        sum += -(y[b][t] * Math.log(Math.max(s, 1e-300)) + (1 - y[b][t]) * Math.log(Math.max(1 - s, 1e-300)));
        n++;
      }
    const loss = value(maskedBinaryCrossEntropy(tf.tensor2d(z), tf.tensor2d(y), tf.tensor2d(mask)));
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeCloseTo(sum / n, 4);
  });
});

describe('maskedMeanSquaredError', () => {
  it('averages squared error over features, then over real steps', () => {
    const p = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    const t = tf.tensor3d([
      [
        [0, 0],
        [100, 100],
      ],
    ]);
    expect(value(maskedMeanSquaredError(p, t, tf.tensor2d([[1, 0]])))).toBeCloseTo((1 + 4) / 2, 6);
  });
});

describe('maskedTokenAccuracy', () => {
  it('counts argmax hits on real steps only', () => {
    const logits = tf.tensor3d([
      [
        [0, 1],
        [1, 0],
        [0, 1],
      ],
    ]);
    const targets = tf.tensor2d([[1, 1, 0]], undefined, 'int32');
    expect(value(maskedTokenAccuracy(logits, targets, tf.tensor2d([[1, 1, 0]])))).toBeCloseTo(0.5, 6);
    expect(value(maskedTokenAccuracy(logits, targets, tf.tensor2d([[1, 0, 0]])))).toBeCloseTo(1, 6);
  });
});
