import * as tf from '@tensorflow/tfjs';

/**
 * The mean of per-step `values` [batch, time] over the real steps only: sum(values * mask) / sum(mask).
 * Averaging over real steps (not over batch x time) makes a padded step count for nothing and a
 * batch of mixed lengths give the same loss as its sequences taken together one by one.
 * An all-padding batch gives 0 rather than NaN.
 */
export function maskedMean(values: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const m = mask.toFloat();
    return tf.div(tf.sum(tf.mul(values, m)), tf.maximum(tf.sum(m), 1)) as tf.Scalar;
  });
}
