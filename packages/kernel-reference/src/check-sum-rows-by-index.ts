import type { SumRowsByIndex } from '@rnn/kernel-abi';
import { expectClose } from './check-kernel';
import { randomArray, seededRandom } from './reference';

/**
 * `sum` against the definition out[ids[r]] += values[r] on ids that repeat, skip rows of the table
 * and come in any order; what `out` held is added to, and `values` is left as it was.
 */
export function checkSumRowsByIndex(sum: SumRowsByIndex): void {
  const random = seededRandom(12);
  for (const [rows, width, vocab] of [
    [1, 1, 1],
    [7, 3, 4],
    [50, 17, 6],
    [33, 130, 40],
    [0, 5, 3],
  ]) {
    const ids = Int32Array.from({ length: rows }, (_, r) => (r * 7 + 3) % vocab);
    const values = randomArray(random, rows * width);
    const before = values.slice();
    const out = randomArray(random, vocab * width);
    const expected = Float64Array.from(out);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < width; j++) expected[ids[r] * width + j] += values[r * width + j];
    sum(ids, values, rows, width, out);
    expectClose(out, expected, `sumRowsByIndex rows ${rows}, width ${width}, vocab ${vocab}`);
    expectClose(values, before, 'sumRowsByIndex values', 0, 0);
  }
}
