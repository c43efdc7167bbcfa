import { zerosFloat32, type Float32Tensor } from '../tensor';
import { checkInteger } from '../validate';

/**
 * The `[lengths.length, steps]` mask of a padded batch: 1 where `t < lengths[i]` (a real step, the
 * stop symbol included when the task has one), 0 on padding. Losses average over the 1s only.
 */
export function maskFromLengths(lengths: ArrayLike<number>, steps: number): Float32Tensor {
  checkInteger('maskFromLengths', 'steps', steps, 0);
  const mask = zerosFloat32([lengths.length, steps]);
  for (let i = 0; i < lengths.length; i++) {
    const length = checkInteger('maskFromLengths', `lengths[${i}]`, lengths[i], 0, steps);
    mask.data.fill(1, i * steps, i * steps + length);
  }
  return mask;
}
