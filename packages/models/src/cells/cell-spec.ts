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
