import * as tf from '@tensorflow/tfjs';
import type { ElmanActivation } from './cell-spec';
import type { CellMath } from './cell-math';

/** h_t = act(x_t W + h_{t-1} U + b): the Elman cell (Keras SimpleRNN with tanh; LinRNN with linear). */
export function elmanMath(activation: ElmanActivation): CellMath {
  const act = { tanh: tf.tanh, relu: tf.relu, linear: (t: tf.Tensor2D) => t }[activation];
  return {
    gates: 1,
    stateSize: 1,
    update: (projected, [h], recurrentKernel) => [act(tf.add(projected, tf.matMul(h, recurrentKernel))) as tf.Tensor2D],
  };
}
