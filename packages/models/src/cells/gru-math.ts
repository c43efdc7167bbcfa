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
 * h_t = z * h_{t-1} + (1 - z) * ĥ. A cell spec chooses it with `resetAfter: false`.
 */
export const gruMath: CellMath = {
  gates: 3,
  stateSize: 1,
  gateNames: gruGateNames,
  update: (projected, state, recurrentKernel) => gruStep(projected, state, recurrentKernel).state,
  updateWithGates: gruStep,
};

// `update` is this with the gates dropped, so inspection sees exactly what training computes.
function gruResetAfterStep(
  projected: tf.Tensor2D,
  [h]: CellState,
  recurrentKernel: tf.Tensor2D,
  recurrentBias?: tf.Tensor1D,
): GatedUpdate {
  if (recurrentBias === undefined) throw new RangeError('the reset-after GRU needs its recurrent bias');
  const [xz, xr, xh] = tf.split(projected, 3, 1) as tf.Tensor2D[];
  const [hz, hr, hh] = tf.split(tf.add(tf.matMul(h, recurrentKernel), recurrentBias), 3, 1) as tf.Tensor2D[];
  const z = tf.sigmoid(tf.add(xz, hz)) as tf.Tensor2D;
  const r = tf.sigmoid(tf.add(xr, hr)) as tf.Tensor2D;
  const candidate = tf.tanh(tf.add(xh, tf.mul(r, hh))) as tf.Tensor2D;
  return { state: [tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D], gates: [z, r, candidate] };
}

/**
 * The GRU as torch.nn.GRU, cuDNN and Keras 2+ (`reset_after=True`, its default) compute it, the
 * default of a GRU cell spec: gate order z, r, h, an input bias b (in the projection) and a recurrent
 * bias rb, and the reset gate applied *after* the recurrent matmul:
 * z = σ(x W_z + b_z + h U_z + rb_z), r = σ(x W_r + b_r + h U_r + rb_r),
 * ĥ = tanh(x W_h + b_h + r * (h U_h + rb_h)), h_t = z * h_{t-1} + (1 - z) * ĥ.
 * One matmul of h per step instead of two. (PyTorch lays its blocks out r, z, n: the same math, with
 * the first two gate blocks swapped and the matrices transposed.)
 */
export const gruResetAfterMath: CellMath = {
  gates: 3,
  stateSize: 1,
  recurrentBias: true,
  gateNames: gruGateNames,
  update: (projected, state, recurrentKernel, recurrentBias) =>
    gruResetAfterStep(projected, state, recurrentKernel, recurrentBias).state,
  updateWithGates: gruResetAfterStep,
};
