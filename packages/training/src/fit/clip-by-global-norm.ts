import * as tf from '@tensorflow/tfjs';

/**
 * Scales every gradient by min(1, maxNorm / globalNorm), where globalNorm is the L2 norm of all of
 * them together: the direction is kept, only an exploding step is shortened. Returns the new
 * gradients and the norm before clipping (to report).
 */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  if (!(maxNorm > 0)) throw new RangeError(`clip norm must be > 0, got ${maxNorm}`);
  return tf.tidy(() => {
    const names = Object.keys(grads);
    const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))) as tf.Scalar;
    const scale = tf.minimum(1, tf.div(maxNorm, tf.maximum(norm, 1e-12)));
    const clipped: Record<string, tf.Tensor> = {};
    for (const n of names) clipped[n] = tf.mul(grads[n], scale);
    return { grads: clipped, norm } as unknown as tf.TensorContainer;
  }) as unknown as { grads: Record<string, tf.Tensor>; norm: tf.Scalar };
}
