import { loadNativeKernels, unloadNativeKernels } from './load-native-kernels';
import { columnSums, hostAffine, hostMatMul } from './host-gemm';

const nativeLoaded = loadNativeKernels().loaded;
unloadNativeKernels();

/** A[i][j] of a row-major matrix stored as [rows, cols], or transposed storage. */
const at = (m: Float32Array, cols: number, i: number, j: number) => m[i * cols + j];

function naive(a: Float32Array, b: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++)
      for (let p = 0; p < k; p++)
        c[i * n + j] += (transA ? at(a, m, p, i) : at(a, k, i, p)) * (transB ? at(b, k, j, p) : at(b, n, p, j));
  return c;
}

const draw = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 13.7 + i * 0.91));

function expectClose(actual: Float32Array, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= 1e-4 * Math.max(1, Math.abs(expected[i])))) {
      throw new Error(`[${i}] = ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

describe.each(nativeLoaded ? ['portable loops', 'native SGEMM'] : ['portable loops'])('host products on %s', (mode) => {
  beforeAll(() => {
    if (mode === 'native SGEMM') loadNativeKernels();
  });
  afterAll(() => unloadNativeKernels());

  const shapes: [number, number, number, boolean, boolean][] = [
    [1, 1, 1, false, false],
    [7, 5, 3, false, false],
    [6, 9, 4, true, false],
    [5, 3, 8, false, true],
  ];

  it.each(shapes)(
    'm %i k %i n %i (transA %s, transB %s): overwrites or accumulates into a given array',
    (m, k, n, tA, tB) => {
      const a = draw(m * k, 1);
      const b = draw(k * n, 2);
      const expected = naive(a, b, m, k, n, tA, tB);
      expectClose(hostMatMul(a, b, m, k, n, tA, tB), expected);
      const into = new Float32Array(m * n).fill(Number.NaN);
      expect(hostMatMul(a, b, m, k, n, tA, tB, { into })).toBe(into);
      expectClose(into, expected);
      const start = draw(m * n, 3);
      const sum = hostMatMul(a, b, m, k, n, tA, tB, { into: start.slice(), accumulate: true });
      expectClose(
        sum,
        Array.from(expected, (v, i) => v + start[i]),
      );
    },
  );

  it('hostAffine adds the bias to every row, for any row count', () => {
    for (const rows of [1, 2, 3, 5, 8, 13]) {
      const x = draw(rows * 4, 4);
      const w = draw(4 * 6, 5);
      const b = draw(6, 6);
      const product = naive(x, w, rows, 4, 6, false, false);
      expectClose(
        hostAffine(x, w, b, rows, 4, 6, new Float32Array(rows * 6).fill(Number.NaN)),
        Array.from(product, (v, i) => v + b[i % 6]),
      );
    }
  });

  it('columnSums sums each column over the rows', () => {
    const values = draw(11 * 5, 7);
    const expected = Array.from({ length: 5 }, (_, j) => {
      let s = 0;
      for (let r = 0; r < 11; r++) s += values[r * 5 + j];
      return s;
    });
    expectClose(columnSums(values, 11, 5), expected);
    expectClose(columnSums(values.subarray(0, 5), 1, 5), values.subarray(0, 5));
  });
});
