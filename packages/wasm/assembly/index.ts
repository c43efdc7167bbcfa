// The module's exports, called by the JavaScript side (packages/wasm/src/wasm-module.ts): the arena
// that holds a call's arrays, SGEMM, the fused sequence passes, and the training step's elementwise
// kernels (softmax and binary cross-entropy, Adam, the per-token sum of an embedding's gradient).
// Compiled by scripts/build.mjs.
import { MR, NR } from './gemm';

export { adamUpdate } from './adam';
export { alloc, reset } from './arena';
export { binaryCrossEntropy } from './binary-cross-entropy';
export { sgemm } from './gemm';
export { sumRowsByIndex } from './rows';
export { backward, forward } from './sequence';
export { softmaxCrossEntropy } from './softmax';

/** Rows of the matrix microkernel's register tile. */
export function tileRows(): i32 {
  return MR;
}

/** Columns of the matrix microkernel's register tile. */
export function tileColumns(): i32 {
  return NR;
}
