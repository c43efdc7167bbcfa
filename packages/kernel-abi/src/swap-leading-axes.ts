/**
 * Copies `from` [n0, n1, inner] into `to` [n1, n0, inner], swapping the two leading axes: the
 * batch-major ↔ time-major copies around a fused recurrence (its kernels read and write time-major
 * rows, models hand them batch-major tensors). Rows of `inner` floats move whole; `to` must not
 * overlap `from`, and only its first n0·n1·inner elements are written.
 */
export type SwapLeadingAxes = (from: Float32Array, to: Float32Array, n0: number, n1: number, inner: number) => void;
