import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@rnn/datasets';
import { glorotUniformWeights } from '../init/seeded-weights';
import { variableOf } from '../init/variable-of';
import { affine } from '../kernels/affine';

/** A fully connected layer y = x W + b over the last axis, Glorot-initialised from the seeded rng. */
export class Dense {
  /** [inputSize, outputSize] and [outputSize], in Keras order. */
  readonly weights: readonly tf.Variable[];
  private readonly kernel: tf.Variable;
  private readonly bias: tf.Variable;

  constructor(
    readonly inputSize: number,
    readonly outputSize: number,
    rng: Rng,
  ) {
    this.kernel = variableOf(glorotUniformWeights(rng, inputSize, outputSize), [inputSize, outputSize]);
    this.bias = variableOf(new Float32Array(outputSize), [outputSize]);
    this.weights = [this.kernel, this.bias];
  }

  /** Applies the layer to x [..., inputSize], giving [..., outputSize]. */
  apply<T extends tf.Tensor>(x: T): T {
    return tf.tidy(() => {
      const flat = tf.reshape(x, [-1, this.inputSize]);
      const y = affine(flat as tf.Tensor2D, this.kernel as tf.Tensor2D, this.bias as tf.Tensor1D);
      return tf.reshape(y, [...x.shape.slice(0, -1), this.outputSize]) as T;
    });
  }

  /** Frees the weights. */
  dispose(): void {
    tf.dispose([...this.weights]);
  }
}
