import * as tf from '@tensorflow/tfjs';
import { onHostBackend, readFloats } from '@rnn/models/kernels';

/**
 * Scales every gradient by min(1, maxNorm / globalNorm), where globalNorm is the L2 norm of all of
 * them together: the direction is kept, only an exploding step is shortened. Returns the new
 * gradients and the norm before clipping (to report). On host backends the norm and the scaling are
 * plain loops over the values: tfjs's element-wise ops on the cpu backend take seconds on the
 * millions of weights of a character model.
 */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  if (!(maxNorm > 0)) throw new RangeError(`clip norm must be > 0, got ${maxNorm}`);
  if (onHostBackend()) return hostClip(grads, maxNorm);
  return tf.tidy(() => {
    const names = Object.keys(grads);
    const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))) as tf.Scalar;
    const scale = tf.minimum(1, tf.div(maxNorm, tf.maximum(norm, 1e-12)));
    const clipped: Record<string, tf.Tensor> = {};
    for (const n of names) clipped[n] = tf.mul(grads[n], scale);
    return { grads: clipped, norm } as unknown as tf.TensorContainer;
  }) as unknown as { grads: Record<string, tf.Tensor>; norm: tf.Scalar };
}

function hostClip(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  const names = Object.keys(grads);
  const values = names.map((n) => readFloats(grads[n]));
  let squares = 0;
  for (const v of values) for (let i = 0; i < v.length; i++) squares += v[i] * v[i];
  const norm = Math.sqrt(squares);
  const scale = Math.min(1, maxNorm / Math.max(norm, 1e-12));
  const clipped: Record<string, tf.Tensor> = {};
  names.forEach((n, k) => {
    const out = new Float32Array(values[k].length);
    const v = values[k];
    for (let i = 0; i < v.length; i++) out[i] = v[i] * scale;
    clipped[n] = tf.tensor(out, grads[n].shape, 'float32');
  });
  return { grads: clipped, norm: tf.scalar(norm) };
}
