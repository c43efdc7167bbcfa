import { gemmAccumulate, gemmTransposedAAccumulate, gemmTransposedB } from './js-gemm';
import { hostSgemm } from './kernel-registry';

/** Where {@link hostMatMul} writes. */
export interface MatMulOutput {
  /** The array to write (a new one when omitted). */
  readonly into?: Float32Array;
  /** Add the product to what `into` holds instead of overwriting it. */
  readonly accumulate?: boolean;
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
  { into, accumulate = false }: MatMulOutput = {},
): Float32Array {
  const c = into ?? new Float32Array(m * n);
  const sgemm = hostSgemm();
  if (sgemm !== undefined) {
    sgemm(transA, transB, m, n, k, 1, a, b, accumulate ? 1 : 0, c);
    return c;
  }
  if (transA && transB) throw new RangeError('hostMatMul: both operands transposed is not supported');
  if (transB) {
    // The portable dot-product loop overwrites: accumulate through a temporary.
    const product = accumulate ? new Float32Array(m * n) : c;
    gemmTransposedB(product, 0, n, a, 0, k, b, 0, k, m, k, n);
    if (accumulate) for (let i = 0; i < m * n; i++) c[i] += product[i];
    return c;
  }
  if (into !== undefined && !accumulate) c.fill(0, 0, m * n);
  if (transA) gemmTransposedAAccumulate(c, 0, n, a, 0, m, b, 0, n, m, k, n);
  else gemmAccumulate(c, 0, n, a, 0, k, b, 0, n, m, k, n);
  return c;
}

/**
 * x·W + b for x [rows, inner], W [inner, outer], b [outer]: the bias copied into every row (block
 * copies, not a JavaScript loop over elements, which costs ~4 ns each in V8), then the product
 * accumulated onto it.
 */
export function hostAffine(
  x: Float32Array,
  kernel: Float32Array,
  bias: Float32Array,
  rows: number,
  inner: number,
  outer: number,
  into: Float32Array = new Float32Array(rows * outer),
): Float32Array {
  if (rows > 0) {
    into.set(bias.subarray(0, outer));
    for (let filled = 1; filled < rows; filled *= 2) {
      into.copyWithin(filled * outer, 0, Math.min(filled, rows - filled) * outer);
    }
  }
  return hostMatMul(x, kernel, rows, inner, outer, false, false, { into, accumulate: true });
}

let ones = new Float32Array(0);

/**
 * Σ over rows of values [rows, width]: a bias gradient, as valuesᵀ times a column of ones (native when
 * loaded, where a one-column product runs as plain dot loops rather than padded tiles).
 */
export function columnSums(values: Float32Array, rows: number, width: number): Float32Array {
  if (ones.length < rows) ones = new Float32Array(rows).fill(1);
  return hostMatMul(values, ones.subarray(0, rows), width, rows, 1, true, false);
}
