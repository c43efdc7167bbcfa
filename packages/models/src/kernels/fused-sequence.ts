import * as tf from '@tensorflow/tfjs';
import { columnSums, hostAffine, hostMatMul } from './host-gemm';
import { readFloats, runHostKernel, type HostIo } from './host-kernel';
import { returnScratch, takeScratch } from './scratch-buffers';
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
  /** The inputs, time-major [T·B, I]: the left operand of dW. */
  readonly inputs: Float32Array;
  readonly savedInputs: Float32Array;
  readonly savedGates: Float32Array;
}

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

/**
 * Swaps the two leading axes of a [n0, n1, inner] array into `to` ([n1, n0, inner]): row copies, far
 * cheaper than tfjs's element-wise transpose on the cpu backend.
 */
function swapLeadingAxes(from: Float32Array, to: Float32Array, n0: number, n1: number, inner: number): void {
  for (let i = 0; i < n0; i++) {
    for (let j = 0; j < n1; j++) {
      const src = (i * n1 + j) * inner;
      const dst = (j * n0 + i) * inner;
      // A view per short row costs more than copying it.
      if (inner < 64) for (let k = 0; k < inner; k++) to[dst + k] = from[src + k];
      else to.set(from.subarray(src, src + inner), dst);
    }
  }
}

/** Rows of a [S, B, U] array as S views of [B, U]. */
const views = (values: Float32Array, count: number, block: number): Float32Array[] =>
  Array.from({ length: count }, (_, i) => values.subarray(i * block, (i + 1) * block));

/** Whether a gradient tape is recording (tfjs keeps no public flag; its engine state says so). */
const recordingGradients = (): boolean =>
  (tf.engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth > 0;

/**
 * Forward: x [B, T, I], kernel [I, G·U], bias [G·U], recurrentKernel [U, G·U], initialState
 * [S, B, U], and recurrentBias [G·U] for a cell that has one; outputs [B, T, U] and finalState
 * [S, B, U]. The input projection of all T steps is one matrix product into a time-major scratch
 * buffer, where the recurrence kernel reads it; what the backward pass needs goes to
 * `savedForBackward` when a gradient tape is recording.
 */
function forwardKernel(
  inputs: Record<string, tf.TensorInfo>,
  io: HostIo,
  attrs: Record<string, unknown>,
): tf.TensorInfo[] {
  const { cell, kernel: kernelName, lengths, saved } = attrs as unknown as FusedAttrs;
  const { x, kernel, bias, recurrentKernel, initialState, recurrentBias } = inputs;
  const [batch, time, inputSize] = x.shape;
  const units = recurrentKernel.shape[0];
  const width = gatesOf(cell) * units;
  const stateSize = stateSizeOf(cell);
  const block = batch * units;
  const rows = time * batch;
  const inputsTimeMajor = takeScratch(rows * inputSize);
  swapLeadingAxes(io.readFloat(x), inputsTimeMajor, batch, time, inputSize);
  const projected = hostAffine(
    inputsTimeMajor,
    io.readFloat(kernel),
    io.readFloat(bias),
    rows,
    inputSize,
    width,
    takeScratch(rows * width),
  );
  const outputs = takeScratch(time * block);
  const finalState = new Float32Array(stateSize * block);
  const savedInputs = takeScratch(time * block);
  const savedGates = takeScratch(rows * savedGatesWidth(cell, units));
  kernels.get(kernelName)!.forward({
    cell,
    time,
    batch,
    units,
    projected,
    recurrentKernel: io.readFloat(recurrentKernel),
    ...(recurrentBias === undefined ? {} : { recurrentBias: io.readFloat(recurrentBias) }),
    initialState: views(io.readFloat(initialState), stateSize, block),
    lengths: lengths === null ? undefined : Int32Array.from(lengths),
    outputs,
    finalState: views(finalState, stateSize, block),
    savedInputs,
    savedGates,
  });
  const outputsBatchMajor = new Float32Array(time * block);
  swapLeadingAxes(outputs, outputsBatchMajor, time, batch, units);
  returnScratch(projected, outputs);
  const outputsInfo = io.write([batch, time, units], outputsBatchMajor);
  if (recordingGradients()) {
    savedForBackward.set(saved, { inputs: inputsTimeMajor, savedInputs, savedGates });
  } else {
    returnScratch(inputsTimeMajor, savedInputs, savedGates);
  }
  return [outputsInfo, io.write([stateSize, batch, units], finalState)];
}

/**
 * Backpropagation through time in one kernel call, from the saved gates (no recomputation), then
 * the input projection's gradients as two matrix products and a column sum over all steps.
 */
const fusedSequenceGradient: Omit<tf.GradConfig, 'kernelName'> = {
  inputsToSave: ['kernel', 'recurrentKernel', 'initialState'],
  outputsToSave: [true, false],
  gradFunc: (dys, saved, attrs) => {
    const { cell, kernel: kernelName, lengths, saved: key } = attrs as unknown as FusedAttrs;
    const [dOutputs, dFinalState] = dys as tf.Tensor[];
    const [kernel, recurrentKernel, initialState, outputs] = saved;
    const [batch, time, units] = outputs.shape;
    const inputSize = kernel.shape[0];
    const kept = savedForBackward.get(key);
    if (kept === undefined) {
      throw new Error(
        'fused sequence gradient: the forward pass kept nothing for this output (or it was used already)',
      );
    }
    savedForBackward.delete(key);
    const { inputs, savedInputs, savedGates } = kept;
    const width = gatesOf(cell) * units;
    const stateSize = stateSizeOf(cell);
    const block = batch * units;
    const rows = time * batch;
    const outputsGrad = takeScratch(time * block);
    swapLeadingAxes(readFloats(dOutputs), outputsGrad, batch, time, units);
    const projectedGrad = takeScratch(rows * width);
    const recurrentKernelGrad = new Float32Array(units * width);
    const withBias = hasRecurrentBias(cell);
    const recurrentBiasGrad = new Float32Array(withBias ? width : 0);
    const initialStateGrad = new Float32Array(stateSize * block);
    kernels.get(kernelName)!.backward({
      cell,
      time,
      batch,
      units,
      recurrentKernel: readFloats(recurrentKernel),
      initialState: views(readFloats(initialState), stateSize, block),
      lengths: lengths === null ? undefined : Int32Array.from(lengths),
      savedInputs,
      savedGates,
      outputsGrad,
      finalStateGrad: views(readFloats(dFinalState), stateSize, block),
      projectedGrad,
      recurrentKernelGrad,
      ...(withBias ? { recurrentBiasGrad } : {}),
      initialStateGrad: views(initialStateGrad, stateSize, block),
    });
    returnScratch(outputsGrad, savedInputs, savedGates);
    const kernelGrad = hostMatMul(inputs, projectedGrad, inputSize, rows, width, true, false);
    const biasGrad = columnSums(projectedGrad, rows, width);
    const xGradTimeMajor = hostMatMul(projectedGrad, readFloats(kernel), rows, width, inputSize, false, true, {
      into: inputs,
    });
    const xGrad = new Float32Array(rows * inputSize);
    swapLeadingAxes(xGradTimeMajor, xGrad, time, batch, inputSize);
    returnScratch(projectedGrad, xGradTimeMajor);
    const grads = {
      x: tf.tensor3d(xGrad, [batch, time, inputSize]),
      kernel: tf.tensor2d(kernelGrad, [inputSize, width]),
      bias: tf.tensor1d(biasGrad),
      recurrentKernel: tf.tensor2d(recurrentKernelGrad, [units, width]),
      initialState: tf.tensor3d(initialStateGrad, [stateSize, batch, units]),
    };
    const recurrentBias = withBias ? tf.tensor1d(recurrentBiasGrad) : undefined;
    return {
      x: () => grads.x,
      kernel: () => grads.kernel,
      bias: () => grads.bias,
      recurrentKernel: () => grads.recurrentKernel,
      initialState: () => grads.initialState,
      ...(recurrentBias ? { recurrentBias: () => recurrentBias } : {}),
    };
  },
};

/**
 * Runs a whole recurrence as one differentiable tfjs op backed by a fused {@link SequenceKernel}: a
 * kernel registered with tfjs (on the current backend, which must keep tensors in host memory) and
 * its gradient, so models, optimizers and save/load see an ordinary op. The op includes the input
 * projection x·W + b of every step, so that neither it nor its gradient ever becomes a tensor.
 *
 * @param x the inputs, [B, T, I].
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
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  recurrentKernel: tf.Tensor2D,
  initialState: readonly tf.Tensor2D[],
  lengths?: Int32Array,
  recurrentBias?: tf.Tensor1D,
): FusedSequenceResult {
  const [batch, , inputSize] = x.shape;
  const units = recurrentKernel.shape[0];
  const width = gatesOf(cell) * units;
  const stateSize = stateSizeOf(cell);
  if (hasRecurrentBias(cell) !== (recurrentBias !== undefined)) {
    throw new RangeError(
      `fused ${cell}: ${hasRecurrentBias(cell) ? 'needs a recurrent bias' : 'takes no recurrent bias'}, got ${recurrentBias === undefined ? 'none' : `[${recurrentBias.shape}]`}`,
    );
  }
  if (
    (recurrentBias !== undefined && (recurrentBias.rank !== 1 || recurrentBias.shape[0] !== width)) ||
    x.dtype !== 'float32' ||
    kernel.shape[0] !== inputSize ||
    kernel.shape[1] !== width ||
    bias.shape[0] !== width ||
    recurrentKernel.shape[1] !== width ||
    initialState.length !== stateSize
  ) {
    throw new RangeError(
      `fused ${cell}: x [${x.shape}] ${x.dtype}, kernel [${kernel.shape}], bias [${bias.shape}], recurrent kernel [${recurrentKernel.shape}]${recurrentBias === undefined ? '' : `, recurrent bias [${recurrentBias.shape}]`} and ${initialState.length} state tensor(s) do not fit together`,
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
    const [outputs, finalState] = runHostKernel(
      fusedSequenceKernelName,
      forwardKernel,
      fusedSequenceGradient,
      {
        x,
        kernel,
        bias,
        recurrentKernel,
        initialState: tf.stack(initialState as tf.Tensor2D[]),
        ...(recurrentBias === undefined ? {} : { recurrentBias }),
      },
      { ...attrs },
    ) as tf.Tensor[];
    // Not tf.split/unstack for one tensor: their tfjs 4.22 gradients fail with a single output.
    const state = (
      stateSize === 1 ? [tf.reshape(finalState, [batch, units])] : tf.unstack(finalState, 0)
    ) as tf.Tensor2D[];
    return { outputs: outputs as tf.Tensor3D, state };
  });
}
