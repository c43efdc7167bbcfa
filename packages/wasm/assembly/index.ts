// The module's exports, called by the JavaScript side (packages/wasm/src/wasm-module.ts): the arena
// that holds a call's arrays, SGEMM, and the fused sequence passes. Compiled by scripts/build.mjs.
import { MR, NR } from './gemm';

export { alloc, reset } from './arena';
export { sgemm } from './gemm';
export { backward, forward } from './sequence';

/** Rows of the matrix microkernel's register tile. */
export function tileRows(): i32 {
  return MR;
}

/** Columns of the matrix microkernel's register tile. */
export function tileColumns(): i32 {
  return NR;
}
