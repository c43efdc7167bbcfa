import * as tf from '@tensorflow/tfjs';
import type { RecurrentModel } from '@rnn/models';
import { maskedBinaryCrossEntropy } from '../losses/masked-binary-cross-entropy';
import { maskedCrossEntropy } from '../losses/masked-cross-entropy';
import { maskedMeanSquaredError } from '../losses/masked-mean-squared-error';
import type { BatchTensors } from './batch-tensors';

/** The loss and accuracy of a batch, from the model's logits. */
export interface Objective {
  /** `cross-entropy` over classes, `binary` for one logit per label or step, `mse` for real targets. */
  readonly kind: 'cross-entropy' | 'binary' | 'mse';
  /** Mean loss over real target steps (nats for cross-entropies). */
  loss(logits: tf.Tensor, batch: BatchTensors): tf.Scalar;
  /**
   * Which target steps were predicted right (1/0, [batch, steps]) and which count (the mask);
   * undefined for real-valued targets. Accuracy and whole-sequence exact match both come from it.
   */
  correct?(logits: tf.Tensor, batch: BatchTensors): { correct: tf.Tensor2D; mask: tf.Tensor2D };
}

/** Treats one label per sequence as a one-step sequence, so every loss is a masked per-step loss. */
function asSteps(logits: tf.Tensor, batch: BatchTensors): { logits: tf.Tensor; targets: tf.Tensor; mask: tf.Tensor } {
  if (batch.targets.rank === 1) {
    return {
      logits: tf.expandDims(logits, 1),
      targets: tf.expandDims(batch.targets, 1),
      mask: tf.onesLike(tf.expandDims(batch.targets, 1)).toFloat(),
    };
  }
  return { logits, targets: batch.targets, mask: batch.targetMask ?? tf.onesLike(batch.targets).toFloat() };
}

/**
 * Picks the loss that fits the model and its targets: integer targets with one output logit are
 * binary (sigmoid) labels, with several they are classes (softmax); real targets use squared error.
 */
export function objectiveFor(model: RecurrentModel, targetDtype: tf.DataType): Objective {
  if (targetDtype === 'float32') {
    return {
      kind: 'mse',
      loss: (logits, batch) =>
        tf.tidy(() => {
          const s = asSteps(logits, batch);
          const targets = s.targets.rank === 2 ? tf.expandDims(s.targets, 2) : s.targets;
          const predictions = s.logits.rank === 2 ? tf.expandDims(s.logits, 2) : s.logits;
          return maskedMeanSquaredError(predictions, targets, s.mask);
        }),
    };
  }
  if (model.spec.outputSize === 1) {
    return {
      kind: 'binary',
      loss: (logits, batch) =>
        tf.tidy(() => {
          const s = asSteps(logits, batch);
          return maskedBinaryCrossEntropy(tf.squeeze(s.logits, [2]), s.targets, s.mask);
        }),
      correct: (logits, batch) =>
        tf.tidy(() => {
          const s = asSteps(logits, batch);
          const predicted = tf.greater(tf.squeeze(s.logits, [2]), 0).toInt();
          return {
            correct: tf.equal(predicted, s.targets.toInt()).toFloat() as tf.Tensor2D,
            mask: s.mask as tf.Tensor2D,
          };
        }),
    };
  }
  return {
    kind: 'cross-entropy',
    loss: (logits, batch) =>
      tf.tidy(() => {
        const s = asSteps(logits, batch);
        return maskedCrossEntropy(s.logits, s.targets.toInt(), s.mask);
      }),
    correct: (logits, batch) =>
      tf.tidy(() => {
        const s = asSteps(logits, batch);
        return {
          correct: tf.equal(tf.argMax(s.logits, -1), s.targets.toInt()).toFloat() as tf.Tensor2D,
          mask: s.mask as tf.Tensor2D,
        };
      }),
  };
}
