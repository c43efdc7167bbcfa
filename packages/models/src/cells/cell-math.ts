import type * as tf from '@tensorflow/tfjs';
import type { CellState } from './recurrent-cell';

/** One step of a cell with its gates laid open: the next state, and each gate's activations. */
export interface GatedUpdate {
  /** The next state, as {@link CellMath.update} returns it; `[0]` is the output h. */
  readonly state: CellState;
  /** Each gate's activations after its nonlinearity, [batch, units], in {@link CellMath.gateNames} order. */
  readonly gates: tf.Tensor2D[];
}

/**
 * The arithmetic of one kind of cell, given the input projection x·W + b already computed (for a
 * whole sequence it is one large matmul up front, not one per step).
 */
export interface CellMath {
  /** How many units-wide blocks the kernels hold: 1 (Elman), 4 (LSTM: i, f, c, o), 3 (GRU: z, r, h). */
  readonly gates: number;
  /** How many tensors the state holds: 1 (h) or 2 (h, c). */
  readonly stateSize: number;
  /**
   * Whether the math reads a recurrent bias [gates*units] of its own, inside the recurrent product
   * (the reset-after GRU, where the reset gate multiplies it, so the input bias cannot stand in for
   * it): a cell of this math then owns it as a fourth weight and passes it to `update`.
   */
  readonly recurrentBias?: boolean;
  /**
   * The next state from the projected input [batch, gates*units] and the state; `[0]` is the output h.
   * `recurrentBias` [gates*units] is given exactly when {@link CellMath.recurrentBias} says so.
   */
  update(
    projected: tf.Tensor2D,
    state: CellState,
    recurrentKernel: tf.Tensor2D,
    recurrentBias?: tf.Tensor1D,
  ): CellState;
  /**
   * The names of the gates {@link CellMath.updateWithGates} returns, in the kernels' block order:
   * `input, forget, cell, output` (LSTM), `update, reset, candidate` (GRU). Absent for a cell
   * without gates (Elman).
   */
  readonly gateNames?: readonly string[];
  /**
   * `update` with the gate activations kept, to look inside a cell ("what's happening inside"): the
   * very ops of `update`, so the state is the same to the bit. Absent for a cell without gates.
   */
  updateWithGates?(
    projected: tf.Tensor2D,
    state: CellState,
    recurrentKernel: tf.Tensor2D,
    recurrentBias?: tf.Tensor1D,
  ): GatedUpdate;
}
