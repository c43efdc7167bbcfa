import * as tf from '@tensorflow/tfjs';

/**
 * A trainable variable holding `values`. `tf.variable(tensor)` keeps the tensor it was made from
 * alive, so that tensor is freed here: otherwise every weight of every model built leaks one tensor.
 */
export function variableOf(values: Float32Array, shape: readonly number[]): tf.Variable {
  const initial = tf.tensor(values, [...shape], 'float32');
  const variable = tf.variable(initial);
  initial.dispose();
  return variable;
}
