// Holds one matrix kernel of the addon to the float64 reference, in a process of its own: the kernel
// is chosen once per process, when the addon loads (RNN_NATIVE_SIMD forces one), so native.test.ts
// runs this once per kernel the CPU has. It checks SGEMM shapes around every tile edge, views,
// batches, the fused sequence kernels (whose recurrent products use the same kernel's packing) and
// their gradients against finite differences. Plain throws, no test framework.
//
// Usage: node --conditions=@rnn/source --import tsx src/simd-path-check.testing.ts <info().simd expected>
// Prints the loaded addon's info() as one line of JSON; on a mismatch, prints it and exits 1.
import { kernelCells } from '@rnn/kernel-abi';
import {
  checkAgainstReference,
  checkFiniteDifferences,
  checkSgemmBatches,
  checkSgemmShapes,
  checkSgemmViews,
  expectClose,
  randomArray,
  randomProblem,
  referenceMatMul,
  seededRandom,
  sgemmShapes,
} from '@rnn/kernel-reference';
import { isNativeAvailable, loadNativeKernels, type NativeKernels } from './index';

/** Heights and widths one under, at and over the AVX2 (6 x 16) and AVX-512 (14 x 32) tiles and their
 * cache blocks (MC = 20 tiles of rows, NC = 192 strips), and depths over one block (KC = 256). */
const tileEdgeShapes: readonly (readonly [number, number, number])[] = [
  [13, 31, 7],
  [14, 32, 256],
  [15, 33, 257],
  [28, 64, 100],
  [29, 65, 513],
  [121, 47, 30],
  [281, 97, 40],
  [2, 6145, 3],
  [3, 3073, 5],
];

function check(native: NativeKernels): void {
  for (const [transA, transB] of [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ]) {
    checkSgemmShapes(native.sgemm, transA, transB, [...sgemmShapes, ...tileEdgeShapes]);
  }
  checkSgemmViews(native.sgemm);
  checkSgemmBatches(native.sgemm);

  // Above the 8M multiply-adds where a product is split across threads.
  const random = seededRandom(7);
  const [m, n, k] = [200, 300, 150];
  const a = randomArray(random, m * k);
  const b = randomArray(random, k * n);
  const c = new Float32Array(m * n);
  native.sgemm(false, false, m, n, k, 1, a, b, 0, c);
  expectClose(c, referenceMatMul(false, false, m, n, k, a, b), 'threaded sgemm');

  for (const cell of kernelCells) {
    for (const [T, B, U] of [
      [3, 1, 5],
      [6, 7, 17],
      [4, 15, 33],
      [5, 19, cell === 'lstm' ? 70 : 130],
    ]) {
      const problemRandom = seededRandom(T * 1000 + B * 100 + U);
      checkAgainstReference(native.sequence.kernel, randomProblem(problemRandom, cell, T, B, U, false));
      checkAgainstReference(native.sequence.kernel, randomProblem(problemRandom, cell, T, B, U, true));
    }
    checkFiniteDifferences(native.sequence.kernel, cell);
  }
}

function main(): void {
  const expected = process.argv[2];
  if (!expected) throw new Error('usage: simd-path-check.testing.ts <info().simd expected, e.g. avx2+fma>');
  const loaded = loadNativeKernels();
  if (!isNativeAvailable(loaded)) throw new Error(`the addon did not load: ${loaded.unavailable}`);
  console.log(JSON.stringify(loaded.info));
  if (loaded.info.simd !== expected) {
    throw new Error(`info().simd is ${loaded.info.simd}, expected ${expected}`);
  }
  check(loaded);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
