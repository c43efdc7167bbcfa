import { keepOnly, rankByProbability } from './ranking';

/**
 * Checks a top-k value: an integer >= 1, or `Infinity` for no limit (any k at least the vocabulary
 * size keeps everything).
 *
 * @throws RangeError naming `topK` and the allowed values.
 */
export function checkTopK(topK: number): void {
  if (topK !== Infinity && (!Number.isInteger(topK) || topK < 1)) {
    throw new RangeError(`topK must be an integer >= 1 (or Infinity for no limit), got ${String(topK)}`);
  }
}

/**
 * The distribution restricted to the `k` most likely tokens and renormalised (ties: lower id first, so
 * exactly `min(k, vocabulary)` ids survive). Returns a new array.
 */
export function keepTopK(probabilities: ArrayLike<number>, k: number): Float64Array {
  checkTopK(k);
  if (k >= probabilities.length) return keepOnly(probabilities, rankByProbability(probabilities));
  return keepOnly(probabilities, rankByProbability(probabilities).subarray(0, k));
}
