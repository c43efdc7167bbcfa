import { hostAdamUpdate } from './kernel-registry';

/** Adam's hyperparameters for one step, the bias corrections included. */
export interface AdamStep {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** 1 − beta1^step. */
  readonly correction1: number;
  /** 1 − beta2^step. */
  readonly correction2: number;
}

/**
 * Adam's update of one weight array in one pass: the moments `m` and `v` are updated in place and
 * the new weights written to `out` (which may be `weights`). On the first provider that offers it
 * (the native addon when loaded: a 2×512 LSTM has 3.3 million weights, and a JavaScript pass over
 * them costs tens of milliseconds).
 */
export function adamUpdateInPlace(
  weights: Float32Array,
  gradient: Float32Array,
  m: Float32Array,
  v: Float32Array,
  out: Float32Array,
  { learningRate, beta1, beta2, epsilon, correction1, correction2 }: AdamStep,
): void {
  const n = gradient.length;
  if (weights.length < n || m.length < n || v.length < n || out.length < n) {
    throw new RangeError(`adam update: every array needs ${n} elements (the gradient's)`);
  }
  hostAdamUpdate()(n, weights, gradient, m, v, out, learningRate, beta1, beta2, epsilon, correction1, correction2);
}
