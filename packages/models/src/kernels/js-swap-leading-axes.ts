import type { SwapLeadingAxes } from '@rnn/kernel-abi';

/**
 * The portable batch-major ↔ time-major copy: row copies, far cheaper than tfjs's element-wise
 * transpose on the cpu backend. Short rows are copied element by element, because a view per
 * short row costs more than copying it.
 */
export const jsSwapLeadingAxes: SwapLeadingAxes = (from, to, n0, n1, inner) => {
  for (let i = 0; i < n0; i++) {
    for (let j = 0; j < n1; j++) {
      const src = (i * n1 + j) * inner;
      const dst = (j * n0 + i) * inner;
      if (inner < 64) for (let k = 0; k < inner; k++) to[dst + k] = from[src + k];
      else to.set(from.subarray(src, src + inner), dst);
    }
  }
};
