import * as tf from '@tensorflow/tfjs';
import { checkInteger, type Dataset } from '@rnn/datasets';
import { SequenceModel, type RecurrentModel } from '@rnn/models';

/** What {@link closedLoopMse} measured. */
export interface ClosedLoopResult {
  /** Mean squared error of the generated steps against the true ones. */
  readonly mse: number;
  /** Steps generated per sequence (the sequence's length minus the prime, plus the first prediction). */
  readonly generatedSteps: number;
  /** The generated values, `[sequences, generatedSteps]` row-major, for pictures. */
  readonly generated: Float32Array;
}

/**
 * Evaluation through generation (the sequences notebook's linear RNN): a next-step predictor reads
 * the first `prime` true steps of each sequence, then its own previous output at every later step,
 * one model step at a time; the error is measured on every step it generated, against the true
 * continuation. `data` is a next-step data set of real values (`[n, T, 1]` inputs and targets, the
 * targets one step ahead), such as the `sine` task.
 */
export function closedLoopMse(model: RecurrentModel, data: Dataset, prime: number): ClosedLoopResult {
  if (!(model instanceof SequenceModel) || model.spec.architecture !== 'tagger' || model.spec.input.type !== 'dense') {
    throw new RangeError('closedLoopMse needs a tagger with dense input (a next-step predictor)');
  }
  const [n, steps, features] = data.inputs.shape;
  if (features !== 1 || model.spec.outputSize !== 1 || !(data.targets.data instanceof Float32Array)) {
    throw new RangeError('closedLoopMse needs one real value per step in, and one out');
  }
  checkInteger('closedLoopMse', 'prime', prime, 1, steps - 1);
  const inputs = data.inputs.data as Float32Array;
  const targets = data.targets.data;
  const generatedSteps = steps - prime + 1;
  const generated = new Float32Array(n * generatedSteps);
  const column = (t: number) => Float32Array.from({ length: n }, (_, i) => inputs[i * steps + t]);
  let states = model.initialStates(n);
  let previous: tf.Tensor2D | undefined;
  let squared = 0;
  for (let t = 0; t < steps; t++) {
    const input = t < prime ? tf.tensor2d(column(t), [n, 1]) : (previous as tf.Tensor2D);
    const next = model.step(input, states);
    tf.dispose([input, ...states.flat()]);
    if (t < prime) previous?.dispose();
    states = next.states;
    previous = next.logits;
    if (t >= prime - 1) {
      const values = previous.dataSync();
      const k = t - (prime - 1);
      for (let i = 0; i < n; i++) {
        const error = values[i] - targets[i * steps + t];
        squared += error * error;
        generated[i * generatedSteps + k] = values[i];
      }
    }
  }
  tf.dispose([previous as tf.Tensor2D, ...states.flat()]);
  return { mse: squared / (n * generatedSteps), generatedSteps, generated };
}
