/**
 * The kernel floor of @rnn/models, for the toolkit's own packages, tests and benches, and for anyone
 * adding a kernel provider or a cell: the provider registry, the fused whole-sequence op, the host
 * kernels (matrix products, affine, embedding lookup, dropout, the masked losses, Adam) and the tfjs
 * plumbing they share. A model builder needs none of it: `@rnn/models` picks kernels on its own.
 * The kernel contract itself (cell table, buffers, signatures) is `@rnn/kernel-abi`.
 *
 * @packageDocumentation
 */
export {
  kernelProviders,
  offerKernelProvider,
  sequenceKernelFor,
  withdrawKernelProvider,
} from './kernels/kernel-registry';
export { offerKernelPackage } from './kernels/offer-kernel-package';
export { jsKernelProvider } from './kernels/js-kernel-provider';
export { jsSequenceKernel } from './kernels/js-sequence-kernel';
export {
  fusedEmbeddedSequenceKernelName,
  fusedSequence,
  fusedSequenceKernelName,
  isEmbeddedTokens,
} from './kernels/fused-sequence';
export type { EmbeddedTokens, FusedSequenceResult } from './kernels/fused-sequence';
export { hostBackends, onHostBackend, readFloats, runHostKernel } from './kernels/host-kernel';
export type { HostIo } from './kernels/host-kernel';
export { affine, affineKernelName } from './kernels/affine';
export { embeddingLookup, embeddingLookupKernelName } from './kernels/embedding-lookup';
export { dropout, dropoutKernelName } from './kernels/dropout';
export { columnSums, hostAffine, hostMatMul } from './kernels/host-gemm';
export type { MatMulOutput } from './kernels/host-gemm';
export { softmaxCrossEntropyRows } from './kernels/host-softmax-cross-entropy';
export { adamUpdateInPlace } from './kernels/host-adam-update';
export type { AdamStep } from './kernels/host-adam-update';
export { hostMaskedBinaryCrossEntropy, hostMaskedCrossEntropy } from './kernels/host-masked-losses';
export { HostAdamOptimizer } from './kernels/host-adam-optimizer';
