import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '@rnn/datasets';
import { GeneratorModel, type RecurrentModel } from '@rnn/models';

/** What {@link withinTolerance} measured. */
export interface ToleranceResult {
  /** Fraction of examples whose every generated value is within the tolerance of its target. */
  readonly fraction: number;
  /** The largest distance of any generated value from its target. */
  readonly worstError: number;
}

/**
 * Scores a one-to-many generator the way a person checks a counter: an example is right when every
 * value it generates (feeding back its own outputs) is within `tolerance` of the target, so one
 * wrong step makes the whole example wrong, however good the mean error looks.
 */
export function withinTolerance(model: RecurrentModel, data: Dataset, tolerance: number): ToleranceResult {
  if (!(model instanceof GeneratorModel)) throw new RangeError('withinTolerance needs a one-to-many generator');
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be > 0, got ${tolerance}`);
  const [n, steps] = data.targets.shape;
  const outputs = generateValues(model, data.inputs.data as Float32Array, data.inputs.shape, steps);
  return toleranceOf(outputs, data.targets.data as Float32Array, n, steps, tolerance);
}

/**
 * {@link withinTolerance} on values already generated, `[examples, steps]` row-major beside their
 * targets: the counting shared by every engine that generates them.
 */
export function toleranceOf(
  outputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  n: number,
  steps: number,
  tolerance: number,
): ToleranceResult {
  let right = 0;
  let worstError = 0;
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let t = 0; t < steps; t++) {
      const error = Math.abs(outputs[i * steps + t] - targets[i * steps + t]);
      worstError = Math.max(worstError, error);
      if (!(error <= tolerance)) ok = false;
    }
    if (ok) right++;
  }
  return { fraction: right / n, worstError };
}

/**
 * Runs a generator on one input vector per example for `steps` steps (as long as asked, not only as
 * long as it was trained) and returns the values `[examples, steps]` row-major.
 */
export function generateValues(
  model: GeneratorModel,
  inputs: Float32Array,
  shape: readonly number[],
  steps: number,
): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor(inputs, [...shape], 'float32');
    return model.forward(x, undefined, { targetSteps: steps }).logits.dataSync() as Float32Array;
  });
}
