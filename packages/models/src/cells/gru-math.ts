import * as tf from '@tensorflow/tfjs';
import type { CellMath, GatedUpdate } from './cell-math';
import type { CellState } from './recurrent-cell';

/** The GRU's gates in tfjs-layers' block order z, r, h: the update gate, the reset gate, the candidate ĥ. */
export const gruGateNames: readonly string[] = ['update', 'reset', 'candidate'];

// `update` is this with the gates dropped, so inspection sees exactly what training computes.
function gruStep(projected: tf.Tensor2D, [h]: CellState, recurrentKernel: tf.Tensor2D): GatedUpdate {
  const units = h.shape[1];
  const [xz, xr, xh] = tf.split(projected, 3, 1) as tf.Tensor2D[];
  const uZr = tf.slice(recurrentKernel, [0, 0], [units, 2 * units]);
  const uH = tf.slice(recurrentKernel, [0, 2 * units], [units, units]);
  const [hz, hr] = tf.split(tf.matMul(h, uZr), 2, 1) as tf.Tensor2D[];
  const z = tf.sigmoid(tf.add(xz, hz)) as tf.Tensor2D;
  const r = tf.sigmoid(tf.add(xr, hr)) as tf.Tensor2D;
  const candidate = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, h), uH))) as tf.Tensor2D;
  return { state: [tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D], gates: [z, r, candidate] };
}

/**
 * The GRU cell as tfjs-layers defines it (so exported models load there): gate order z, r, h, one
 * bias, and the reset gate applied to the state *before* the recurrent matmul (Keras `reset_after=False`):
 * z = σ(x W_z + h U_z + b_z), r = σ(x W_r + h U_r + b_r), ĥ = tanh(x W_h + (r * h) U_h + b_h),
 * h_t = z * h_{t-1} + (1 - z) * ĥ.
 */
export const gruMath: CellMath = {
  gates: 3,
  stateSize: 1,
  gateNames: gruGateNames,
  update: (projected, state, recurrentKernel) => gruStep(projected, state, recurrentKernel).state,
  updateWithGates: gruStep,
};
