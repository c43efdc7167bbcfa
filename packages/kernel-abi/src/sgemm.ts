/**
 * Row-major SGEMM: `c = alpha · op(a) · op(b) + beta · c` with op(a) of shape [m, k] (`a` stored [k, m]
 * when `transA`) and op(b) of shape [k, n] (`b` stored [n, k] when `transB`), dense operands. With
 * `batch`, runs that many products, the i-th reading `a` at `i · strideA`, `b` at `i · strideB` and
 * writing `c` at `i · strideC` (strides default to the dense sizes; a stride of 0 reuses one operand
 * for every product). `beta = 0` never reads `c`. Throws a RangeError when an array is too short for
 * the shapes given.
 */
export type Sgemm = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  b: Float32Array,
  beta: number,
  c: Float32Array,
  batch?: number,
  strideA?: number,
  strideB?: number,
  strideC?: number,
) => void;
