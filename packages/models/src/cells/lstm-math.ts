import * as tf from '@tensorflow/tfjs';
import type { CellMath, GatedUpdate } from './cell-math';
import type { CellState } from './recurrent-cell';

/** The LSTM's gates in Keras's block order; `cell` is the candidate tanh(z_c), not the cell state. */
export const lstmGateNames: readonly string[] = ['input', 'forget', 'cell', 'output'];

// `update` is this with the gates dropped, so inspection sees exactly what training computes.
function lstmStep(projected: tf.Tensor2D, [h, c]: CellState, recurrentKernel: tf.Tensor2D): GatedUpdate {
  const z = tf.add(projected, tf.matMul(h, recurrentKernel));
  const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
  const input = tf.sigmoid(zi);
  const forget = tf.sigmoid(zf);
  const candidate = tf.tanh(zc);
  const output = tf.sigmoid(zo);
  const nextC = tf.add(tf.mul(forget, c), tf.mul(input, candidate)) as tf.Tensor2D;
  const nextH = tf.mul(output, tf.tanh(nextC)) as tf.Tensor2D;
  return { state: [nextH, nextC], gates: [input, forget, candidate, output] };
}

/**
 * The LSTM cell in Keras's gate order i, f, c, o:
 * c_t = f * c_{t-1} + i * tanh(z_c), h_t = o * tanh(c_t), with i, f, o the sigmoids of their blocks.
 */
export const lstmMath: CellMath = {
  gates: 4,
  stateSize: 2,
  gateNames: lstmGateNames,
  update: (projected, state, recurrentKernel) => lstmStep(projected, state, recurrentKernel).state,
  updateWithGates: lstmStep,
};
