import type * as tf from '@tensorflow/tfjs';
import type { CellSpec } from './cell-spec';
import type { EmbeddedTokens } from '../kernels/fused-sequence';

/** A cell's recurrent state: `[h]` for Elman and GRU, `[h, c]` for LSTM, each [batch, units]. */
export type CellState = tf.Tensor2D[];

/** What a whole-sequence pass returns. */
export interface SequenceResult {
  /** The hidden state after every step, [batch, time, units]; zero after a sequence's end. */
  readonly outputs: tf.Tensor3D;
  /** The state at each sequence's last valid step (not at the padded end). */
  readonly state: CellState;
}

/**
 * One recurrent layer. `step` advances one time step; `forward` runs a whole padded batch and is the
 * one entry point models call, so that a fused kernel can replace its inside without touching them.
 */
export interface RecurrentCell {
  readonly spec: CellSpec;
  /**
   * The trainable weights in Keras/tfjs-layers order and layout: kernel [inputSize, gates*units],
   * recurrent kernel [units, gates*units], bias [gates*units]; the reset-after GRU has a fourth, its
   * recurrent bias [gates*units] (Keras's second bias row, PyTorch's `bias_hh`).
   */
  readonly weights: readonly tf.Variable[];
  /** A zero state for `batch` sequences. */
  initialState(batch: number): CellState;
  /** One step: input [batch, inputSize] and state in, the new output and state out. */
  step(x: tf.Tensor2D, state: CellState): { output: tf.Tensor2D; state: CellState };
  /**
   * All steps of x [batch, time, inputSize]. With `lengths`, sequence b stops at step lengths[b]: its
   * state is carried unchanged past the end and its outputs there are zero. Equals calling `step` T times.
   * x may also be token ids with their embedding table, which a fused kernel folds into its input
   * projection; the result is that of the looked-up rows.
   */
  forward(
    x: tf.Tensor3D | EmbeddedTokens,
    options?: { lengths?: tf.Tensor1D; initialState?: CellState },
  ): SequenceResult;
  /** Frees the weights. */
  dispose(): void;
}
