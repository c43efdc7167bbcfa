import * as tf from '@tensorflow/tfjs';
import { checkInteger, type Rng } from '@rnn/datasets';
import type { CellInit, CellKind, ElmanActivation } from '../cells/cell-spec';
import { validateCellSpec } from '../cells/validate-cell-spec';
import { createCell } from '../cells/create-cell';
import type { CellState, RecurrentCell } from '../cells/recurrent-cell';
import { dropout } from '../kernels/dropout';
import type { EmbeddedTokens } from '../kernels/fused-sequence';

/** A stack of recurrent layers of one kind, as plain JSON. */
export interface StackSpec {
  readonly kind: CellKind;
  /** Hidden size of every layer. */
  readonly units: number;
  /** How many layers; default 1. */
  readonly layers?: number;
  /** Fraction of each lower layer's outputs dropped while training, in [0, 1); default 0. */
  readonly dropout?: number;
  readonly activation?: ElmanActivation;
  readonly init?: CellInit;
  /** GRU only: where the reset gate acts (see `CellSpec.resetAfter`); default true. */
  readonly resetAfter?: boolean;
}

/**
 * Checks a stack spec whole: the cell fields (kind, units, activation, init, resetAfter) now, before
 * any input size is known, and the stack's own (layers, dropout).
 */
export function validateStackSpec(spec: StackSpec): void {
  if (spec === null || typeof spec !== 'object') {
    throw new RangeError(`rnn must be a stack spec {kind, units, layers?, ...}, got ${JSON.stringify(spec)}`);
  }
  // The input size is known only at build time; 1 stands in so that everything else is checked now.
  const { kind, units, activation, init, resetAfter } = spec;
  validateCellSpec({ kind, units, inputSize: 1, activation, init, resetAfter });
  const layers = spec.layers ?? 1;
  checkInteger('rnn', 'layers', layers, 1);
  const dropout = spec.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`dropout must be in [0, 1), got ${dropout}`);
}

/** Options of one pass through the stack. */
export interface StackForwardOptions {
  /** Each sequence's number of real steps, int32 [batch]. */
  readonly lengths?: tf.Tensor1D;
  /** One state per layer to start from (zeros otherwise). */
  readonly initialStates?: readonly CellState[];
  /** Apply dropout between layers, drawing its masks from this stream (training only). */
  readonly dropoutRng?: Rng;
  /** Return every layer's outputs, for inspection ("what's happening inside"). */
  readonly returnHidden?: boolean;
}

/** Stacked recurrent layers with dropout between them. */
export class RecurrentStack {
  readonly cells: readonly RecurrentCell[];
  readonly weights: readonly tf.Variable[];

  constructor(
    readonly spec: StackSpec,
    inputSize: number,
    rng: Rng,
  ) {
    validateStackSpec(spec);
    const { kind, units, activation, init, resetAfter } = spec;
    this.cells = Array.from({ length: spec.layers ?? 1 }, (_, layer) =>
      createCell(
        {
          kind,
          units,
          inputSize: layer === 0 ? inputSize : units,
          ...(activation ? { activation } : {}),
          ...(init ? { init } : {}),
          ...(resetAfter !== undefined ? { resetAfter } : {}),
        },
        rng,
      ),
    );
    this.weights = this.cells.flatMap((cell) => cell.weights);
  }

  /** Zero states for every layer. */
  initialStates(batch: number): CellState[] {
    return this.cells.map((cell) => cell.initialState(batch));
  }

  /**
   * Runs x [batch, time, inputSize] (or embedded token ids, see `InputEncoder.encodeSequence`) through every layer. Returns the top layer's outputs, each layer's
   * state at each sequence's last valid step, and with `returnHidden` every layer's outputs.
   */
  forward(
    x: tf.Tensor3D | EmbeddedTokens,
    options: StackForwardOptions = {},
  ): { outputs: tf.Tensor3D; states: CellState[]; hidden?: tf.Tensor3D[] } {
    const { lengths, initialStates, dropoutRng, returnHidden } = options;
    if (initialStates !== undefined && initialStates.length !== this.cells.length) {
      throw new RangeError(
        `initialStates must hold one state per layer (${this.cells.length}), got ${initialStates.length}`,
      );
    }
    const rate = this.spec.dropout ?? 0;
    return tf.tidy(() => {
      let input: tf.Tensor3D | EmbeddedTokens = x;
      const states: CellState[] = [];
      const hidden: tf.Tensor3D[] = [];
      this.cells.forEach((cell, layer) => {
        if (layer > 0 && dropoutRng && rate > 0) input = dropout(input as tf.Tensor3D, rate, dropoutRng.uint32());
        const result = cell.forward(input, {
          ...(lengths ? { lengths } : {}),
          ...(initialStates ? { initialState: initialStates[layer] } : {}),
        });
        states.push(result.state);
        if (returnHidden) hidden.push(result.outputs);
        input = result.outputs;
      });
      const outputs = input as tf.Tensor3D;
      return returnHidden ? { outputs, states, hidden } : { outputs, states };
    });
  }

  /** One step of every layer (no dropout: stepping is for generation and inspection). */
  step(x: tf.Tensor2D, states: readonly CellState[]): { output: tf.Tensor2D; states: CellState[] } {
    return tf.tidy(() => {
      let input = x;
      const next: CellState[] = [];
      this.cells.forEach((cell, layer) => {
        const result = cell.step(input, states[layer]);
        next.push(result.state);
        input = result.output;
      });
      return { output: input, states: next };
    });
  }

  /** Frees every layer's weights. */
  dispose(): void {
    this.cells.forEach((cell) => cell.dispose());
  }
}
