import * as tf from '@tensorflow/tfjs';
import { checkMaskedShapes } from './check-masked-shapes';
import { maskedMean } from './masked-mean';

/**
 * Mean squared error over the real steps, each step's error averaged over its features.
 *
 * @param predictions - [batch, time, features]
 * @param targets - [batch, time, features]
 * @param mask - 1 for a real step, 0 for padding, [batch, time]
 */
export function maskedMeanSquaredError(predictions: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  checkMaskedShapes('maskedMeanSquaredError', predictions, targets, mask, 3);
  return tf.tidy(() => maskedMean(tf.mean(tf.squaredDifference(predictions, targets), -1), mask));
}
