import type { SwapLeadingAxes } from '@rnn/kernel-abi';
import { expectClose } from './check-kernel';
import { randomArray, seededRandom } from './reference';

/** Shapes of the layout copy: single rows and columns, rows of one float, short rows and long ones. */
export const swapShapes: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [1, 7, 3],
  [5, 1, 2],
  [33, 40, 1],
  [4, 6, 16],
  [3, 5, 130],
  [0, 4, 2],
];

/**
 * `swap` against the definition to[j][i][:] = from[i][j][:], writing only its n0·n1·inner elements
 * (a sentinel past them stays), and leaving `from` as it was; operands may be views at offsets.
 */
export function checkSwapLeadingAxes(swap: SwapLeadingAxes): void {
  const random = seededRandom(11);
  for (const [n0, n1, inner] of swapShapes) {
    const n = n0 * n1 * inner;
    const backing = randomArray(random, n + 3);
    const from = backing.subarray(3);
    const before = from.slice();
    const to = new Float32Array(n + 2).fill(NaN).subarray(1);
    to[n] = 42;
    swap(from, to, n0, n1, inner);
    const expected = new Float32Array(n);
    for (let i = 0; i < n0; i++)
      for (let j = 0; j < n1; j++)
        for (let k = 0; k < inner; k++) expected[(j * n0 + i) * inner + k] = from[(i * n1 + j) * inner + k];
    expectClose(to.subarray(0, n), expected, `swap [${n0}, ${n1}, ${inner}]`, 0, 0);
    if (to[n] !== 42) throw new Error(`swap [${n0}, ${n1}, ${inner}] wrote past its ${n} elements`);
    expectClose(from, before, `swap [${n0}, ${n1}, ${inner}] input`, 0, 0);
  }
}
