import { loadNativeKernels as loadAddon, type NativeInfo } from '@rnn/native';
import { registerHostAdamUpdate } from './host-adam-update';
import { registerHostSoftmaxCrossEntropy } from './host-softmax-cross-entropy';
import { registerNativeSequenceKernel } from './sequence-kernel-choice';
import { offerSgemm } from './sgemm-choice';

/** Whether the native addon is in use, and why (or why not). */
export interface NativeKernelStatus {
  readonly loaded: boolean;
  /** One sentence: what was compiled in, or why the addon is unavailable and how to build it. */
  readonly reason: string;
  readonly info?: NativeInfo;
}

let status: NativeKernelStatus | undefined;

/**
 * Loads the optional `@rnn/native` addon (built from this repository's C sources at install time)
 * and puts its kernels to work on the cpu backend: the fused sequence kernel for `auto` and its SGEMM
 * for tfjs's matrix products. Never throws: where the addon was not built, the portable kernels stay
 * and the status says why. Idempotent.
 */
export function loadNativeKernels(): NativeKernelStatus {
  if (status?.loaded) return status;
  const addon = loadAddon();
  if ('unavailable' in addon) {
    status = { loaded: false, reason: `${addon.unavailable} (build it with: npm run build:native)` };
    return status;
  }
  registerNativeSequenceKernel(addon.kernel);
  offerSgemm('native', addon.sgemm);
  registerHostSoftmaxCrossEntropy(addon.softmaxCrossEntropy);
  registerHostAdamUpdate(addon.adamUpdate);
  const { simd, threads } = addon.info;
  status = {
    loaded: true,
    reason: `native addon: fused recurrences, SGEMM for matmuls, softmax cross-entropy, Adam (${simd}, ${threads} thread${threads === 1 ? '' : 's'})`,
    info: addon.info,
  };
  return status;
}

/**
 * Stops using the native addon (for comparisons): tfjs's own matmul returns, and the WebAssembly
 * kernels when loaded (else the portable ones).
 */
export function unloadNativeKernels(): void {
  registerNativeSequenceKernel(undefined);
  offerSgemm('native', undefined);
  registerHostSoftmaxCrossEntropy(undefined);
  registerHostAdamUpdate(undefined);
  status = undefined;
}
