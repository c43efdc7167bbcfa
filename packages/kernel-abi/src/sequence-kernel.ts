import type { KernelCell } from './kernel-cell';

/**
 * The shape of one fused call. All arrays are dense float32, row-major and **time-major**: step t of
 * sequence b of a [T, B, N] array starts at `(t * batch + b) * N`.
 */
export interface SequenceShape {
  readonly cell: KernelCell;
  readonly time: number;
  readonly batch: number;
  readonly units: number;
}

/** The inputs of the forward pass (read-only) and the buffers it fills (all preallocated by the caller). */
export interface ForwardBuffers extends SequenceShape {
  /** x·W + b for every step, [T, B, G·U]. */
  readonly projected: Float32Array;
  /** U, [units, G·U] (Keras layout). */
  readonly recurrentKernel: Float32Array;
  /**
   * rb, [G·U]: the bias inside the recurrent product, h·U + rb, which the input bias in `projected`
   * cannot stand in for where the reset gate multiplies it. Required when the cell's table row says
   * `recurrentBias` (the reset-after GRU), ignored otherwise.
   */
  readonly recurrentBias?: Float32Array;
  /** The state before step 0, `stateSize` arrays of [B, U]. */
  readonly initialState: readonly Float32Array[];
  /**
   * Valid steps per sequence, [B], each in 0..T; omitted means all T. Past its length a sequence's
   * state is carried unchanged and its outputs are zero.
   */
  readonly lengths?: Int32Array;
  /** Filled: h after every step, zero past a sequence's length, [T, B, U]. */
  readonly outputs: Float32Array;
  /** Filled: the state at each sequence's last valid step, `stateSize` arrays of [B, U]. */
  readonly finalState: readonly Float32Array[];
  /** Filled: the hidden state entering each step, [T, B, U] (carried across padded steps). */
  readonly savedInputs: Float32Array;
  /** Filled: per step the post-activation gates and the cell's extra blocks, [T, B, savedGatesWidth]. */
  readonly savedGates: Float32Array;
}

/**
 * The inputs of the backward pass: the forward inputs and what the forward pass saved, the incoming
 * gradients, and the buffers it fills.
 */
export interface BackwardBuffers extends SequenceShape {
  readonly recurrentKernel: Float32Array;
  /**
   * The forward pass's rb, [G·U], for a kernel that recomputes what it did not save; the kernels of
   * this toolkit read its effect from `savedGates` (the saved h·U_h + rb_h) and may be given none.
   */
  readonly recurrentBias?: Float32Array;
  readonly initialState: readonly Float32Array[];
  readonly lengths?: Int32Array;
  readonly savedInputs: Float32Array;
  readonly savedGates: Float32Array;
  /** dLoss/dOutputs, [T, B, U]. Entries past a sequence's length are ignored (those outputs are constant zero). */
  readonly outputsGrad: Float32Array;
  /** dLoss/dFinalState, `stateSize` arrays of [B, U]. */
  readonly finalStateGrad: readonly Float32Array[];
  /** Filled: dLoss/dProjected, [T, B, G·U] (zero past a sequence's length). */
  readonly projectedGrad: Float32Array;
  /** Filled (overwritten, not accumulated): dLoss/dU, [units, G·U]. */
  readonly recurrentKernelGrad: Float32Array;
  /**
   * Filled (overwritten, not accumulated): dLoss/d(recurrentBias), [G·U]. Required when the cell's
   * table row says `recurrentBias`, ignored otherwise: the input bias's gradient is the column sum of
   * `projectedGrad`, and differs from this one in the reset-after GRU's candidate block.
   */
  readonly recurrentBiasGrad?: Float32Array;
  /** Filled: dLoss/dInitialState, `stateSize` arrays of [B, U]. */
  readonly initialStateGrad: readonly Float32Array[];
}

/**
 * A fused implementation of a cell's whole-sequence forward and backward pass: one call runs all T
 * steps with no per-step allocation, in place of a loop of ~20 small tensor ops per step. The plain
 * tfjs loop of the models package is the specification these are tested against.
 */
export interface SequenceKernel {
  /** Where it runs, for `rnn info` and bench tables: `js`, `native`, `wasm`, … */
  readonly name: string;
  /** Runs the recurrence over all steps, filling the forward buffers. */
  forward(buffers: ForwardBuffers): void;
  /** Backpropagates through all steps, filling the gradient buffers. */
  backward(buffers: BackwardBuffers): void;
}
