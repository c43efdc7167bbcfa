import * as tf from '@tensorflow/tfjs';
import { checkNumber } from '@rnn/datasets';
import { HostAdamOptimizer } from '@rnn/models/kernels';

/** The optimisers `fit` knows, by name. */
export type OptimizerName = 'adam' | 'rmsprop' | 'sgd' | 'adagrad';

/** Every optimiser name, for argument checks and help texts. */
export const optimizerNames: readonly OptimizerName[] = ['adam', 'rmsprop', 'sgd', 'adagrad'];

/** Makes a tfjs optimiser by name with learning rate `learningRate` (> 0). */
export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  checkNumber('createOptimizer', 'learning rate', learningRate, { min: 0, minExclusive: true });
  switch (name) {
    case 'adam':
      // tfjs's defaults (beta1 0.9, beta2 0.999, the backend's epsilon), updated in one pass on cpu.
      return new HostAdamOptimizer(learningRate, 0.9, 0.999);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'adagrad':
      return tf.train.adagrad(learningRate);
    default:
      throw new RangeError(`optimizer must be one of ${optimizerNames.join(', ')}, got ${JSON.stringify(name)}`);
  }
}
