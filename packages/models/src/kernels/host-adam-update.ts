import type { AdamUpdate } from '@rnn/native';

let native: AdamUpdate | undefined;

/** Lets {@link adamUpdateInPlace} use the native addon's; `undefined` returns it to the portable loop. */
export function registerHostAdamUpdate(kernel: AdamUpdate | undefined): void {
  native = kernel;
}

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
 * the new weights written to `out` (which may be `weights`). On the native addon when loaded: a
 * 2×512 LSTM has 3.3 million weights, and a JavaScript pass over them costs tens of milliseconds.
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
  if (native !== undefined) {
    native(n, weights, gradient, m, v, out, learningRate, beta1, beta2, epsilon, correction1, correction2);
    return;
  }
  for (let k = 0; k < n; k++) {
    const g = gradient[k];
    const mk = m[k] * beta1 + g * (1 - beta1);
    const vk = v[k] * beta2 + g * g * (1 - beta2);
    m[k] = mk;
    v[k] = vk;
    out[k] = weights[k] - (learningRate * (mk / correction1)) / (Math.sqrt(vk / correction2) + epsilon);
  }
}
