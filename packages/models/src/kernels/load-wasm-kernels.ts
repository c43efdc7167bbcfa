import { loadWasmKernels as loadModule, loadWasmKernelsAsync as loadModuleAsync, type WasmInfo } from '@rnn/wasm';
import { withdrawKernelProvider } from './kernel-registry';
import { offerKernelPackage, type KernelPackageStatus } from './offer-kernel-package';

/** Whether the WebAssembly SIMD kernels are in use, and why (or why not). */
export type WasmKernelStatus = KernelPackageStatus<WasmInfo>;

let status: WasmKernelStatus | undefined;

/**
 * Loads the WebAssembly SIMD kernels of `@rnn/wasm` (compiled from this repository's AssemblyScript at
 * install time) and puts them to work on host backends (cpu, wasm), after the native addon when that
 * is loaded: the fused recurrences, and the SGEMM for the host kernels' matrix products and tfjs's
 * own `BatchMatMul` on the cpu backend. Never throws: where WebAssembly SIMD is missing the portable
 * TypeScript kernels stay and the status says why. Idempotent. Compiles synchronously: in a browser's
 * main thread use {@link loadWasmKernelsAsync}.
 */
export function loadWasmKernels(): WasmKernelStatus {
  if (status?.loaded) return status;
  status = offerKernelPackage(loadModule());
  return status;
}

/** {@link loadWasmKernels} with an asynchronous compile, as browsers' main threads require. Never rejects. */
export async function loadWasmKernelsAsync(): Promise<WasmKernelStatus> {
  if (status?.loaded) return status;
  status = offerKernelPackage(await loadModuleAsync());
  return status;
}

/** Stops using the WebAssembly kernels (for comparisons): the native or portable kernels return. */
export function unloadWasmKernels(): void {
  withdrawKernelProvider('wasm');
  status = undefined;
}
