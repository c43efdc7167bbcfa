import { keepOnly, rankByProbability } from './ranking';

/**
 * Rounding in a running sum of probabilities can fall a hair short of `p` (0.5 + 0.3 < 0.8 in
 * floating point); without this slack the nucleus would take one token too many.
 */
const cumulativeSlack = 1e-12;

/**
 * Checks a top-p value: a number in (0, 1] (1 keeps every token).
 *
 * @throws RangeError naming `topP` and the allowed values.
 */
export function checkTopP(topP: number): void {
  if (typeof topP !== 'number' || !(topP > 0 && topP <= 1)) {
    throw new RangeError(`topP must be a number in (0, 1], got ${String(topP)}`);
  }
}

/**
 * Nucleus filtering: the smallest set of most likely tokens whose total probability reaches `p`
 * (at least one token), renormalised. `probabilities` must be normalised. Returns a new array.
 */
export function keepTopP(probabilities: ArrayLike<number>, p: number): Float64Array {
  checkTopP(p);
  const ranked = rankByProbability(probabilities);
  let cumulative = 0;
  let size = 0;
  while (size < ranked.length) {
    const q = probabilities[ranked[size]];
    if (size > 0 && q <= 0) break;
    cumulative += q;
    size++;
    if (cumulative >= p - cumulativeSlack) break;
  }
  return keepOnly(probabilities, ranked.subarray(0, size));
}
