/**
 * How one smoothing turns the counts along a context's trie path into next-symbol probabilities.
 * The model walks the context once (`walkContext`) and hands the path to the estimator.
 *
 * - `path[0..depth]`: the trie node of each suffix length the walk reached (a leaf repeats for its
 *   implicit deeper contexts); `depth` is the longest suffix of the history seen in training.
 * - `available`: how many symbols of history there were (the context is the last min(available,
 *   order) of them); the walk stops early when the context was never seen.
 */
export interface Estimator {
  /** P(x | context). */
  probability(path: Int32Array, depth: number, available: number, x: number): number;
  /** Writes P(. | context) for every symbol into `out[offset .. offset + vocabSize)`. */
  distribution(path: Int32Array, depth: number, available: number, out: Float64Array, offset: number): void;
}
