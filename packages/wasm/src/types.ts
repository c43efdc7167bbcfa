import type { KernelCell, KernelProvider, KernelsUnavailable, SequenceKernel, Sgemm } from '@rnn/kernel-abi';

/** What was compiled, for `rnn info` and bench tables. */
export interface WasmInfo {
  /** Vector instruction set: always `wasm-simd128` (128-bit WebAssembly SIMD, f32x4). */
  readonly simd: 'wasm-simd128';
  /** Threads a call uses: always 1 (WebAssembly threads need cross-origin isolation in browsers). */
  readonly threads: 1;
  /** Register tile of the matrix microkernel, rows x columns. */
  readonly mr: number;
  readonly nr: number;
  /** The compiler, e.g. `AssemblyScript 0.28.20`. */
  readonly compiler: string;
  /** Size of the compiled module in bytes. */
  readonly bytes: number;
}

/** The loaded module: a {@link KernelProvider} of fused recurrences and SGEMM, with what was compiled. */
export interface WasmKernels extends KernelProvider {
  readonly name: 'wasm';
  readonly sequence: { readonly kernel: SequenceKernel; readonly cells: readonly KernelCell[] };
  readonly sgemm: Sgemm;
  readonly info: WasmInfo;
}

/** Why the module could not be loaded, in one sentence. */
export type WasmUnavailable = KernelsUnavailable;
