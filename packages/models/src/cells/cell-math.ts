import type * as tf from '@tensorflow/tfjs';
import type { CellState } from './recurrent-cell';

/**
 * The arithmetic of one kind of cell, given the input projection x·W + b already computed (for a
 * whole sequence it is one large matmul up front, not one per step).
 */
export interface CellMath {
  /** How many units-wide blocks the kernels hold: 1 (Elman), 4 (LSTM: i, f, c, o), 3 (GRU: z, r, h). */
  readonly gates: number;
  /** How many tensors the state holds: 1 (h) or 2 (h, c). */
  readonly stateSize: number;
  /** The next state from the projected input [batch, gates*units] and the state; `[0]` is the output h. */
  update(projected: tf.Tensor2D, state: CellState, recurrentKernel: tf.Tensor2D): CellState;
}
