import { shapeSize, type Float32Tensor, type Int32Tensor } from '../tensor';
import { checkInteger } from '../validate';

/**
 * One-hot vectors of ids: shape `[...ids.shape, depth]`, 1 at each id. Id 0 (padding, stop) gets
 * its own column like any other id; multiply by the mask to silence padding if needed.
 */
export function oneHot(ids: Int32Tensor, depth: number): Float32Tensor {
  checkInteger('oneHot', 'depth', depth, 1);
  const n = shapeSize(ids.shape);
  if (ids.data.length !== n) {
    throw new RangeError(`oneHot: ids.data has ${ids.data.length} values but its shape [${ids.shape}] needs ${n}`);
  }
  const data = new Float32Array(n * depth);
  for (let i = 0; i < n; i++) {
    const id = checkInteger('oneHot', `ids.data[${i}]`, ids.data[i], 0, depth - 1);
    data[i * depth + id] = 1;
  }
  return { data, shape: [...ids.shape, depth] };
}
