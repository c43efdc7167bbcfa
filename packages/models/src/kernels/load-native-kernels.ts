import { loadNativeKernels as loadAddon, type NativeInfo } from '@rnn/native';
import { withdrawKernelProvider } from './kernel-registry';
import { offerKernelPackage, type KernelPackageStatus } from './offer-kernel-package';

/** Whether the native addon is in use, and why (or why not). */
export type NativeKernelStatus = KernelPackageStatus<NativeInfo>;

let status: NativeKernelStatus | undefined;

/**
 * Loads the optional `@rnn/native` addon (built from this repository's C sources at install time)
 * and puts its kernels first on the cpu backend: fused recurrences, SGEMM for the host kernels and
 * tfjs's matmuls, softmax cross-entropy and Adam. Never throws: where the addon was not built, the
 * other kernels stay and the status says why. Idempotent.
 */
export function loadNativeKernels(): NativeKernelStatus {
  if (status?.loaded) return status;
  status = offerKernelPackage(loadAddon(), ' (build it with: npm run build:native)');
  return status;
}

/** Stops using the native addon (for comparisons): the WebAssembly kernels return when loaded, else the portable ones. */
export function unloadNativeKernels(): void {
  withdrawKernelProvider('native');
  status = undefined;
}
