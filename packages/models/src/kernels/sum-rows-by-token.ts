import { hostMatMul } from './host-gemm';
import { hostSgemmProvider } from './kernel-registry';

/**
 * The largest vocabulary for which the one-hot product is cheaper than the loop: the product does
 * 2·vocab flops per element summed, at tens of GFLOP/s on the native SGEMM's two threads, where
 * V8's float32 loop costs about 4 ns per element.
 */
const oneHotProductMaxVocab = 128;

/**
 * out[v] = Σ of the rows r of `values` [rows, width] with ids[r] = v, for v < vocab: the gradient of
 * a table whose rows were gathered by `ids` (the embedding folded into a recurrent layer's input
 * projection). With the native SGEMM and a small vocabulary it is the product onehot(ids)ᵀ·values,
 * else a loop over the rows.
 */
export function sumRowsByToken(ids: Int32Array, values: Float32Array, width: number, vocab: number): Float32Array {
  const rows = ids.length;
  if (hostSgemmProvider() === 'native' && vocab <= oneHotProductMaxVocab) {
    const oneHot = new Float32Array(rows * vocab);
    for (let row = 0; row < rows; row++) oneHot[row * vocab + ids[row]] = 1;
    return hostMatMul(oneHot, values, vocab, rows, width, true, false);
  }
  const out = new Float32Array(vocab * width);
  for (let row = 0; row < rows; row++) {
    const to = ids[row] * width;
    const from = row * width;
    for (let j = 0; j < width; j++) out[to + j] += values[from + j];
  }
  return out;
}
