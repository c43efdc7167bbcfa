import type { Sgemm } from '@rnn/native';
import { registerHostSgemm } from './host-gemm';
import { registerSgemmBatchMatMul, unregisterSgemmBatchMatMul } from './sgemm-batch-matmul';

/** The compiled SGEMMs on offer, by where they come from. */
const offered: { native?: Sgemm; wasm?: Sgemm } = {};

/**
 * Offers a compiled SGEMM (or withdraws one, with `undefined`). The fastest on offer — the native
 * addon's, then the WebAssembly one — runs the host kernels' matrix products and tfjs's own
 * `BatchMatMul` on the cpu backend; with none, the portable loops and tfjs's kernel return. So any
 * order of loading and unloading the kernel packages leaves the same choice.
 */
export function offerSgemm(source: keyof typeof offered, sgemm: Sgemm | undefined): void {
  offered[source] = sgemm;
  const fastest = offered.native ?? offered.wasm;
  registerHostSgemm(fastest);
  if (fastest === undefined) unregisterSgemmBatchMatMul();
  else registerSgemmBatchMatMul(fastest);
}
