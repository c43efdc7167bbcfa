/** A complex number, as the eigenvalues of a real matrix come. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/**
 * An eigenvalue in the terms of a linear recurrence h_{t+1} = h_t M: its modulus (the factor by
 * which its component grows or decays per step) and its angle (the radians it turns per step).
 */
export interface DescribedEigenvalue extends Complex {
  readonly modulus: number;
  /** Radians per step in (-pi, pi]; a sine of frequency f sampled every dt needs +-2 pi f dt. */
  readonly angle: number;
}

// More than 30 iterations for one eigenvalue means the QR sweeps are not converging; the limit is
// the one of EISPACK's hqr, with exceptional shifts at 10 and 20 to break cycles.
const maxIterations = 30;

/** Adds the modulus and the angle per step to a complex number. */
export function describeEigenvalue(z: Complex): DescribedEigenvalue {
  return { re: z.re, im: z.im, modulus: Math.hypot(z.re, z.im), angle: Math.atan2(z.im, z.re) };
}

/** Checks that `matrix` is a non-empty square matrix of finite numbers, and copies it 1-indexed. */
function oneIndexedCopy(matrix: readonly (readonly number[])[]): number[][] {
  const n = matrix.length;
  if (n === 0 || matrix.some((row) => row.length !== n)) {
    throw new RangeError(
      `matrix must be square and non-empty, got ${n} rows of lengths ${matrix.map((r) => r.length)}`,
    );
  }
  if (matrix.some((row) => row.some((v) => !Number.isFinite(v)))) {
    throw new RangeError('matrix must hold finite numbers only');
  }
  // The routines below are transcribed from the 1-indexed EISPACK / Numerical Recipes forms;
  // keeping their indices avoids off-by-one slips in the bulge chase.
  const a = Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i + 1][j + 1] = matrix[i][j];
  return a;
}

/** Reduces `a` (1-indexed, n x n) to upper Hessenberg form in place by stabilised elimination. */
function toHessenberg(a: number[][], n: number): void {
  for (let m = 2; m < n; m++) {
    let x = 0;
    let pivot = m;
    for (let j = m; j <= n; j++) {
      if (Math.abs(a[j][m - 1]) > Math.abs(x)) {
        x = a[j][m - 1];
        pivot = j;
      }
    }
    if (pivot !== m) {
      for (let j = m - 1; j <= n; j++) [a[pivot][j], a[m][j]] = [a[m][j], a[pivot][j]];
      for (let j = 1; j <= n; j++) [a[j][pivot], a[j][m]] = [a[j][m], a[j][pivot]];
    }
    if (x === 0) continue;
    for (let i = m + 1; i <= n; i++) {
      const y = a[i][m - 1] / x;
      if (y === 0) continue;
      a[i][m - 1] = 0;
      for (let j = m; j <= n; j++) a[i][j] -= y * a[m][j];
      for (let j = 1; j <= n; j++) a[j][m] += y * a[j][i];
    }
  }
}

/** Eigenvalues of an upper Hessenberg `a` (1-indexed, destroyed) by Francis double-shift QR. */
function hessenbergEigenvalues(a: number[][], n: number): Complex[] {
  const wr = new Array<number>(n + 1).fill(0);
  const wi = new Array<number>(n + 1).fill(0);
  let norm = 0;
  for (let i = 1; i <= n; i++) for (let j = Math.max(i - 1, 1); j <= n; j++) norm += Math.abs(a[i][j]);
  let nn = n;
  let t = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  let w = 0;
  while (nn >= 1) {
    let its = 0;
    let l: number;
    do {
      // A negligible subdiagonal entry splits the matrix; deflate from the bottom.
      for (l = nn; l >= 2; l--) {
        let s = Math.abs(a[l - 1][l - 1]) + Math.abs(a[l][l]);
        if (s === 0) s = norm;
        if (Math.abs(a[l][l - 1]) + s === s) {
          a[l][l - 1] = 0;
          break;
        }
      }
      x = a[nn][nn];
      if (l === nn) {
        wr[nn] = x + t;
        wi[nn] = 0;
        nn--;
      } else {
        y = a[nn - 1][nn - 1];
        w = a[nn][nn - 1] * a[nn - 1][nn];
        if (l === nn - 1) {
          // A 2x2 block: a real pair or a complex-conjugate pair, in closed form.
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + (p >= 0 ? Math.abs(z) : -Math.abs(z));
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = -z;
            wi[nn] = z;
          }
          nn -= 2;
        } else {
          if (its === maxIterations) throw new Error('eigenvalues: the QR iteration did not converge');
          if (its === 10 || its === 20) {
            t += x;
            for (let i = 1; i <= nn; i++) a[i][i] -= x;
            const s = Math.abs(a[nn][nn - 1]) + Math.abs(a[nn - 1][nn - 2]);
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          its++;
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = a[m][m];
            r = x - z;
            const s0 = y - z;
            p = (r * s0 - w) / a[m + 1][m] + a[m][m + 1];
            q = a[m + 1][m + 1] - z - r - s0;
            r = a[m + 2][m + 1];
            const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(a[m][m - 1]) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(a[m - 1][m - 1]) + Math.abs(z) + Math.abs(a[m + 1][m + 1]));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a[i][i - 2] = 0;
            if (i !== m + 2) a[i][i - 3] = 0;
          }
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = a[k][k - 1];
              q = a[k + 1][k - 1];
              r = 0;
              if (k !== nn - 1) r = a[k + 2][k - 1];
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            const root = Math.sqrt(p * p + q * q + r * r);
            const s = p >= 0 ? root : -root;
            if (s === 0) continue;
            if (k === m) {
              if (l !== m) a[k][k - 1] = -a[k][k - 1];
            } else {
              a[k][k - 1] = -s * x;
            }
            p += s;
            x = p / s;
            y = q / s;
            z = r / s;
            q /= p;
            r /= p;
            for (let j = k; j <= nn; j++) {
              p = a[k][j] + q * a[k + 1][j];
              if (k !== nn - 1) {
                p += r * a[k + 2][j];
                a[k + 2][j] -= p * z;
              }
              a[k + 1][j] -= p * y;
              a[k][j] -= p * x;
            }
            const last = Math.min(nn, k + 3);
            for (let i = l; i <= last; i++) {
              p = x * a[i][k] + y * a[i][k + 1];
              if (k !== nn - 1) {
                p += z * a[i][k + 2];
                a[i][k + 2] -= p * r;
              }
              a[i][k + 1] -= p * q;
              a[i][k] -= p;
            }
          }
        }
      }
    } while (l < nn - 1);
  }
  return Array.from({ length: n }, (_, i) => ({ re: wr[i + 1], im: wi[i + 1] }));
}

/**
 * The eigenvalues of a real square matrix (rows of numbers), by reduction to Hessenberg form and
 * Francis double-shift QR (the EISPACK `elmhes` + `hqr` pair), meant for the small recurrent
 * matrices of the studies (a few units). Complex eigenvalues come in conjugate pairs. Sorted by
 * modulus, largest first; within a pair, positive imaginary part first.
 */
export function eigenvalues(matrix: readonly (readonly number[])[]): DescribedEigenvalue[] {
  const a = oneIndexedCopy(matrix);
  const n = matrix.length;
  toHessenberg(a, n);
  return hessenbergEigenvalues(a, n)
    .map(describeEigenvalue)
    .sort((u, v) => v.modulus - u.modulus || v.im - u.im);
}
