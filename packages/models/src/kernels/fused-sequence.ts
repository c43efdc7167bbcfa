import * as tf from '@tensorflow/tfjs';
import { columnSums, hostAffine, hostMatMul } from './host-gemm';
import { readFloats, runHostKernel, type HostIo } from './host-kernel';
import { hostSwapLeadingAxes } from './kernel-registry';
import { returnScratch, takeScratchToOverwrite } from './scratch-buffers';
import { sumRowsByToken } from './sum-rows-by-token';
import {
  gatesOf,
  hasRecurrentBias,
  savedGatesWidth,
  stateSizeOf,
  type KernelCell,
  type SequenceKernel,
} from '@rnn/kernel-abi';

/** The tfjs kernel name of the fused recurrence, registered per backend on first use. */
export const fusedSequenceKernelName = 'RnnFusedSequence';

/** The tfjs kernel name of the fused recurrence over embedded token ids (see {@link EmbeddedTokens}). */
export const fusedEmbeddedSequenceKernelName = 'RnnFusedEmbeddedSequence';

/**
 * Token ids [batch, time] and the embedding table [vocab, dim] that encodes them, given to the first
 * recurrent layer instead of the encoded [batch, time, dim] floats. The layer's input projection of a
 * row is then a row of table·W + b, computed once per call for the vocabulary instead of once per
 * step of every sequence: a character model's 3,200 rows per batch read 66 distinct rows.
 */
export interface EmbeddedTokens {
  readonly table: tf.Tensor2D;
  /** int32, [batch, time]; every id a row of the table. */
  readonly ids: tf.Tensor2D;
}

/** Whether a recurrent layer's input is embedded token ids rather than encoded floats. */
export const isEmbeddedTokens = (x: tf.Tensor3D | EmbeddedTokens): x is EmbeddedTokens => !(x instanceof tf.Tensor);

/** What {@link fusedSequence} returns. */
export interface FusedSequenceResult {
  /** h after every step, [B, T, U], zero past a sequence's length. */
  readonly outputs: tf.Tensor3D;
  /** The state at each sequence's last valid step. */
  readonly state: tf.Tensor2D[];
}

interface FusedAttrs {
  cell: KernelCell;
  kernel: string;
  lengths: number[] | null;
  /** One object per call, the key of what its backward pass reads (see {@link savedForBackward}). */
  saved: object;
}

/** What the backward pass reads, all scratch buffers returned to the pool once it has run. */
interface SavedForBackward {
  /** What the input projection's gradient reads. */
  readonly projection: ProjectionSaved;
  /** Copies of the state before step 0, one [B, U] array per state tensor. */
  readonly initialState: readonly Float32Array[];
  readonly savedInputs: Float32Array;
  readonly savedGates: Float32Array;
}

/**
 * What the input projection keeps for its gradient: the inputs time-major [T·B, I] (the left operand
 * of dW), or the embedded ids time-major, whose gradient rows are summed per token.
 */
type ProjectionSaved =
  | { readonly kind: 'dense'; readonly inputs: Float32Array }
  | { readonly kind: 'embedded'; readonly ids: Int32Array; readonly vocab: number };

/**
 * What the backward pass reads, by the call's own key object in its attrs: kept as plain arrays
 * beside the tape rather than as extra outputs, for which tfjs would allocate zero gradients on
 * every backward pass. The key lives as long as the tape node holding the attrs, so an entry no
 * backward pass consumes goes away with the tape; one consumed is deleted, so a second backward pass
 * fails instead of reading reused memory. (Not keyed by the outputs' data: the wasm backend saves a
 * copy of an output for the gradient, with data of its own.)
 */
const savedForBackward = new WeakMap<object, SavedForBackward>();

// Kernels by name: attrs carry the name, not the object, so they stay plain data.
const kernels = new Map<string, SequenceKernel>();

/** Swaps the two leading axes of a [n0, n1, inner] array into `to` ([n1, n0, inner]), on the first provider offering it. */
const swapLeadingAxes = (from: Float32Array, to: Float32Array, n0: number, n1: number, inner: number): void =>
  hostSwapLeadingAxes()(from, to, n0, n1, inner);

/** The op's inputs `state0`, `state1`, …: the state tensors before step 0. */
const stateInputs = (inputs: Record<string, tf.TensorInfo>, stateSize: number): tf.TensorInfo[] =>
  Array.from({ length: stateSize }, (_, i) => inputs[`state${i}`]);

/** Whether a gradient tape is recording (tfjs keeps no public flag; its engine state says so). */
const recordingGradients = (): boolean =>
  (tf.engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth > 0;

/**
 * The input projection x·W + b of every step into a time-major scratch buffer [T·B, G·U], where the
 * recurrence kernel reads it: one matrix product over all rows, or for embedded ids one over the
 * vocabulary's rows, then a gather. Returns it and what its gradient reads.
 */
function projectInputs(
  inputs: Record<string, tf.TensorInfo>,
  io: HostIo,
  batch: number,
  time: number,
  width: number,
): { projected: Float32Array; saved: ProjectionSaved } {
  const { x, table, ids, kernel, bias } = inputs;
  const rows = time * batch;
  if (table === undefined) {
    const inputSize = x.shape[2];
    const inputsTimeMajor = takeScratchToOverwrite(rows * inputSize);
    swapLeadingAxes(io.readFloat(x), inputsTimeMajor, batch, time, inputSize);
    const projected = hostAffine(
      inputsTimeMajor,
      io.readFloat(kernel),
      io.readFloat(bias),
      rows,
      inputSize,
      width,
      takeScratchToOverwrite(rows * width),
    );
    return { projected, saved: { kind: 'dense', inputs: inputsTimeMajor } };
  }
  const [vocab, dim] = table.shape;
  const perToken = hostAffine(io.readFloat(table), io.readFloat(kernel), io.readFloat(bias), vocab, dim, width);
  const batchMajor = io.read(ids);
  const timeMajor = new Int32Array(rows);
  const projected = takeScratchToOverwrite(rows * width);
  for (let t = 0; t < time; t++) {
    for (let b = 0; b < batch; b++) {
      const id = batchMajor[b * time + t];
      if (!(id >= 0 && id < vocab)) throw new RangeError(`embedding id ${id} is outside the table's 0..${vocab - 1}`);
      const row = t * batch + b;
      timeMajor[row] = id;
      projected.set(perToken.subarray(id * width, (id + 1) * width), row * width);
    }
  }
  return { projected, saved: { kind: 'embedded', ids: timeMajor, vocab } };
}

/**
 * Forward: x [B, T, I] (or `table` [V, I] and int32 `ids` [B, T]), kernel [I, G·U], bias [G·U],
 * recurrentKernel [U, G·U], the initial state as one [B, U] input per state tensor (state0, and
 * state1 for LSTM's c), and recurrentBias [G·U] for a cell that has one; outputs [B, T, U] and the
 * final state, again one [B, U] output per state tensor (no stacking: tf.stack and tf.unstack and
 * their gradients would be four more ops per layer and step). What the backward pass needs goes to
 * `savedForBackward` when a gradient tape is recording.
 */
function forwardKernel(
  inputs: Record<string, tf.TensorInfo>,
  io: HostIo,
  attrs: Record<string, unknown>,
): tf.TensorInfo[] {
  const { cell, kernel: kernelName, lengths, saved } = attrs as unknown as FusedAttrs;
  const { recurrentKernel, recurrentBias } = inputs;
  const [batch, time] = (inputs.x ?? inputs.ids).shape;
  const units = recurrentKernel.shape[0];
  const width = gatesOf(cell) * units;
  const stateSize = stateSizeOf(cell);
  const block = batch * units;
  const rows = time * batch;
  const { projected, saved: projection } = projectInputs(inputs, io, batch, time, width);
  // The kernel fills these whole (the kernel checks run it on buffers pre-filled with NaN).
  const outputs = takeScratchToOverwrite(time * block);
  const initialState = stateInputs(inputs, stateSize).map((info) => io.readFloat(info));
  const finalState = Array.from({ length: stateSize }, () => new Float32Array(block));
  const savedInputs = takeScratchToOverwrite(time * block);
  const savedGates = takeScratchToOverwrite(rows * savedGatesWidth(cell, units));
  kernels.get(kernelName)!.forward({
    cell,
    time,
    batch,
    units,
    projected,
    recurrentKernel: io.readFloat(recurrentKernel),
    ...(recurrentBias === undefined ? {} : { recurrentBias: io.readFloat(recurrentBias) }),
    initialState,
    lengths: lengths === null ? undefined : Int32Array.from(lengths),
    outputs,
    finalState,
    savedInputs,
    savedGates,
  });
  const outputsBatchMajor = new Float32Array(time * block);
  swapLeadingAxes(outputs, outputsBatchMajor, time, batch, units);
  returnScratch(projected, outputs);
  const outputsInfo = io.write([batch, time, units], outputsBatchMajor);
  if (recordingGradients()) {
    savedForBackward.set(saved, {
      projection,
      initialState: initialState.map((a) => a.slice()),
      savedInputs,
      savedGates,
    });
  } else {
    if (projection.kind === 'dense') returnScratch(projection.inputs);
    returnScratch(savedInputs, savedGates);
  }
  return [outputsInfo, ...finalState.map((state) => io.write([batch, units], state))];
}

/**
 * The input projection's gradients from the projection's own, dP [T·B, G·U] time-major: dW, db and
 * dx [B, T, I] as two matrix products and a column sum over all rows; for embedded ids, dP's rows
 * summed per token first (dT [V, G·U]), then dW = tableᵀ·dT, db = Σ dT and dtable = dT·Wᵀ.
 */
function projectionGradients(
  projection: ProjectionSaved,
  projectedGrad: Float32Array,
  kernel: tf.Tensor,
  table: tf.Tensor | undefined,
  batch: number,
  time: number,
  width: number,
): { inputGrad: tf.Tensor; kernelGrad: tf.Tensor2D; biasGrad: tf.Tensor1D } {
  const inputSize = kernel.shape[0];
  const rows = time * batch;
  const weights = readFloats(kernel);
  const finish = (inputGrad: tf.Tensor, kernelGrad: Float32Array, biasGrad: Float32Array) => ({
    inputGrad,
    kernelGrad: tf.tensor2d(kernelGrad, [inputSize, width]),
    biasGrad: tf.tensor1d(biasGrad),
  });
  if (projection.kind === 'dense') {
    const { inputs } = projection;
    const kernelGrad = hostMatMul(inputs, projectedGrad, inputSize, rows, width, true, false);
    const biasGrad = columnSums(projectedGrad, rows, width);
    const xGradTimeMajor = hostMatMul(projectedGrad, weights, rows, width, inputSize, false, true, { into: inputs });
    const xGrad = new Float32Array(rows * inputSize);
    swapLeadingAxes(xGradTimeMajor, xGrad, time, batch, inputSize);
    returnScratch(xGradTimeMajor);
    return finish(tf.tensor3d(xGrad, [batch, time, inputSize]), kernelGrad, biasGrad);
  }
  const { ids, vocab } = projection;
  const perToken = sumRowsByToken(ids, projectedGrad.subarray(0, rows * width), width, vocab);
  const kernelGrad = hostMatMul(readFloats(table!), perToken, inputSize, vocab, width, true, false);
  const biasGrad = columnSums(perToken, vocab, width);
  const tableGrad = hostMatMul(perToken, weights, vocab, width, inputSize, false, true);
  return finish(tf.tensor2d(tableGrad, [vocab, inputSize]), kernelGrad, biasGrad);
}

/**
 * Backpropagation through time in one kernel call, from the saved gates (no recomputation), then
 * the input projection's gradients. `saved` holds the inputs named by `inputsToSave` (kernel,
 * recurrentKernel, initialState, and the table for embedded ids), then the outputs.
 */
const fusedGradient = (embedded: boolean): Omit<tf.GradConfig, 'kernelName'> => ({
  inputsToSave: ['kernel', 'recurrentKernel', ...(embedded ? ['table'] : [])],
  outputsToSave: [true, false],
  gradFunc: (dys, saved, attrs) => {
    const { cell, kernel: kernelName, lengths, saved: key } = attrs as unknown as FusedAttrs;
    const [dOutputs, ...dFinalState] = dys as tf.Tensor[];
    const [kernel, recurrentKernel] = saved;
    const table = embedded ? saved[2] : undefined;
    const outputs = saved[saved.length - 1];
    const [batch, time, units] = outputs.shape;
    const kept = savedForBackward.get(key);
    if (kept === undefined) {
      throw new Error(
        'fused sequence gradient: the forward pass kept nothing for this output (or it was used already)',
      );
    }
    savedForBackward.delete(key);
    const { projection, initialState, savedInputs, savedGates } = kept;
    const width = gatesOf(cell) * units;
    const stateSize = stateSizeOf(cell);
    const block = batch * units;
    const rows = time * batch;
    const outputsGrad = takeScratchToOverwrite(time * block);
    swapLeadingAxes(readFloats(dOutputs), outputsGrad, batch, time, units);
    const projectedGrad = takeScratchToOverwrite(rows * width);
    const recurrentKernelGrad = new Float32Array(units * width);
    const withBias = hasRecurrentBias(cell);
    const recurrentBiasGrad = new Float32Array(withBias ? width : 0);
    const initialStateGrad = Array.from({ length: stateSize }, () => new Float32Array(block));
    kernels.get(kernelName)!.backward({
      cell,
      time,
      batch,
      units,
      recurrentKernel: readFloats(recurrentKernel),
      initialState,
      lengths: lengths === null ? undefined : Int32Array.from(lengths),
      savedInputs,
      savedGates,
      outputsGrad,
      finalStateGrad: dFinalState.map((dy) => readFloats(dy)),
      projectedGrad,
      recurrentKernelGrad,
      ...(withBias ? { recurrentBiasGrad } : {}),
      initialStateGrad,
    });
    returnScratch(outputsGrad, savedInputs, savedGates);
    const { inputGrad, kernelGrad, biasGrad } = projectionGradients(
      projection,
      projectedGrad,
      kernel,
      table,
      batch,
      time,
      width,
    );
    returnScratch(projectedGrad);
    const grads = {
      kernel: kernelGrad,
      bias: biasGrad,
      recurrentKernel: tf.tensor2d(recurrentKernelGrad, [units, width]),
      initialState: initialStateGrad.map((grad) => tf.tensor2d(grad, [batch, units])),
    };
    const recurrentBias = withBias ? tf.tensor1d(recurrentBiasGrad) : undefined;
    return {
      ...(embedded
        ? { table: () => inputGrad, ids: () => tf.zeros(outputs.shape.slice(0, 2), 'int32') }
        : { x: () => inputGrad }),
      kernel: () => grads.kernel,
      bias: () => grads.bias,
      recurrentKernel: () => grads.recurrentKernel,
      ...Object.fromEntries(grads.initialState.map((grad, i) => [`state${i}`, () => grad])),
      ...(recurrentBias ? { recurrentBias: () => recurrentBias } : {}),
    };
  },
});

const denseGradient = fusedGradient(false);
const embeddedGradient = fusedGradient(true);

/**
 * Runs a whole recurrence as one differentiable tfjs op backed by a fused {@link SequenceKernel}: a
 * kernel registered with tfjs (on the current backend, which must keep tensors in host memory) and
 * its gradient, so models, optimizers and save/load see an ordinary op. The op includes the input
 * projection x·W + b of every step, so that neither it nor its gradient ever becomes a tensor.
 *
 * @param x the inputs, [B, T, I], or embedded token ids (the first layer of a character model).
 * @param kernel W, [I, G·U].
 * @param bias b, [G·U].
 * @param recurrentKernel U, [units, G·U].
 * @param initialState the state before step 0, each [B, U].
 * @param lengths valid steps per sequence; omitted means all T.
 * @param recurrentBias rb, [G·U]: required for a cell whose kernel table row has one (the reset-after
 *   GRU), refused for the others.
 */
export function fusedSequence(
  sequenceKernel: SequenceKernel,
  cell: KernelCell,
  x: tf.Tensor3D | EmbeddedTokens,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  recurrentKernel: tf.Tensor2D,
  initialState: readonly tf.Tensor2D[],
  lengths?: Int32Array,
  recurrentBias?: tf.Tensor1D,
): FusedSequenceResult {
  const embedded = isEmbeddedTokens(x);
  const batch = embedded ? x.ids.shape[0] : x.shape[0];
  const inputSize = embedded ? x.table.shape[1] : x.shape[2];
  const units = recurrentKernel.shape[0];
  const width = gatesOf(cell) * units;
  const stateSize = stateSizeOf(cell);
  if (hasRecurrentBias(cell) !== (recurrentBias !== undefined)) {
    throw new RangeError(
      `fused ${cell}: ${hasRecurrentBias(cell) ? 'needs a recurrent bias' : 'takes no recurrent bias'}, got ${recurrentBias === undefined ? 'none' : `[${recurrentBias.shape}]`}`,
    );
  }
  const inputOk = embedded
    ? x.table.rank === 2 && x.table.dtype === 'float32' && x.ids.rank === 2 && x.ids.dtype === 'int32'
    : x.dtype === 'float32';
  if (
    (recurrentBias !== undefined && (recurrentBias.rank !== 1 || recurrentBias.shape[0] !== width)) ||
    !inputOk ||
    kernel.shape[0] !== inputSize ||
    kernel.shape[1] !== width ||
    bias.shape[0] !== width ||
    recurrentKernel.shape[1] !== width ||
    initialState.length !== stateSize ||
    initialState.some((state) => state.rank !== 2 || state.shape[0] !== batch || state.shape[1] !== units)
  ) {
    const given = embedded
      ? `table [${x.table.shape}] ${x.table.dtype}, ids [${x.ids.shape}] ${x.ids.dtype}`
      : `x [${x.shape}] ${x.dtype}`;
    throw new RangeError(
      `fused ${cell}: ${given}, kernel [${kernel.shape}], bias [${bias.shape}], recurrent kernel [${recurrentKernel.shape}]${recurrentBias === undefined ? '' : `, recurrent bias [${recurrentBias.shape}]`} and ${initialState.length} state tensor(s) do not fit together`,
    );
  }
  kernels.set(sequenceKernel.name, sequenceKernel);
  const attrs: FusedAttrs = {
    cell,
    kernel: sequenceKernel.name,
    lengths: lengths === undefined ? null : Array.from(lengths),
    saved: {},
  };
  return tf.tidy(() => {
    const [outputs, ...state] = runHostKernel(
      embedded ? fusedEmbeddedSequenceKernelName : fusedSequenceKernelName,
      forwardKernel,
      embedded ? embeddedGradient : denseGradient,
      {
        ...(embedded ? { table: x.table, ids: x.ids } : { x }),
        kernel,
        bias,
        recurrentKernel,
        ...Object.fromEntries(initialState.map((t, i) => [`state${i}`, t])),
        ...(recurrentBias === undefined ? {} : { recurrentBias }),
      },
      { ...attrs },
    ) as tf.Tensor[];
    return { outputs: outputs as tf.Tensor3D, state: state as tf.Tensor2D[] };
  });
}
