import * as tf from '@tensorflow/tfjs';

/** The versions of TensorFlow.js this package runs on, e.g. for `rnn info`. */
export function tfjsVersion(): Readonly<Record<string, string>> {
  return { ...tf.version };
}
