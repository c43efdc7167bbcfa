import * as tf from '@tensorflow/tfjs';
import { hostMaskedBinaryCrossEntropy, onHostBackend } from '@rnn/models/kernels';
import { checkMaskedShapes } from './check-masked-shapes';
import { maskedMean } from './masked-mean';

/**
 * Sigmoid binary cross-entropy in nats from logits, averaged over the real steps. Computed as
 * max(z, 0) - z*y + log(1 + exp(-|z|)), which stays finite for large |z|.
 *
 * @param logits - one score per step, [batch, time]
 * @param targets - 0 or 1 per step, [batch, time]
 * @param mask - 1 for a real step, 0 for padding, [batch, time]
 */
export function maskedBinaryCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  checkMaskedShapes('maskedBinaryCrossEntropy', logits, targets, mask, 2);
  if (onHostBackend()) return hostMaskedBinaryCrossEntropy(logits, targets, mask);
  return maskedBinaryCrossEntropyOps(logits, targets, mask);
}

/** The same loss as tfjs ops: any backend, and the reference the host kernel is tested against. */
export function maskedBinaryCrossEntropyOps(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const z = logits;
    const y = targets.toFloat();
    const perStep = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
    return maskedMean(perStep, mask);
  });
}
