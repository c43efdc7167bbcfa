import type { Sgemm } from '@rnn/native';
import { gemmAccumulate, gemmTransposedAAccumulate, gemmTransposedB } from './js-gemm';

/** A row-major SGEMM with BLAS conventions: the native addon's, when loaded (a type only here). */
export type HostSgemm = Sgemm;

let native: HostSgemm | undefined;

/** Lets host kernels (affine) use the native SGEMM; `undefined` returns them to the portable loops. */
export function registerHostSgemm(sgemm: HostSgemm | undefined): void {
  native = sgemm;
}

/**
 * c[m×n] = op(a) · op(b) for dense row-major arrays, op transposing when asked: `a` is [m×k], or
 * [k×m] with `transA`; `b` is [k×n], or [n×k] with `transB`. On the native SGEMM when loaded, else
 * the portable loops (which handle the three shapes backpropagation needs).
 */
export function hostMatMul(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
): Float32Array {
  const c = new Float32Array(m * n);
  if (native !== undefined) {
    native(transA, transB, m, n, k, 1, a, b, 0, c);
  } else if (transA && transB) {
    throw new RangeError('hostMatMul: both operands transposed is not supported');
  } else if (transA) {
    gemmTransposedAAccumulate(c, 0, n, a, 0, m, b, 0, n, m, k, n);
  } else if (transB) {
    gemmTransposedB(c, 0, n, a, 0, k, b, 0, k, m, k, n);
  } else {
    gemmAccumulate(c, 0, n, a, 0, k, b, 0, n, m, k, n);
  }
  return c;
}
