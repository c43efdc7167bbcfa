import type { AdamUpdate } from '@rnn/kernel-abi';
import { expectClose } from './check-kernel';
import { randomArray, seededRandom } from './reference';

/** Lengths of the weight arrays: 1-3 (tails alone), around four-lane groups, and longer odd ones. */
export const adamLengths: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 37, 130, 1027, 0];

/** Adam's hyperparameters at step 1 and step 10, the bias corrections included. */
const steps = [1, 10].map((step) => ({
  learningRate: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  correction1: 1 - 0.9 ** step,
  correction2: 1 - 0.999 ** step,
}));

/**
 * `update` against the float64 definition of Adam's step on odd lengths (tails of 1-3 lanes), at
 * step 1 and step 10, with zero gradients and zero second moments among the values (where epsilon
 * decides the step), writing the new weights over `weights` and into an `out` of their own; nothing
 * past n is written, and the gradient (and the weights, when `out` is separate) is left as it was.
 */
export function checkAdamUpdate(update: AdamUpdate): void {
  const random = seededRandom(14);
  for (const n of adamLengths) {
    for (const [s, step] of steps.entries()) {
      for (const inPlace of [false, true]) {
        const what = `adamUpdate n ${n}, step ${s === 0 ? 1 : 10}, ${inPlace ? 'out = weights' : 'out separate'}`;
        // Every array one longer than n, with a sentinel past n, and at an offset.
        const array = (scale: number): Float32Array => {
          const a = randomArray(random, n + 2, scale).subarray(1);
          a[n] = 42;
          return a;
        };
        const [w, g, m] = [array(1), array(0.5), array(0.1)];
        const v = array(0.05);
        for (let k = 0; k < n; k++) v[k] = Math.abs(v[k]);
        if (n > 2) {
          g[1] = 0;
          v[1] = 0;
          g[2] = 0;
        }
        const [w0, g0, m0, v0] = [w.slice(), g.slice(), m.slice(), v.slice()];
        const out = inPlace ? w : array(1);
        const { learningRate: lr, beta1, beta2, epsilon, correction1, correction2 } = step;
        update(n, w, g, m, v, out, lr, beta1, beta2, epsilon, correction1, correction2);
        const wantM = new Float64Array(n);
        const wantV = new Float64Array(n);
        const wantW = new Float64Array(n);
        for (let k = 0; k < n; k++) {
          wantM[k] = beta1 * m0[k] + (1 - beta1) * g0[k];
          wantV[k] = beta2 * v0[k] + (1 - beta2) * g0[k] * g0[k];
          wantW[k] = w0[k] - (lr * (wantM[k] / correction1)) / (Math.sqrt(wantV[k] / correction2) + epsilon);
        }
        expectClose(m, wantM, `${what}: first moment`, 1e-5, 1e-7);
        expectClose(v, wantV, `${what}: second moment`, 1e-5, 1e-9);
        expectClose(out, wantW, `${what}: weights`, 1e-5, 1e-7);
        for (const [name, a] of [
          ['weights', w],
          ['firstMoment', m],
          ['secondMoment', v],
          ['out', out],
        ] as const) {
          if (a[n] !== 42) throw new Error(`${what}: ${name} written past its ${n} values`);
        }
        expectClose(g, g0, `${what}: gradient`, 0, 0);
        if (!inPlace) expectClose(w, w0, `${what}: weights (out separate)`, 0, 0);
      }
    }
  }
}
