/** What the kernels need to know of one recurrence to size its buffers and pick its code path. */
export interface KernelCellDefinition {
  /** The number the compiled kernels (C, WebAssembly) switch on. */
  readonly code: number;
  /** Units-wide gate blocks: the projection and the recurrent kernel are `gates · units` wide. */
  readonly gates: number;
  /** State arrays: `[h]` (1), or `[h, c]` (2). */
  readonly stateSize: number;
  /**
   * Units-wide blocks a forward pass saves per (step, sequence) beyond the post-activation gates:
   * LSTM's new cell state c, the reset-after GRU's h·U_h + rb_h (which its backward pass multiplies
   * by the reset gate's gradient).
   */
  readonly extraSaved: number;
  /**
   * Whether the recurrence has a bias of its own inside the recurrent product, `[G·U]` beside the
   * input bias already in the projection: it cannot be folded into that bias when the reset gate
   * multiplies it (the reset-after GRU). The kernels then take `recurrentBias` and fill its gradient.
   */
  readonly recurrentBias: boolean;
  /** The recurrence in one line, for documentation and error messages. */
  readonly summary: string;
}

/**
 * Every recurrence a fused kernel implements, the one table that the models, the kernels and their
 * tests read. A row's `code` is fixed forever: compiled kernels switch on it.
 */
export const kernelCellTable = {
  'elman-tanh': {
    code: 0,
    gates: 1,
    stateSize: 1,
    extraSaved: 0,
    recurrentBias: false,
    summary: 'h = tanh(x·W + b + h·U)',
  },
  'elman-relu': {
    code: 1,
    gates: 1,
    stateSize: 1,
    extraSaved: 0,
    recurrentBias: false,
    summary: 'h = relu(x·W + b + h·U)',
  },
  'elman-linear': {
    code: 2,
    gates: 1,
    stateSize: 1,
    extraSaved: 0,
    recurrentBias: false,
    summary: 'h = x·W + b + h·U',
  },
  lstm: {
    code: 3,
    gates: 4,
    stateSize: 2,
    extraSaved: 1,
    recurrentBias: false,
    summary: 'LSTM, Keras gate order i, f, c, o',
  },
  gru: {
    code: 4,
    gates: 3,
    stateSize: 1,
    extraSaved: 0,
    recurrentBias: false,
    summary: 'GRU, gate order z, r, h, reset gate applied to h before the recurrent product (Keras reset_after=false)',
  },
  'gru-reset-after': {
    code: 5,
    gates: 3,
    stateSize: 1,
    extraSaved: 1,
    recurrentBias: true,
    summary:
      'GRU, gate order z, r, h, with a recurrent bias and the reset gate applied after the recurrent product: ' +
      'ĥ = tanh(x·W_h + b_h + r∘(h·U_h + rb_h)) (torch.nn.GRU, cuDNN, Keras reset_after=true)',
  },
} as const satisfies Record<string, KernelCellDefinition>;

/** The name of a recurrence a fused kernel implements. */
export type KernelCell = keyof typeof kernelCellTable;

/** Every kernel cell, in code order. */
export const kernelCells: readonly KernelCell[] = (Object.keys(kernelCellTable) as KernelCell[]).sort(
  (a, b) => kernelCellTable[a].code - kernelCellTable[b].code,
);

/** Whether `value` names a kernel cell. */
export function isKernelCell(value: unknown): value is KernelCell {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(kernelCellTable, value);
}

/** The table row of `cell`; a RangeError naming the cells there are when it is none of them. */
export function kernelCellDefinition(cell: string): KernelCellDefinition {
  if (!isKernelCell(cell)) {
    throw new RangeError(`kernel cell must be one of ${kernelCells.join(', ')}, got ${JSON.stringify(cell)}`);
  }
  return kernelCellTable[cell];
}

/** Gate blocks of `cell`: the projection and the recurrent kernel are `gatesOf(cell) · units` wide. */
export function gatesOf(cell: KernelCell): number {
  return kernelCellDefinition(cell).gates;
}

/** State arrays of `cell`: 1 (`[h]`) or 2 (`[h, c]`). */
export function stateSizeOf(cell: KernelCell): number {
  return kernelCellDefinition(cell).stateSize;
}

/** Whether `cell` takes a recurrent bias `[G·U]` (and its kernels fill that bias's gradient). */
export function hasRecurrentBias(cell: KernelCell): boolean {
  return kernelCellDefinition(cell).recurrentBias;
}

/**
 * Floats a forward pass saves for its backward pass per (step, sequence): the post-activation gates
 * and any extra blocks of the cell (LSTM's new cell state, the reset-after GRU's h·U_h + rb_h). The hidden state entering every step is
 * saved apart, in `savedInputs`.
 */
export function savedGatesWidth(cell: KernelCell, units: number): number {
  const { gates, extraSaved } = kernelCellDefinition(cell);
  return (gates + extraSaved) * units;
}

/** The number compiled kernels switch on for `cell`. */
export function kernelCellCode(cell: KernelCell): number {
  return kernelCellDefinition(cell).code;
}
