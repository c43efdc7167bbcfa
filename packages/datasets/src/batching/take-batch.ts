import type { Dataset } from '../dataset';
import { shapeSize, type Float32Tensor, type TypedTensor } from '../tensor';
import { checkInteger } from '../validate';
import { maskFromLengths } from './mask-from-lengths';

/** A batch of examples, padded only to the longest example it holds. */
export interface Batch {
  /** Which examples of the data set, in batch order. */
  readonly indices: Int32Array;
  /** `[batch, steps, ...]` inputs, `steps` = the longest of `lengths`. */
  readonly inputs: TypedTensor;
  /** Real input steps per example (stop symbol included). */
  readonly lengths: Int32Array;
  /** `[batch, steps]`: 1 on real input steps. */
  readonly mask: Float32Tensor;
  /** `[batch]` labels, or `[batch, targetSteps, ...]` sequences. */
  readonly targets: TypedTensor;
  /** Real target steps per example, for sequence targets. */
  readonly targetLengths?: Int32Array;
  /** `[batch, targetSteps]`: 1 where a target step counts, for sequence targets. */
  readonly targetMask?: Float32Tensor;
}

/**
 * Gathers rows `indices` of a tensor whose axis 0 is the example, keeping only the first `steps`
 * entries of axis 1 (the padding beyond the batch's longest example is dropped).
 */
export function gatherRows<T extends TypedTensor>(tensor: T, indices: ArrayLike<number>, steps?: number): T {
  const [count, fullSteps = 1, ...rest] = tensor.shape;
  const keep = steps ?? fullSteps;
  const inner = shapeSize(rest);
  const rowSize = fullSteps * inner;
  const outRow = tensor.shape.length === 1 ? 1 : keep * inner;
  const Ctor = tensor.data.constructor as new (n: number) => T['data'];
  const data = new Ctor(indices.length * outRow);
  for (let b = 0; b < indices.length; b++) {
    const i = checkInteger('takeBatch', `indices[${b}]`, indices[b], 0, count - 1);
    data.set(tensor.data.subarray(i * rowSize, i * rowSize + outRow), b * outRow);
  }
  const shape = tensor.shape.length === 1 ? [indices.length] : [indices.length, keep, ...rest];
  return { data, shape } as unknown as T;
}

function gatherLengths(lengths: Int32Array, indices: Int32Array): { lengths: Int32Array; longest: number } {
  const out = new Int32Array(indices.length);
  let longest = 0;
  for (let b = 0; b < indices.length; b++) {
    out[b] = lengths[indices[b]];
    longest = Math.max(longest, out[b]);
  }
  return { lengths: out, longest };
}

/**
 * The examples `indices` of `dataset` as one batch, trimmed to the batch's own longest input (and
 * longest target), so a batch of short sequences carries no padding for the data set's longest one.
 */
export function takeBatch(dataset: Dataset, indices: ArrayLike<number>): Batch {
  const idx = Int32Array.from(indices);
  if (idx.length === 0) throw new RangeError('takeBatch: indices must hold at least one example index');
  idx.forEach((i, b) => checkInteger('takeBatch', `indices[${b}]`, i, 0, dataset.size - 1));
  const input = gatherLengths(dataset.lengths, idx);
  const batch = {
    indices: idx,
    inputs: gatherRows(dataset.inputs, idx, input.longest),
    lengths: input.lengths,
    mask: maskFromLengths(input.lengths, input.longest),
  };
  if (dataset.targetLengths === undefined) return { ...batch, targets: gatherRows(dataset.targets, idx) };
  const target = gatherLengths(dataset.targetLengths, idx);
  // The target mask is gathered, not rebuilt: a task may weight only some real steps.
  const targetMask = dataset.targetMask ? gatherRows(dataset.targetMask, idx, target.longest) : undefined;
  return {
    ...batch,
    targets: gatherRows(dataset.targets, idx, target.longest),
    targetLengths: target.lengths,
    targetMask: targetMask ?? maskFromLengths(target.lengths, target.longest),
  };
}
