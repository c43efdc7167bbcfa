/**
 * The contract between recurrent-network models and their compiled kernels, written once: the table
 * of cells a fused kernel implements, the buffers of a whole-sequence forward and backward pass, and
 * the signatures of SGEMM, softmax and binary cross-entropy, Adam, the batch-major ↔ time-major copy and the
 * per-token sum of an embedding's gradient. `@rnn/models` calls kernels through it;
 * `@rnn/native` (C), `@rnn/wasm` (WebAssembly) and the float64 references implement it. No code to
 * run but the table's lookups, no dependency.
 *
 * @packageDocumentation
 */
export {
  gatesOf,
  hasRecurrentBias,
  isKernelCell,
  kernelCellCode,
  kernelCellDefinition,
  kernelCells,
  kernelCellTable,
  savedGatesWidth,
  stateSizeOf,
} from './kernel-cell';
export type { KernelCell, KernelCellDefinition } from './kernel-cell';
export type { BackwardBuffers, ForwardBuffers, SequenceKernel, SequenceShape } from './sequence-kernel';
export type { Sgemm } from './sgemm';
export type { SoftmaxCrossEntropy } from './softmax-cross-entropy';
export type { BinaryCrossEntropy } from './binary-cross-entropy';
export type { AdamUpdate } from './adam-update';
export type { SwapLeadingAxes } from './swap-leading-axes';
export type { SumRowsByIndex } from './sum-rows-by-index';
export { kernelKinds } from './kernel-provider';
export type { KernelKind, KernelProvider, KernelsUnavailable } from './kernel-provider';
