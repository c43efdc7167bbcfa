import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from './embedding-lookup';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('embeddingLookup', () => {
  it('equals tf.gather, with the same gradient for repeated ids', () => {
    tf.tidy(() => {
      const table = tf.tensor2d([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], [3, 3]);
      const ids = tf.tensor2d(
        [
          [2, 0, 2],
          [1, 1, 0],
        ],
        undefined,
        'int32',
      );
      const weight = tf.tensor3d(
        Array.from({ length: 18 }, (_, i) => i - 7),
        [2, 3, 3],
      );
      expect(embeddingLookup(table, ids).arraySync()).toEqual(tf.gather(table, ids).arraySync());
      const ours = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embeddingLookup(t as tf.Tensor2D, ids), weight)))(table);
      const theirs = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), weight)))(table);
      const expected = theirs.dataSync();
      ours.dataSync().forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    });
  });

  it('rejects ids outside the table and non-integer ids, in one line', () => {
    tf.tidy(() => {
      const table = tf.zeros([3, 2]) as tf.Tensor2D;
      expect(() => embeddingLookup(table, tf.tensor1d([3], 'int32'))).toThrow(
        "embedding id 3 is outside the table's 0..2",
      );
      expect(() => embeddingLookup(table, tf.tensor1d([1]))).toThrow('embedding ids must be int32, got float32');
    });
  });
});
