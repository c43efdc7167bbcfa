import * as tf from '@tensorflow/tfjs';
import { hostMaskedCrossEntropy, onHostBackend } from '@rnn/models/kernels';
import { checkMaskedShapes } from './check-masked-shapes';
import { maskedMean } from './masked-mean';

/**
 * Softmax cross-entropy in nats, averaged over the real steps of a padded batch.
 *
 * @param logits - unnormalised scores, [batch, time, vocab]
 * @param targets - the target ids, int32 [batch, time]
 * @param mask - 1 for a real step (the stop symbol included), 0 for padding, [batch, time]
 */
export function maskedCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  checkMaskedShapes('maskedCrossEntropy', logits, targets, mask, 3);
  if (targets.dtype !== 'int32') {
    throw new RangeError(`maskedCrossEntropy: targets must be int32 ids, got ${targets.dtype}`);
  }
  if (onHostBackend()) return hostMaskedCrossEntropy(logits, targets, mask);
  return maskedCrossEntropyOps(logits, targets, mask);
}

/** The same loss as tfjs ops: any backend, and the reference the host kernel is tested against. */
export function maskedCrossEntropyOps(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const vocab = logits.shape[2] as number;
    const logProbs = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(logProbs, tf.oneHot(targets as tf.Tensor2D, vocab)), -1);
    return maskedMean(tf.neg(picked), mask);
  });
}
