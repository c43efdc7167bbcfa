import {
  loadWasmKernels as loadModule,
  loadWasmKernelsAsync as loadModuleAsync,
  type WasmInfo,
  type WasmKernels,
  type WasmUnavailable,
} from '@rnn/wasm';
import { registerWasmSequenceKernel } from './sequence-kernel-choice';
import { offerSgemm } from './sgemm-choice';

/** Whether the WebAssembly SIMD kernels are in use, and why (or why not). */
export interface WasmKernelStatus {
  readonly loaded: boolean;
  /** One sentence: what runs on WebAssembly, or why the kernels are unavailable. */
  readonly reason: string;
  readonly info?: WasmInfo;
}

let status: WasmKernelStatus | undefined;

function use(result: WasmKernels | WasmUnavailable): WasmKernelStatus {
  if ('unavailable' in result) {
    status = { loaded: false, reason: result.unavailable };
    return status;
  }
  registerWasmSequenceKernel(result.kernel);
  // The native addon's SGEMM, when loaded, stays first.
  offerSgemm('wasm', result.sgemm);
  status = {
    loaded: true,
    reason: `WebAssembly SIMD (${result.info.simd}, ${result.info.mr}x${result.info.nr} tiles, ${result.info.compiler}): fused recurrences and SGEMM for matmuls`,
    info: result.info,
  };
  return status;
}

/**
 * Loads the WebAssembly SIMD kernels of `@rnn/wasm` (compiled from this repository's AssemblyScript at
 * install time) and puts them to work on host backends (cpu, wasm): the fused sequence kernel for
 * `auto` and `wasm`, and its SGEMM for the host kernels' matrix products (`x·W + b` and its gradients)
 * and for tfjs's own `BatchMatMul` on the cpu backend, except while the native addon is loaded, whose
 * kernels stay first. Never throws: where WebAssembly SIMD is missing the portable TypeScript kernels stay and the status says why. Idempotent. Compiles
 * synchronously: in a browser's main thread use {@link loadWasmKernelsAsync}.
 */
export function loadWasmKernels(): WasmKernelStatus {
  if (status?.loaded) return status;
  return use(loadModule());
}

/** {@link loadWasmKernels} with an asynchronous compile, as browsers' main threads require. Never rejects. */
export async function loadWasmKernelsAsync(): Promise<WasmKernelStatus> {
  if (status?.loaded) return status;
  return use(await loadModuleAsync());
}

/** Stops using the WebAssembly kernels (for comparisons): the native or portable kernels return. */
export function unloadWasmKernels(): void {
  registerWasmSequenceKernel(undefined);
  offerSgemm('wasm', undefined);
  status = undefined;
}
