import type { AdamUpdate } from './adam-update';
import type { BinaryCrossEntropy } from './binary-cross-entropy';
import type { KernelCell } from './kernel-cell';
import type { SequenceKernel } from './sequence-kernel';
import type { Sgemm } from './sgemm';
import type { SoftmaxCrossEntropy } from './softmax-cross-entropy';
import type { SumRowsByIndex } from './sum-rows-by-index';
import type { SwapLeadingAxes } from './swap-leading-axes';

/** The kinds of kernel a provider may offer, each chosen on its own. */
export type KernelKind =
  | 'sequence'
  | 'sgemm'
  | 'softmaxCrossEntropy'
  | 'binaryCrossEntropy'
  | 'adamUpdate'
  | 'swapLeadingAxes'
  | 'sumRowsByIndex';

/** Every kernel kind, in the order `rnn info` lists them. */
export const kernelKinds: readonly KernelKind[] = [
  'sequence',
  'sgemm',
  'softmaxCrossEntropy',
  'binaryCrossEntropy',
  'adamUpdate',
  'swapLeadingAxes',
  'sumRowsByIndex',
];

/**
 * A set of kernels from one place (the C addon, the WebAssembly module, the portable TypeScript
 * loops): what a loaded kernel package hands to the models package's registry. Any kind may be
 * missing; the registry then takes it from the next provider in its order.
 */
export interface KernelProvider {
  /** The provider's name, which `useSequenceKernel` and `rnn info` use: `native`, `wasm`, `js`, … */
  readonly name: string;
  /** One clause saying what it is and how it was built, e.g. `native addon (avx2+fma, 2 threads)`. */
  readonly description: string;
  /** The fused recurrences, and the cells they implement (other cells run on the reference loop). */
  readonly sequence?: { readonly kernel: SequenceKernel; readonly cells: readonly KernelCell[] };
  readonly sgemm?: Sgemm;
  readonly softmaxCrossEntropy?: SoftmaxCrossEntropy;
  readonly binaryCrossEntropy?: BinaryCrossEntropy;
  readonly adamUpdate?: AdamUpdate;
  readonly swapLeadingAxes?: SwapLeadingAxes;
  readonly sumRowsByIndex?: SumRowsByIndex;
}

/** Why a kernel package could not be loaded, in one sentence. */
export interface KernelsUnavailable {
  readonly unavailable: string;
}
