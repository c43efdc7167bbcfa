import * as tf from '@tensorflow/tfjs';
import type { CellMath } from './cell-math';

/**
 * The LSTM cell in Keras's gate order i, f, c, o:
 * c_t = f * c_{t-1} + i * tanh(z_c), h_t = o * tanh(c_t), with i, f, o the sigmoids of their blocks.
 */
export const lstmMath: CellMath = {
  gates: 4,
  stateSize: 2,
  update(projected, [h, c], recurrentKernel) {
    const z = tf.add(projected, tf.matMul(h, recurrentKernel));
    const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
    const nextC = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zc))) as tf.Tensor2D;
    const nextH = tf.mul(tf.sigmoid(zo), tf.tanh(nextC)) as tf.Tensor2D;
    return [nextH, nextC];
  },
};
