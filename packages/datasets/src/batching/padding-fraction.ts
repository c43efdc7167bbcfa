import { checkInteger } from '../validate';

/**
 * The fraction of padded steps when each batch is padded to its own longest sequence:
 * `sum(batch size * longest - sum of lengths) / sum(batch size * longest)` over the batches. 0 means
 * no step is wasted on padding.
 */
export function paddingFraction(lengths: ArrayLike<number>, batches: readonly ArrayLike<number>[]): number {
  let total = 0;
  let real = 0;
  for (const [k, batch] of batches.entries()) {
    let longest = 0;
    for (let b = 0; b < batch.length; b++) {
      const i = checkInteger('paddingFraction', `batches[${k}][${b}]`, batch[b], 0, lengths.length - 1);
      longest = Math.max(longest, lengths[i]);
      real += lengths[i];
    }
    total += longest * batch.length;
  }
  return total === 0 ? 0 : (total - real) / total;
}
