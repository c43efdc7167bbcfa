import * as tf from '@tensorflow/tfjs';
import { readFloats, runHostKernel, type HostIo } from './host-kernel';
import { gatesOf, savedGatesWidth, stateSizeOf, type KernelCell, type SequenceKernel } from './sequence-kernel';

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
}

/**
 * What the backward pass reads, by the forward outputs' data: kept as plain arrays beside the tape
 * rather than as extra outputs, for which tfjs would allocate zero gradients on every backward
 * pass. The entry goes away with the outputs' data (a WeakMap on tfjs's DataId).
 */
const savedForBackward = new WeakMap<object, { savedInputs: Float32Array; savedGates: Float32Array }>();

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

/**
 * Forward: inputs projected [B, T, G·U], recurrentKernel [U, G·U], initialState [S, B, U]; outputs
 * outputs [B, T, U] and finalState [S, B, U]. What the backward pass reads (the state entering each
 * step and the saved gates) goes to `savedForBackward`. The kernel itself works time-major.
 */
function forwardKernel(
  inputs: Record<string, tf.TensorInfo>,
  io: HostIo,
  attrs: Record<string, unknown>,
): tf.TensorInfo[] {
  const { cell, kernel, lengths } = attrs as unknown as FusedAttrs;
  const { projected: projectedInfo, recurrentKernel, initialState } = inputs;
  const [batch, time, width] = projectedInfo.shape;
  const units = recurrentKernel.shape[0];
  const stateSize = stateSizeOf(cell);
  const block = batch * units;
  const projected = new Float32Array(time * batch * width);
  swapLeadingAxes(io.readFloat(projectedInfo), projected, batch, time, width);
  const outputs = new Float32Array(time * block);
  const finalState = new Float32Array(stateSize * block);
  const savedInputs = new Float32Array(time * block);
  const savedGates = new Float32Array(time * batch * savedGatesWidth(cell, units));
  kernels.get(kernel)!.forward({
    cell,
    time,
    batch,
    units,
    projected,
    recurrentKernel: io.readFloat(recurrentKernel),
    initialState: views(io.readFloat(initialState), stateSize, block),
    lengths: lengths === null ? undefined : Int32Array.from(lengths),
    outputs,
    finalState: views(finalState, stateSize, block),
    savedInputs,
    savedGates,
  });
  const outputsBatchMajor = new Float32Array(time * block);
  swapLeadingAxes(outputs, outputsBatchMajor, time, batch, units);
  const outputsInfo = io.write([batch, time, units], outputsBatchMajor);
  savedForBackward.set(outputsInfo.dataId, { savedInputs, savedGates });
  return [outputsInfo, io.write([stateSize, batch, units], finalState)];
}

/** Backpropagation through time in one kernel call, from the saved gates; no recomputation. */
const fusedSequenceGradient: Omit<tf.GradConfig, 'kernelName'> = {
  inputsToSave: ['recurrentKernel', 'initialState'],
  outputsToSave: [true, false],
  gradFunc: (dys, saved, attrs) => {
    const { cell, kernel, lengths } = attrs as unknown as FusedAttrs;
    const [dOutputs, dFinalState] = dys as tf.Tensor[];
    const [recurrentKernel, initialState, outputs] = saved;
    const [batch, time, units] = outputs.shape;
    const kept = savedForBackward.get(outputs.dataId);
    if (kept === undefined) throw new Error('fused sequence gradient: the forward pass kept nothing for this output');
    const { savedInputs, savedGates } = kept;
    const width = gatesOf(cell) * units;
    const stateSize = stateSizeOf(cell);
    const block = batch * units;
    const outputsGrad = new Float32Array(time * block);
    swapLeadingAxes(readFloats(dOutputs), outputsGrad, batch, time, units);
    const projectedGrad = new Float32Array(time * batch * width);
    const recurrentKernelGrad = new Float32Array(units * width);
    const initialStateGrad = new Float32Array(stateSize * block);
    kernels.get(kernel)!.backward({
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
      initialStateGrad: views(initialStateGrad, stateSize, block),
    });
    const projectedGradBatchMajor = new Float32Array(time * batch * width);
    swapLeadingAxes(projectedGrad, projectedGradBatchMajor, time, batch, width);
    const grads = {
      projected: tf.tensor3d(projectedGradBatchMajor, [batch, time, width]),
      recurrentKernel: tf.tensor2d(recurrentKernelGrad, [units, width]),
      initialState: tf.tensor3d(initialStateGrad, [stateSize, batch, units]),
    };
    return {
      projected: () => grads.projected,
      recurrentKernel: () => grads.recurrentKernel,
      initialState: () => grads.initialState,
    };
  },
};

/**
 * Runs a whole recurrence as one differentiable tfjs op backed by a fused {@link SequenceKernel}: a
 * kernel registered with tfjs (on the current backend, which must keep tensors in host memory) and
 * its gradient, so models, optimizers and save/load see an ordinary op.
 *
 * @param projected x·W + b for every step, [B, T, G·U].
 * @param recurrentKernel U, [units, G·U].
 * @param initialState the state before step 0, each [B, U].
 * @param lengths valid steps per sequence; omitted means all T.
 */
export function fusedSequence(
  kernel: SequenceKernel,
  cell: KernelCell,
  projected: tf.Tensor3D,
  recurrentKernel: tf.Tensor2D,
  initialState: readonly tf.Tensor2D[],
  lengths?: Int32Array,
): FusedSequenceResult {
  const [batch, , width] = projected.shape;
  const units = recurrentKernel.shape[0];
  const stateSize = stateSizeOf(cell);
  if (width !== gatesOf(cell) * units || recurrentKernel.shape[1] !== width || initialState.length !== stateSize) {
    throw new RangeError(
      `fused ${cell}: projected [${projected.shape}], recurrent kernel [${recurrentKernel.shape}] and ${initialState.length} state tensor(s) do not fit together`,
    );
  }
  kernels.set(kernel.name, kernel);
  const attrs: FusedAttrs = { cell, kernel: kernel.name, lengths: lengths === undefined ? null : Array.from(lengths) };
  return tf.tidy(() => {
    const [outputs, finalState] = runHostKernel(
      fusedSequenceKernelName,
      forwardKernel,
      fusedSequenceGradient,
      { projected, recurrentKernel, initialState: tf.stack(initialState as tf.Tensor2D[]) },
      { ...attrs },
    ) as tf.Tensor[];
    // Not tf.split/unstack for one tensor: their tfjs 4.22 gradients fail with a single output.
    const state = (
      stateSize === 1 ? [tf.reshape(finalState, [batch, units])] : tf.unstack(finalState, 0)
    ) as tf.Tensor2D[];
    return { outputs: outputs as tf.Tensor3D, state };
  });
}
