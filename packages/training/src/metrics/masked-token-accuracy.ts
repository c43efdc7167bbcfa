import * as tf from '@tensorflow/tfjs';
import { checkMaskedShapes } from '../losses/check-masked-shapes';
import { maskedMean } from '../losses/masked-mean';

/**
 * The fraction of real steps whose most likely token is the target; padding never counts.
 *
 * @param logits - [batch, time, vocab]
 * @param targets - int32 ids, [batch, time]
 * @param mask - 1 for a real step, 0 for padding, [batch, time]
 */
export function maskedTokenAccuracy(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  checkMaskedShapes('maskedTokenAccuracy', logits, targets, mask, 3);
  return tf.tidy(() => maskedMean(tf.equal(tf.argMax(logits, -1), targets.toInt()).toFloat(), mask));
}
