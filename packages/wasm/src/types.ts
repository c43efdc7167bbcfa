import type {
  AdamUpdate,
  BinaryCrossEntropy,
  KernelCell,
  KernelProvider,
  KernelsUnavailable,
  SequenceKernel,
  Sgemm,
  SoftmaxCrossEntropy,
  SumRowsByIndex,
} from '@rnn/kernel-abi';

/**
 * The instruction set of a compiled module: `wasm-simd128` is 128-bit WebAssembly SIMD (f32x4), which
 * every current engine has; `wasm-relaxed-simd` adds the relaxed-SIMD proposal's fused multiply-add
 * (`f32x4.relaxed_madd`), one instruction where the baseline multiplies and adds: the SGEMM runs
 * faster on processors with FMA.
 */
export type WasmSimd = 'wasm-simd128' | 'wasm-relaxed-simd';

/** What was compiled, for `rnn info` and bench tables. */
export interface WasmInfo {
  /**
   * The module loaded: `wasm-relaxed-simd` where the engine has relaxed SIMD (and `RNN_WASM_SIMD` does
   * not ask for the baseline), else `wasm-simd128`.
   */
  readonly simd: WasmSimd;
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

/**
 * The loaded module: a {@link KernelProvider} of fused recurrences, SGEMM, softmax and binary
 * cross-entropy, Adam and the per-token sum of an embedding's gradient (always all of them), with what was compiled.
 * The layout copy (`swapLeadingAxes`) is left to the portable kernel: copying into linear memory and
 * back would cost more than the copy itself.
 */
export interface WasmKernels extends KernelProvider {
  readonly name: 'wasm';
  readonly sequence: { readonly kernel: SequenceKernel; readonly cells: readonly KernelCell[] };
  readonly sgemm: Sgemm;
  readonly softmaxCrossEntropy: SoftmaxCrossEntropy;
  readonly binaryCrossEntropy: BinaryCrossEntropy;
  readonly adamUpdate: AdamUpdate;
  readonly sumRowsByIndex: SumRowsByIndex;
  readonly info: WasmInfo;
}

/** Why the module could not be loaded, in one sentence. */
export type WasmUnavailable = KernelsUnavailable;
