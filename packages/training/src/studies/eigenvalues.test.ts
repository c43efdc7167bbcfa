import { eigenvalues, type Complex } from './eigenvalues';

/** The 2x2 rotation by `angle` scaled by `radius`: eigenvalues radius e^(+-i angle). */
const rotation = (angle: number, radius = 1) => [
  [radius * Math.cos(angle), -radius * Math.sin(angle)],
  [radius * Math.sin(angle), radius * Math.cos(angle)],
];

const multiply = (a: number[][], b: number[][]) =>
  a.map((row) => b[0].map((_, j) => row.reduce((sum, v, k) => sum + v * b[k][j], 0)));
const transpose = (a: number[][]) => a[0].map((_, j) => a.map((row) => row[j]));

/** A fixed orthogonal 4x4 matrix (a Householder reflection), to hide a block structure. */
function householder(v: number[]): number[][] {
  const norm2 = v.reduce((s, x) => s + x * x, 0);
  return v.map((vi, i) => v.map((vj, j) => (i === j ? 1 : 0) - (2 * vi * vj) / norm2));
}

/** Sorts complex numbers by real then imaginary part, to compare sets. */
const sorted = (zs: readonly Complex[]) =>
  [...zs].map(({ re, im }) => ({ re, im })).sort((u, v) => u.re - v.re || u.im - v.im);

function expectSameSet(actual: readonly Complex[], expected: readonly Complex[], digits = 9): void {
  expect(actual).toHaveLength(expected.length);
  const a = sorted(actual);
  const e = sorted(expected);
  a.forEach((z, i) => {
    expect(z.re).toBeCloseTo(e[i].re, digits);
    expect(z.im).toBeCloseTo(e[i].im, digits);
  });
}

describe('eigenvalues', () => {
  it('of a rotation: e^(+-i angle), with its modulus and angle per step', () => {
    const angle = 2 * Math.PI * 0.1;
    const [first, second] = eigenvalues(rotation(angle, 0.9));
    expect(first.modulus).toBeCloseTo(0.9, 12);
    expect(first.angle).toBeCloseTo(angle, 12);
    expect(second.angle).toBeCloseTo(-angle, 12);
    expect(first.im).toBeGreaterThan(0);
  });

  it('of a 1x1, a diagonal and a triangular matrix: their diagonals', () => {
    expectSameSet(eigenvalues([[-0.5]]), [{ re: -0.5, im: 0 }]);
    const diagonal = [
      [3, 0, 0],
      [0, -1, 0],
      [0, 0, 0.25],
    ];
    expectSameSet(
      eigenvalues(diagonal),
      [3, -1, 0.25].map((re) => ({ re, im: 0 })),
    );
    const triangular = [
      [2, 5, -7, 1],
      [0, -3, 4, 9],
      [0, 0, 0.5, 6],
      [0, 0, 0, 1],
    ];
    expectSameSet(
      eigenvalues(triangular),
      [2, -3, 0.5, 1].map((re) => ({ re, im: 0 })),
    );
    expectSameSet(
      eigenvalues(transpose(triangular)),
      [2, -3, 0.5, 1].map((re) => ({ re, im: 0 })),
    );
  });

  it('of a companion matrix: the roots of its polynomial, complex ones included', () => {
    // (x - 2)(x + 1)(x^2 - 2x + 5) = x^4 - 3x^3 + 5x^2 - x - 10: roots 2, -1, 1 +- 2i.
    const coefficients = [-3, 5, -1, -10];
    const companion = [coefficients.map((c) => -c), [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]];
    expectSameSet(eigenvalues(companion), [
      { re: 2, im: 0 },
      { re: -1, im: 0 },
      { re: 1, im: 2 },
      { re: 1, im: -2 },
    ]);
  });

  it('of two rotations hidden by an orthogonal change of basis: both pairs (what two sines need)', () => {
    const [a, b] = [2 * Math.PI * 0.1, 2 * Math.PI * 0.2];
    const blocks = [
      [...rotation(a)[0], 0, 0],
      [...rotation(a)[1], 0, 0],
      [0, 0, ...rotation(b, 0.8)[0]],
      [0, 0, ...rotation(b, 0.8)[1]],
    ];
    const q = householder([1, -2, 0.5, 3]);
    const hidden = multiply(multiply(q, blocks), transpose(q));
    const found = eigenvalues(hidden);
    expectSameSet(found, [
      { re: Math.cos(a), im: Math.sin(a) },
      { re: Math.cos(a), im: -Math.sin(a) },
      { re: 0.8 * Math.cos(b), im: 0.8 * Math.sin(b) },
      { re: 0.8 * Math.cos(b), im: -0.8 * Math.sin(b) },
    ]);
    expect(found.map((z) => z.modulus)).toEqual([1, 1, 0.8, 0.8].map((m) => expect.closeTo(m, 9)));
  });

  it('of a dense 8x8 matrix: they sum to its trace and multiply to its determinant', () => {
    // A fixed pseudo-random matrix (a linear congruential sequence), no seed machinery needed.
    let state = 12345;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const m = Array.from({ length: 8 }, () => Array.from({ length: 8 }, next));
    const found = eigenvalues(m);
    const trace = m.reduce((s, row, i) => s + row[i], 0);
    expect(found.reduce((s, z) => s + z.re, 0)).toBeCloseTo(trace, 9);
    expect(found.reduce((s, z) => s + z.im, 0)).toBeCloseTo(0, 9);
    const product = found.reduce((p, z) => ({ re: p.re * z.re - p.im * z.im, im: p.re * z.im + p.im * z.re }), {
      re: 1,
      im: 0,
    });
    expect(product.re).toBeCloseTo(determinant(m), 8);
    expect(product.im).toBeCloseTo(0, 8);
  });

  it('rejects a matrix that is not square or not finite, naming what is allowed', () => {
    expect(() => eigenvalues([])).toThrow(/matrix must be square and non-empty/);
    expect(() => eigenvalues([[1, 2]])).toThrow(/matrix must be square and non-empty/);
    expect(() => eigenvalues([[Number.NaN]])).toThrow(/finite numbers only/);
  });
});

/** The determinant by Gaussian elimination with partial pivoting. */
function determinant(matrix: number[][]): number {
  const a = matrix.map((row) => [...row]);
  const n = a.length;
  let det = 1;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (pivot !== c) {
      [a[pivot], a[c]] = [a[c], a[pivot]];
      det = -det;
    }
    det *= a[c][c];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      for (let k = c; k < n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return det;
}
