import * as tf from '@tensorflow/tfjs';
import type { CellMath } from '../cells/cell-math';
import type { CellKind } from '../cells/cell-spec';
import { cellMathOf } from '../cells/cell-kinds';
import type { CellState, RecurrentCell } from '../cells/recurrent-cell';
import type { RecurrentStack } from '../layers/recurrent-stack';

/** One gate's activations over a recorded sequence. */
export interface GateRecord {
  /** The gate, as the cell math names it: `input`, `forget`, `cell`, `output` (LSTM); `update`, `reset`, `candidate` (GRU). */
  readonly name: string;
  /** Row-major [steps, units]: step t, unit u at `t * units + u`. */
  readonly values: Float32Array;
}

/** One recurrent layer over a recorded sequence. */
export interface LayerRecord {
  /** 0 for the layer that reads the input, counting up the stack. */
  readonly layer: number;
  readonly kind: CellKind;
  readonly units: number;
  readonly steps: number;
  /** The hidden state h after every step, row-major [steps, units]: step t, unit u at `t * units + u`. */
  readonly hidden: Float32Array;
  /** LSTM only: the cell state c after every step, [steps, units]. */
  readonly cell?: Float32Array;
  /** LSTM and GRU: each gate's activations at every step, in the cell's block order. */
  readonly gates?: readonly GateRecord[];
}

interface LayerSteps {
  readonly cell: RecurrentCell;
  readonly math: CellMath;
  readonly hidden: tf.Tensor2D[];
  readonly cellStates: tf.Tensor2D[];
  readonly gates: tf.Tensor2D[][];
}

/**
 * Steps a {@link RecurrentStack} one time step at a time with plain tfjs ops (x·W + b, then the
 * cell's math; never a fused kernel), keeping every layer's h, c and gate activations of every step
 * so they can be read. Batch 1. Every tensor it makes is meant to be freed by the caller's
 * `tf.tidy`; {@link StackRecorder.read} copies them out first.
 */
export class StackRecorder {
  /** Each layer's state after the last step (the initial states before the first). */
  states: CellState[];
  private readonly layers: LayerSteps[];

  constructor(stack: RecurrentStack, initialStates: CellState[]) {
    this.states = initialStates;
    this.layers = stack.cells.map((cell) => {
      const math = cellMathOf(cell.spec);
      return { cell, math, hidden: [], cellStates: [], gates: (math.gateNames ?? []).map(() => []) };
    });
  }

  /** One step of every layer on x [1, inputSize]; returns the top layer's output h [1, units]. */
  step(x: tf.Tensor2D): tf.Tensor2D {
    let input = x;
    this.states = this.layers.map((layer, i) => {
      // Keras order, then the recurrent bias of a math that has one (the reset-after GRU).
      const [kernel, recurrentKernel, bias, recurrentBias] = layer.cell.weights as readonly tf.Tensor[];
      const projected = tf.add(tf.matMul(input, kernel as tf.Tensor2D), bias) as tf.Tensor2D;
      const args = [
        projected,
        this.states[i],
        recurrentKernel as tf.Tensor2D,
        recurrentBias as tf.Tensor1D | undefined,
      ] as const;
      const { state, gates } = layer.math.updateWithGates
        ? layer.math.updateWithGates(...args)
        : { state: layer.math.update(...args), gates: [] };
      layer.hidden.push(state[0]);
      if (state.length > 1) layer.cellStates.push(state[1]);
      gates.forEach((gate, g) => layer.gates[g].push(gate));
      input = state[0];
      return state;
    });
    return input;
  }

  /** Every layer's record so far, copied out of the tensors. */
  read(): LayerRecord[] {
    return this.layers.map(({ cell, math, hidden, cellStates, gates }, layer) => {
      const { kind, units } = cell.spec;
      const record: LayerRecord = { layer, kind, units, steps: hidden.length, hidden: rowsOf(hidden) };
      return {
        ...record,
        ...(cellStates.length > 0 ? { cell: rowsOf(cellStates) } : {}),
        ...(math.gateNames ? { gates: math.gateNames.map((name, g) => ({ name, values: rowsOf(gates[g]) })) } : {}),
      };
    });
  }
}

/** Steps of [1, units] as one row-major [steps, units] array, copied (a backend may reuse its buffers). */
function rowsOf(steps: tf.Tensor2D[]): Float32Array {
  if (steps.length === 0) return new Float32Array(0);
  return Float32Array.from(tf.concat(steps, 0).dataSync());
}
