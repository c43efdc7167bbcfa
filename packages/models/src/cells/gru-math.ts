import * as tf from '@tensorflow/tfjs';
import type { CellMath } from './cell-math';

/**
 * The GRU cell as tfjs-layers defines it (so exported models load there): gate order z, r, h, one
 * bias, and the reset gate applied to the state *before* the recurrent matmul (Keras `reset_after=False`):
 * z = σ(x W_z + h U_z + b_z), r = σ(x W_r + h U_r + b_r), ĥ = tanh(x W_h + (r * h) U_h + b_h),
 * h_t = z * h_{t-1} + (1 - z) * ĥ.
 */
export const gruMath: CellMath = {
  gates: 3,
  stateSize: 1,
  update(projected, [h], recurrentKernel) {
    const units = h.shape[1];
    const [xz, xr, xh] = tf.split(projected, 3, 1) as tf.Tensor2D[];
    const uZr = tf.slice(recurrentKernel, [0, 0], [units, 2 * units]);
    const uH = tf.slice(recurrentKernel, [0, 2 * units], [units, units]);
    const [hz, hr] = tf.split(tf.matMul(h, uZr), 2, 1) as tf.Tensor2D[];
    const z = tf.sigmoid(tf.add(xz, hz));
    const r = tf.sigmoid(tf.add(xr, hr));
    const candidate = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, h), uH)));
    return [tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D];
  },
};
