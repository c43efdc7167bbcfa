import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { loadNativeKernels, unloadNativeKernels } from '@rnn/models/node';
import { maskedBinaryCrossEntropy, maskedBinaryCrossEntropyOps } from './masked-binary-cross-entropy';
import { maskedCrossEntropy, maskedCrossEntropyOps } from './masked-cross-entropy';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rng = createRng(5);
const normal = (shape: number[], scale = 3) =>
  tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => scale * rng.normal()),
    shape,
  );
// Ragged: sequence 0 full, 1 half, 2 empty (an all-padding row must give no loss and no gradient).
const mask = tf.tensor2d([
  [1, 1, 1, 1],
  [1, 1, 0, 0],
  [0, 0, 0, 0],
]);

function expectSame(host: (z: tf.Tensor) => tf.Scalar, ops: (z: tf.Tensor) => tf.Scalar, logits: tf.Tensor): void {
  tf.tidy(() => {
    expect(host(logits).dataSync()[0]).toBeCloseTo(ops(logits).dataSync()[0], 5);
    const a = tf.grad(host)(logits).dataSync();
    const b = tf.grad(ops)(logits).dataSync();
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));
  });
}

const nativeLoaded = loadNativeKernels().loaded;
unloadNativeKernels();

describe.each(nativeLoaded ? ['portable loops', 'native addon'] : ['portable loops'])(
  'host masked losses equal their tfjs formulas, values and gradients (%s)',
  (mode) => {
    beforeAll(() => {
      if (mode === 'native addon') loadNativeKernels();
    });
    afterAll(() => unloadNativeKernels());

    it('cross-entropy, including an id outside the classes', () => {
      const targets = tf.tensor2d(
        [
          [0, 4, 2, 1],
          [3, 7, 0, 0],
          [1, 1, 1, 1],
        ],
        undefined,
        'int32',
      );
      const logits = normal([3, 4, 5]);
      expectSame(
        (z) => maskedCrossEntropy(z, targets, mask),
        (z) => maskedCrossEntropyOps(z, targets, mask),
        logits,
      );
      tf.dispose([targets, logits]);
    });

    it('binary cross-entropy, large logits included', () => {
      const targets = tf.tensor2d([
        [0, 1, 1, 0],
        [1, 0, 1, 1],
        [0, 0, 1, 1],
      ]);
      const logits = tf.concat([normal([3, 3]), tf.tensor2d([[80], [-80], [0]])], 1);
      expectSame(
        (z) => maskedBinaryCrossEntropy(z, targets, mask),
        (z) => maskedBinaryCrossEntropyOps(z, targets, mask),
        logits,
      );
      tf.dispose([targets, logits]);
    });

    it('binary cross-entropy with int32 targets and mask, scaled downstream, leaving no tensor behind', () => {
      const targets = tf.tensor2d(
        [
          [0, 1, 1, 0],
          [1, 0, 1, 1],
          [0, 0, 1, 1],
        ],
        undefined,
        'int32',
      );
      const intMask = tf.cast(mask, 'int32');
      const logits = normal([3, 4]);
      const before = tf.memory().numTensors;
      // The incoming gradient is 3, not 1: the saved per-logit gradient must be scaled by it.
      expectSame(
        (z) => tf.mul(maskedBinaryCrossEntropy(z, targets, intMask), 3) as tf.Scalar,
        (z) => tf.mul(maskedBinaryCrossEntropyOps(z, targets, mask), 3) as tf.Scalar,
        logits,
      );
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([targets, intMask, logits]);
    });
  },
);
