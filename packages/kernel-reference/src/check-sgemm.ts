// Holds a compiled SGEMM to the float64 reference product: shapes, alpha and beta, views, batches.
// Plain throws, no test framework.
import type { Sgemm } from '@rnn/kernel-abi';
import { expectClose } from './check-kernel';
import { randomArray, referenceMatMul, seededRandom } from './reference';

/** Odd sizes, tails of every width, k beyond a cache block, and k = 0. */
export const sgemmShapes: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [1, 17, 3],
  [5, 1, 9],
  [7, 13, 5],
  [6, 16, 256],
  [13, 35, 257],
  [37, 19, 70],
  [130, 33, 20],
  [67, 9, 600],
  [4, 6, 0],
  // Thin products (one column, or a few inner steps), which a kernel may run outside its tiles.
  [19, 1, 40],
  [8, 1, 3],
  [40, 21, 1],
  [33, 7, 4],
  [3, 70, 2],
];

/** c = 0.5·op(a)·op(b) − 2·c on every shape (m, n, k), against the reference. */
export function checkSgemmShapes(
  sgemm: Sgemm,
  transA: boolean,
  transB: boolean,
  shapes: readonly (readonly [number, number, number])[] = sgemmShapes,
): void {
  const random = seededRandom(7);
  for (const [m, n, k] of shapes) {
    const a = randomArray(random, m * k);
    const b = randomArray(random, k * n);
    const c = randomArray(random, m * n);
    const expected = referenceMatMul(transA, transB, m, n, k, a, b).map((v, i) => 0.5 * v - 2 * c[i]);
    sgemm(transA, transB, m, n, k, 0.5, a, b, -2, c);
    expectClose(c, expected, `sgemm ${m}x${n}x${k} transA=${transA} transB=${transB}`);
  }
}

/** With beta = 0, what C held (NaN included) is ignored; operands are views at byte offsets. */
export function checkSgemmViews(sgemm: Sgemm): void {
  const [m, n, k] = [3, 5, 4];
  const backing = randomArray(seededRandom(8), 100);
  const a = backing.subarray(7, 7 + m * k);
  const b = backing.subarray(31, 31 + k * n);
  const c = new Float32Array(m * n + 3).fill(NaN).subarray(3);
  sgemm(false, false, m, n, k, 1, a, b, 0, c);
  expectClose(c, referenceMatMul(false, false, m, n, k, a, b), 'view sgemm');
}

/** Batches, a stride of 0 broadcasting one operand, and the gaps between C's products left alone. */
export function checkSgemmBatches(sgemm: Sgemm): void {
  const random = seededRandom(9);
  const [batch, m, n, k] = [5, 7, 9, 11];
  const a = randomArray(random, batch * m * k);
  const b = randomArray(random, k * n);
  const strideC = m * n + 2;
  const c = new Float32Array(batch * strideC).fill(42);
  sgemm(false, true, m, n, k, 1, a, b, 0, c, batch, m * k, 0, strideC);
  for (let i = 0; i < batch; i++) {
    const expected = referenceMatMul(false, true, m, n, k, a.subarray(i * m * k, (i + 1) * m * k), b);
    expectClose(c.subarray(i * strideC, i * strideC + m * n), expected, `batch ${i}`);
    const gap = c.subarray(i * strideC + m * n, Math.min((i + 1) * strideC, c.length));
    if (i < batch - 1 && !gap.every((v) => v === 42))
      throw new Error(`batch ${i}: the gap after its product was written`);
  }
}
