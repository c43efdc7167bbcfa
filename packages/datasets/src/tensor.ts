/**
 * A dense array of 32-bit integers (token ids, labels, bits) with its shape, row-major like a tfjs
 * tensor's values, so `tf.tensor(t.data, t.shape, 'int32')` turns it into one without a copy of logic.
 */
export interface Int32Tensor {
  /** The values, row-major; `data.length` is the product of `shape`. */
  readonly data: Int32Array;
  /** The size of each axis, outermost first, e.g. `[examples, steps]`. */
  readonly shape: readonly number[];
}

/** A dense array of 32-bit floats (features, real-valued targets, masks) with its shape, row-major. */
export interface Float32Tensor {
  /** The values, row-major; `data.length` is the product of `shape`. */
  readonly data: Float32Array;
  /** The size of each axis, outermost first, e.g. `[examples, steps, features]`. */
  readonly shape: readonly number[];
}

/** Either kind of typed tensor: integer ids and labels, or real-valued features and targets. */
export type TypedTensor = Int32Tensor | Float32Tensor;

/** The number of values a tensor of this shape holds. */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** A zero-filled integer tensor of `shape`. */
export function zerosInt32(shape: readonly number[]): Int32Tensor {
  return { data: new Int32Array(shapeSize(shape)), shape: [...shape] };
}

/** A zero-filled float tensor of `shape`. */
export function zerosFloat32(shape: readonly number[]): Float32Tensor {
  return { data: new Float32Array(shapeSize(shape)), shape: [...shape] };
}

/** Whether `t` holds integers (as opposed to floats). */
export function isInt32Tensor(t: TypedTensor): t is Int32Tensor {
  return t.data instanceof Int32Array;
}
