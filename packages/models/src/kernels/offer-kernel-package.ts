import { kernelKinds, type KernelKind, type KernelProvider, type KernelsUnavailable } from '@rnn/kernel-abi';
import { offerKernelProvider } from './kernel-registry';

/** Whether a kernel package is in use, and why (or why not). */
export interface KernelPackageStatus<Info> {
  readonly loaded: boolean;
  /** One sentence: what runs on it, or why it is unavailable. */
  readonly reason: string;
  /** What was compiled in, when loaded. */
  readonly info?: Info;
}

/** How a load message names each kind a package brings, in {@link kernelKinds}' order. */
const kindNames: Readonly<Record<KernelKind, string>> = {
  sequence: 'fused recurrences',
  sgemm: 'SGEMM for matmuls',
  softmaxCrossEntropy: 'softmax cross-entropy',
  binaryCrossEntropy: 'binary cross-entropy',
  adamUpdate: 'Adam',
  swapLeadingAxes: 'layout copies',
  sumRowsByIndex: 'embedding gradient sums',
};

/**
 * Offers a kernel package's load result to the registry and says what it brought: the one loader
 * every kernel package (the native addon, the WebAssembly module, any later one) goes through.
 * `hint` ends the reason when the package is unavailable (how to get it).
 */
export function offerKernelPackage<Info>(
  result: (KernelProvider & { readonly info: Info }) | KernelsUnavailable,
  hint = '',
): KernelPackageStatus<Info> {
  if ('unavailable' in result) return { loaded: false, reason: `${result.unavailable}${hint}` };
  offerKernelProvider(result);
  const kinds = kernelKinds.filter((kind) => result[kind] !== undefined).map((kind) => kindNames[kind]);
  return { loaded: true, reason: `${result.description}: ${kinds.join(', ')}`, info: result.info };
}
