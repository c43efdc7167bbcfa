import type * as tf from '@tensorflow/tfjs';

/**
 * Checks that `targets` and `mask` cover the same [batch, time] steps as the leading axes of
 * `predictions`, tfjs-core style: a RangeError naming the argument and the shape it needs.
 */
export function checkMaskedShapes(
  op: string,
  predictions: tf.Tensor,
  targets: tf.Tensor,
  mask: tf.Tensor,
  predictionRank: number,
): void {
  if (predictions.rank !== predictionRank) {
    throw new RangeError(`${op}: predictions must have rank ${predictionRank}, got shape [${predictions.shape}]`);
  }
  const steps = predictions.shape.slice(0, 2);
  const expectedTargets = predictionRank === 3 && targets.rank === 2 ? steps : predictions.shape;
  if (!sameShape(targets.shape, expectedTargets)) {
    throw new RangeError(`${op}: targets must have shape [${expectedTargets}], got [${targets.shape}]`);
  }
  if (!sameShape(mask.shape, steps)) {
    throw new RangeError(`${op}: mask must have shape [${steps}] (batch, time), got [${mask.shape}]`);
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
