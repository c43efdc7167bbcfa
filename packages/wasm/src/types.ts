/** The recurrences the kernel knows (the same names as `@rnn/models`' `KernelCell`). */
export type WasmCell = 'elman-tanh' | 'elman-relu' | 'elman-linear' | 'lstm' | 'gru';

/** Every cell, in the order of the module's cell codes (0..4). */
export const wasmCells: readonly WasmCell[] = ['elman-tanh', 'elman-relu', 'elman-linear', 'lstm', 'gru'];

/**
 * The forward buffers, structurally the same as `@rnn/models`' `ForwardBuffers` (declared here so that
 * this package does not depend on the models package). All arrays are dense float32 and time-major:
 * step t of sequence b of a [T, B, N] array starts at `(t * batch + b) * N`.
 */
export interface WasmForwardBuffers {
  readonly cell: WasmCell;
  readonly time: number;
  readonly batch: number;
  readonly units: number;
  /** x·W + b for every step, [T, B, G·U] (read only). */
  readonly projected: Float32Array;
  /** [units, G·U] (Keras layout). */
  readonly recurrentKernel: Float32Array;
  /** The state before step 0: `[h]`, or `[h, c]` for LSTM, each [B, U]. */
  readonly initialState: readonly Float32Array[];
  /** Valid steps per sequence, [B], each in 0..T; omitted means all T. */
  readonly lengths?: Int32Array;
  /** Filled: h after every step, zero past a sequence's length, [T, B, U]. */
  readonly outputs: Float32Array;
  /** Filled: the state at each sequence's last valid step. */
  readonly finalState: readonly Float32Array[];
  /** Filled: the hidden state entering each step, [T, B, U]. */
  readonly savedInputs: Float32Array;
  /** Filled: per step the post-activation gates and (LSTM) the new cell state, [T, B, G·U (+ U)]. */
  readonly savedGates: Float32Array;
}

/** The backward buffers, structurally the same as `@rnn/models`' `BackwardBuffers`. */
export interface WasmBackwardBuffers {
  readonly cell: WasmCell;
  readonly time: number;
  readonly batch: number;
  readonly units: number;
  readonly recurrentKernel: Float32Array;
  readonly initialState: readonly Float32Array[];
  readonly lengths?: Int32Array;
  /** What the forward pass saved. */
  readonly savedInputs: Float32Array;
  readonly savedGates: Float32Array;
  /** dLoss/dOutputs, [T, B, U] (entries past a sequence's length are ignored). */
  readonly outputsGrad: Float32Array;
  /** dLoss/dFinalState. */
  readonly finalStateGrad: readonly Float32Array[];
  /** Filled: dLoss/dProjected, [T, B, G·U] (zero past a sequence's length). */
  readonly projectedGrad: Float32Array;
  /** Filled (overwritten, not accumulated): dLoss/dU, [units, G·U]. */
  readonly recurrentKernelGrad: Float32Array;
  /** Filled: dLoss/dInitialState. */
  readonly initialStateGrad: readonly Float32Array[];
}

/** A fused sequence kernel, structurally a `SequenceKernel` of `@rnn/models`. */
export interface WasmSequenceKernel {
  /** `wasm`, for `rnn info` and bench tables. */
  readonly name: 'wasm';
  /** Runs the recurrence over all steps, filling the forward buffers. */
  forward(buffers: WasmForwardBuffers): void;
  /** Backpropagates through all steps, filling the gradient buffers. */
  backward(buffers: WasmBackwardBuffers): void;
}

/**
 * Row-major SGEMM: `c = alpha · op(a) · op(b) + beta · c` with op(a) of shape [m, k] (`a` stored [k, m]
 * when `transA`) and op(b) of shape [k, n] (`b` stored [n, k] when `transB`), dense operands. With
 * `batch`, runs that many products, the i-th reading `a` at `i · strideA`, `b` at `i · strideB` and
 * writing `c` at `i · strideC` (strides default to the dense sizes; a stride of 0 reuses one operand
 * for every product). `beta = 0` never reads `c`. Throws a RangeError when an array is too short for the
 * shapes given. The same signature as `@rnn/native`'s `Sgemm`.
 */
export type Sgemm = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  b: Float32Array,
  beta: number,
  c: Float32Array,
  batch?: number,
  strideA?: number,
  strideB?: number,
  strideC?: number,
) => void;

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

/** The loaded module. */
export interface WasmKernels {
  readonly kernel: WasmSequenceKernel;
  readonly sgemm: Sgemm;
  readonly info: WasmInfo;
}

/** Why the module could not be loaded, in one sentence. */
export interface WasmUnavailable {
  readonly unavailable: string;
}
