import * as tf from '@tensorflow/tfjs';
import { iterateBatches, type Dataset } from '@rnn/datasets';
import type { RecurrentModel } from '@rnn/models';
import { batchTensors, disposeBatchTensors, forwardInputs, type BatchTensors } from './batch-tensors';
import { objectiveFor } from './objective';

/** Loss and accuracy over a whole data set. */
export interface Evaluation {
  /** Mean loss per real target step. */
  readonly loss: number;
  /** Fraction of real target steps right; absent for real-valued targets. */
  readonly accuracy?: number;
  /** Fraction of sequences with every real target step right; absent for real-valued targets. */
  readonly exactMatch?: number;
}

/** How many target steps of a batch count: the mask's sum, or one per label. */
export function countedSteps(batch: BatchTensors): number {
  return batch.targetMask ? tf.tidy(() => tf.sum(batch.targetMask as tf.Tensor).dataSync()[0]) : batch.targets.shape[0];
}

/**
 * Evaluates `model` on every example of `dataset` (no dropout), weighting each batch by its real
 * target steps, so the result does not depend on the batch size.
 */
export function evaluate(model: RecurrentModel, dataset: Dataset, options: { batchSize?: number } = {}): Evaluation {
  const batchSize = options.batchSize ?? 256;
  let loss = 0;
  let correct = 0;
  let steps = 0;
  let exact = 0;
  let sequences = 0;
  let hasAccuracy = false;
  for (const batch of iterateBatches(dataset, { batchSize })) {
    const tensors = batchTensors(batch, model);
    const objective = objectiveFor(model, tensors.targets.dtype);
    const weight = countedSteps(tensors);
    tf.tidy(() => {
      const logits = model.forward(tensors.x, tensors.lengths, forwardInputs(tensors, false)).logits;
      loss += objective.loss(logits, tensors).dataSync()[0] * weight;
      if (objective.correct) {
        hasAccuracy = true;
        const { correct: right, mask } = objective.correct(logits, tensors);
        const rightSteps = tf.sum(tf.mul(right, mask), 1);
        correct += tf.sum(rightSteps).dataSync()[0];
        exact += tf.sum(tf.equal(rightSteps, tf.sum(mask, 1)).toFloat()).dataSync()[0];
        sequences += mask.shape[0];
      }
    });
    steps += weight;
    disposeBatchTensors(tensors);
  }
  if (steps === 0) throw new RangeError('evaluate: the data set has no real target steps');
  return hasAccuracy
    ? { loss: loss / steps, accuracy: correct / steps, exactMatch: exact / sequences }
    : { loss: loss / steps };
}
