import { hostSumRowsByIndex } from './kernel-registry';

/**
 * out[v] = Σ of the rows r of `values` [rows, width] with ids[r] = v, for v < vocab: the gradient of
 * a table whose rows were gathered by `ids` (the embedding folded into a recurrent layer's input
 * projection), on the first provider offering it. The ids must be in 0..vocab−1.
 */
export function sumRowsByToken(ids: Int32Array, values: Float32Array, width: number, vocab: number): Float32Array {
  const out = new Float32Array(vocab * width);
  hostSumRowsByIndex()(ids, values, ids.length, width, out);
  return out;
}
