import { cellKindDefinition } from './cell-kinds';

/** The recurrent cells the toolkit builds (more may be added with `registerCellKind`). */
export type CellKind = 'elman' | 'simple' | 'lstm' | 'gru';

/** Every cell kind, for argument checks and help texts. */
export const cellKinds: readonly CellKind[] = ['elman', 'simple', 'lstm', 'gru'];

/** The activation of an Elman cell: `linear` makes the source's linear RNN (LinRNN). */
export type ElmanActivation = 'tanh' | 'relu' | 'linear';

/**
 * How a cell initialises its weights from the `init` random stream:
 * - `pytorch`: every weight and bias uniform in ±1/sqrt(units), as torch.nn.RNN/LSTM/GRU do.
 * - `glorot`: Keras's kernel initialiser (Glorot uniform) for both kernels, zero biases, and for LSTM
 *   a forget-gate bias of 1 (Keras's `unitForgetBias`).
 */
export type CellInit = 'pytorch' | 'glorot';

/** A cell as plain JSON: what it is, not its weights. */
export interface CellSpec {
  readonly kind: CellKind;
  /** Size of the hidden state. */
  readonly units: number;
  /** Size of each input step. */
  readonly inputSize: number;
  /** Elman only (`simple` is always tanh); default `tanh`. */
  readonly activation?: ElmanActivation;
  /** Default `pytorch`. */
  readonly init?: CellInit;
  /**
   * GRU only: where the reset gate acts. `true` (the default): after the recurrent product, with a
   * recurrent bias of its own, ĥ = tanh(x·W_h + b_h + r∘(h·U_h + rb_h)), as torch.nn.GRU, cuDNN and
   * Keras 2+ compute it. `false`: before it, ĥ = tanh(x·W_h + (r∘h)·U_h + b_h), the form tfjs-layers
   * implements, which a model must use to be exported to tfjs-layers.
   */
  readonly resetAfter?: boolean;
}

/** Whether a GRU spec applies its reset gate after the recurrent product: `resetAfter`, default true. */
export function gruResetsAfter(spec: Pick<CellSpec, 'resetAfter'>): boolean {
  return spec.resetAfter ?? true;
}

/** Checks a cell spec, tfjs-core style: a RangeError naming the field and what is allowed. */
export function validateCellSpec(spec: CellSpec): void {
  cellKindDefinition(spec.kind);
  for (const field of ['units', 'inputSize'] as const) {
    const value = spec[field];
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`cell ${field} must be an integer >= 1, got ${value}`);
    }
  }
  if (spec.activation !== undefined) {
    if (spec.kind !== 'elman') {
      throw new RangeError(`cell activation applies to kind 'elman' only, got kind '${spec.kind}'`);
    }
    if (!['tanh', 'relu', 'linear'].includes(spec.activation)) {
      throw new RangeError(`cell activation must be one of tanh, relu, linear, got ${JSON.stringify(spec.activation)}`);
    }
  }
  if (spec.init !== undefined && !['pytorch', 'glorot'].includes(spec.init)) {
    throw new RangeError(`cell init must be one of pytorch, glorot, got ${JSON.stringify(spec.init)}`);
  }
  if (spec.resetAfter !== undefined) {
    if (spec.kind !== 'gru') {
      throw new RangeError(`cell resetAfter applies to kind 'gru' only, got kind '${spec.kind}'`);
    }
    if (typeof spec.resetAfter !== 'boolean') {
      throw new RangeError(`cell resetAfter must be true or false, got ${JSON.stringify(spec.resetAfter)}`);
    }
  }
}
