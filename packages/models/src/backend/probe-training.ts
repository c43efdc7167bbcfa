import * as tf from '@tensorflow/tfjs';
import { firstLine } from './activate-backend';
import { releaseAbandonedTape } from './release-abandoned-tape';

/**
 * Runs one tiny training step on the current backend — an embedding lookup, a recurrent-style
 * matmul and tanh, softmax cross-entropy and the gradients of all of it — and returns why it failed,
 * or `undefined` when it works. Loading is not enough: the wasm backend loads but lacks the
 * `UnsortedSegmentSum` kernel that the gradient of an embedding lookup needs.
 */
export function probeTraining(): string | undefined {
  try {
    const loss = tf.tidy(() => {
      const embedding = tf.tensor2d([0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.9, 0.2], [5, 2]);
      const weights = tf.tensor2d([0.3, -0.1, 0.2, 0.5, 0.4, -0.3], [2, 3]);
      const ids = tf.tensor1d([0, 2, 4, 2], 'int32');
      const labels = tf.oneHot(tf.tensor1d([1, 0, 2, 1], 'int32'), 3);
      const step = (e: tf.Tensor, w: tf.Tensor) =>
        tf.losses.softmaxCrossEntropy(labels, tf.tanh(tf.matMul(tf.gather(e, ids), w as tf.Tensor2D)));
      const { value, grads } = tf.valueAndGrads(step)([embedding, weights]);
      return tf.stack([value.reshape([]), tf.sum(grads[0]), tf.sum(grads[1])]);
    });
    const values = loss.dataSync();
    loss.dispose();
    if (!Array.from(values).every(Number.isFinite)) return 'a training step gave non-finite values';
    return undefined;
  } catch (err) {
    releaseAbandonedTape();
    return `loads but cannot train: ${firstLine(err)}`;
  }
}
