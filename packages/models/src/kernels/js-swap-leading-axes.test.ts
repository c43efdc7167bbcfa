import { jsSwapLeadingAxes } from './js-swap-leading-axes';

describe('jsSwapLeadingAxes', () => {
  // Rows of one float, short rows (element copies) and long ones (block copies), and an empty side.
  it.each([
    [1, 1, 1],
    [5, 1, 2],
    [33, 40, 1],
    [4, 6, 16],
    [3, 5, 130],
    [0, 4, 2],
  ])('copies [%i, %i, %i] into [n1, n0, inner] and writes nothing past it', (n0, n1, inner) => {
    const n = n0 * n1 * inner;
    const from = Float32Array.from({ length: n }, (_, i) => i + 0.5);
    const to = new Float32Array(n + 1).fill(NaN);
    to[n] = 42;
    jsSwapLeadingAxes(from, to, n0, n1, inner);
    for (let i = 0; i < n0; i++)
      for (let j = 0; j < n1; j++)
        for (let k = 0; k < inner; k++) expect(to[(j * n0 + i) * inner + k]).toBe(from[(i * n1 + j) * inner + k]);
    expect(to[n]).toBe(42);
  });
});
