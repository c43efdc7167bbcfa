import * as tf from '@tensorflow/tfjs';
import type {
  AdamUpdate,
  BinaryCrossEntropy,
  KernelCell,
  KernelKind,
  KernelProvider,
  SequenceKernel,
  Sgemm,
  SoftmaxCrossEntropy,
  SumRowsByIndex,
  SwapLeadingAxes,
} from '@rnn/kernel-abi';
import { hostBackends } from './host-kernel';
import { jsKernelProvider } from './js-kernel-provider';
import { registerSgemmBatchMatMul, unregisterSgemmBatchMatMul } from './sgemm-batch-matmul';

/**
 * Where every kernel comes from, in one ordered list: the native addon, then the WebAssembly module,
 * then any other provider offered, then the portable TypeScript kernels, which are always there. Past
 * them all is the reference: the plain tfjs loop of a cell's own math (and tfjs's own matmul). Each
 * kind of kernel (fused recurrences, SGEMM, softmax and binary cross-entropy, Adam, the layout copy,
 * the per-token sum) is taken from the first
 * provider that offers it, so any order of loading and unloading gives the same choice.
 */
const rank = (name: string): number => (name === 'native' ? 0 : name === 'wasm' ? 1 : name === 'js' ? 3 : 2);

let providers: readonly KernelProvider[] = [jsKernelProvider];

/** The choices `useSequenceKernel` takes: a provider by name, the reference loop, or `auto`. */
export type SequenceKernelChoice = 'auto' | 'reference' | 'js' | 'native' | 'wasm';

/** The built-in choices, for argument checks and help texts (an offered provider's name is one too). */
export const sequenceKernelChoices: readonly SequenceKernelChoice[] = ['auto', 'reference', 'js', 'native', 'wasm'];

let choice: string = 'auto';

/** The host kernels in use, picked again whenever a provider comes or goes. */
interface HostKernels {
  sgemm?: { readonly provider: string; readonly kernel: Sgemm };
  softmaxCrossEntropy: { readonly provider: string; readonly kernel: SoftmaxCrossEntropy };
  binaryCrossEntropy: { readonly provider: string; readonly kernel: BinaryCrossEntropy };
  adamUpdate: { readonly provider: string; readonly kernel: AdamUpdate };
  swapLeadingAxes: { readonly provider: string; readonly kernel: SwapLeadingAxes };
  sumRowsByIndex: { readonly provider: string; readonly kernel: SumRowsByIndex };
}

/** The kinds the host kernels take from a provider (the fused recurrence is chosen per cell). */
type HostKind =
  'sgemm' | 'softmaxCrossEntropy' | 'binaryCrossEntropy' | 'adamUpdate' | 'swapLeadingAxes' | 'sumRowsByIndex';

function firstOffering<K extends HostKind>(kind: K) {
  const provider = providers.find((p) => p[kind] !== undefined);
  return provider && { provider: provider.name, kernel: provider[kind] as NonNullable<KernelProvider[K]> };
}

function pickHostKernels(): HostKernels {
  return {
    sgemm: firstOffering('sgemm'),
    // The portable provider offers these, so they always exist.
    softmaxCrossEntropy: firstOffering('softmaxCrossEntropy')!,
    binaryCrossEntropy: firstOffering('binaryCrossEntropy')!,
    adamUpdate: firstOffering('adamUpdate')!,
    swapLeadingAxes: firstOffering('swapLeadingAxes')!,
    sumRowsByIndex: firstOffering('sumRowsByIndex')!,
  };
}

let host: HostKernels = pickHostKernels();

function providersChanged(): void {
  host = pickHostKernels();
  // tfjs's own BatchMatMul on the cpu backend runs on the fastest compiled SGEMM too.
  if (host.sgemm === undefined) unregisterSgemmBatchMatMul();
  else registerSgemmBatchMatMul(host.sgemm.kernel);
  if (choice !== 'auto' && choice !== 'reference' && !providers.some((p) => p.name === choice)) {
    // An explicit choice of a provider that went away would name a kernel that no longer runs.
    choice = 'auto';
  }
}

/**
 * Puts a provider's kernels to work (replacing one of the same name). The loaders of the kernel
 * packages call it; a test or a new kernel package may offer its own.
 */
export function offerKernelProvider(provider: KernelProvider): void {
  if (provider.name === 'reference' || provider.name === 'auto') {
    throw new RangeError(`kernel provider name ${JSON.stringify(provider.name)} is reserved`);
  }
  providers = [...providers.filter((p) => p.name !== provider.name), provider].sort(
    (a, b) => rank(a.name) - rank(b.name),
  );
  providersChanged();
}

/** Stops using the provider of that name (the portable one cannot be withdrawn). */
export function withdrawKernelProvider(name: string): void {
  if (name === jsKernelProvider.name) return;
  providers = providers.filter((p) => p.name !== name);
  providersChanged();
}

/** The providers on offer, in the order kernels are taken from them. */
export function kernelProviders(): readonly KernelProvider[] {
  return providers;
}

const loadHints: Readonly<Record<string, string>> = {
  native: 'build @rnn/native (npm run build:native) and call loadNativeKernels()',
  wasm: "call loadWasmKernels() (loadWasmKernelsAsync() on a browser's main thread)",
};

/** Chooses the sequence kernel for every cell from now on (default `auto`). */
export function useSequenceKernel(next: SequenceKernelChoice | string): void {
  const offered = providers.some((p) => p.name === next && p.sequence !== undefined);
  if (!(sequenceKernelChoices as readonly string[]).includes(next) && !offered) {
    throw new RangeError(
      `sequence kernel must be one of ${sequenceKernelChoices.join(', ')}, got ${JSON.stringify(next)}`,
    );
  }
  if (next !== 'auto' && next !== 'reference' && !offered) {
    throw new RangeError(`sequence kernel '${next}' is not loaded: ${loadHints[next] ?? 'offer its provider first'}`);
  }
  choice = next;
}

/** The kernel the cells use on the current backend, and why, for `rnn info` and bench tables. */
export interface ActiveSequenceKernel {
  /** A provider's name, or `reference` for the plain tfjs loop. */
  readonly name: string;
  readonly reason: string;
}

const autoReasons: Readonly<Record<string, string>> = {
  native: 'fastest available on {backend}',
  wasm: 'the native addon is not loaded; WebAssembly SIMD kernel on {backend}',
  js: 'neither the native addon nor the WebAssembly kernels are loaded; portable TypeScript kernel on {backend}',
};

/**
 * The sequence kernel for `cell` on the current backend (any built-in cell when omitted), and why.
 * A cell the chosen provider does not implement runs on the reference loop of its own math.
 */
export function activeSequenceKernel(cell: KernelCell | undefined = undefined): ActiveSequenceKernel {
  const implements_ = (p: KernelProvider) =>
    p.sequence !== undefined && (cell === undefined || p.sequence.cells.includes(cell));
  if (choice === 'reference') return { name: 'reference', reason: 'chosen explicitly' };
  if (choice !== 'auto') {
    const chosen = providers.find((p) => p.name === choice)!;
    if (implements_(chosen)) return { name: choice, reason: 'chosen explicitly' };
    return { name: 'reference', reason: `the chosen ${choice} kernels do not implement ${cell}` };
  }
  // Before tfjs picks a backend there is none; the fused kernels then apply once a host one is active.
  const backend = tf.getBackend() as string | undefined;
  if (backend !== undefined && !hostBackends.includes(backend)) {
    return {
      name: 'reference',
      reason: `the ${backend} backend keeps tensors outside JavaScript memory, so fused kernels would copy every call`,
    };
  }
  const provider = providers.find(implements_);
  if (provider === undefined) return { name: 'reference', reason: `no kernel provider implements ${cell}` };
  const template = autoReasons[provider.name] ?? `${provider.description}, first on offer on {backend}`;
  return {
    name: provider.name,
    reason: template.replace('{backend}', backend ?? 'cpu or wasm (no backend is active yet)'),
  };
}

/** The fused kernel that runs `cell`, or undefined for the reference loop. */
export function sequenceKernelFor(cell: KernelCell): SequenceKernel | undefined {
  const { name } = activeSequenceKernel(cell);
  return providers.find((p) => p.name === name)?.sequence?.kernel;
}

/** The compiled SGEMM the host kernels' products run on, or undefined for the portable loops. */
export function hostSgemm(): Sgemm | undefined {
  return host.sgemm?.kernel;
}

/** The softmax cross-entropy the host loss runs. */
export function hostSoftmaxCrossEntropy(): SoftmaxCrossEntropy {
  return host.softmaxCrossEntropy.kernel;
}

/** The binary cross-entropy (and its gradient) the host loss runs. */
export function hostBinaryCrossEntropy(): BinaryCrossEntropy {
  return host.binaryCrossEntropy.kernel;
}

/** The Adam update the host optimizer runs. */
export function hostAdamUpdate(): AdamUpdate {
  return host.adamUpdate.kernel;
}

/** The batch-major ↔ time-major copy the fused recurrence's callers run. */
export function hostSwapLeadingAxes(): SwapLeadingAxes {
  return host.swapLeadingAxes.kernel;
}

/** The per-token sum of an embedding's gradient. */
export function hostSumRowsByIndex(): SumRowsByIndex {
  return host.sumRowsByIndex.kernel;
}

/** One line per kind of kernel: where it comes from and why, for `rnn info`. */
export interface KernelChoice {
  readonly kind: KernelKind;
  /** A provider's name, or `reference` (tfjs's own ops). */
  readonly provider: string;
  readonly reason: string;
}

/** Where every kind of kernel comes from on the current backend, and why. */
export function kernelChoices(): readonly KernelChoice[] {
  const from = (kind: HostKind, picked?: { provider: string }): KernelChoice => {
    if (picked === undefined) {
      return { kind, provider: 'reference', reason: "no compiled SGEMM is loaded: tfjs's matmul and portable loops" };
    }
    const provider = providers.find((p) => p.name === picked.provider)!;
    const onHost = hostBackends.includes(tf.getBackend());
    return {
      kind,
      provider: picked.provider,
      reason: onHost
        ? `${provider.description}, first on offer`
        : `only on host backends (cpu, wasm); ${tf.getBackend()} uses tfjs's ops`,
    };
  };
  const sequence = activeSequenceKernel();
  return [
    { kind: 'sequence', provider: sequence.name, reason: sequence.reason },
    from('sgemm', host.sgemm),
    from('softmaxCrossEntropy', host.softmaxCrossEntropy),
    from('binaryCrossEntropy', host.binaryCrossEntropy),
    from('adamUpdate', host.adamUpdate),
    from('swapLeadingAxes', host.swapLeadingAxes),
    from('sumRowsByIndex', host.sumRowsByIndex),
  ];
}
