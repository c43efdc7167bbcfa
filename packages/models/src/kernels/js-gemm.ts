/**
 * Row-major single-precision matrix products for the portable kernel. Each processes four rows at
 * a time so one load of the right-hand operand feeds four multiply-adds: JavaScript engines do not
 * vectorise, so reusing loads is what there is to win. Offsets and leading dimensions let them work
 * on column blocks (one gate's columns) in place.
 */

/** C[m×n] += A[m×k] · B[k×n]. */
export function gemmAccumulate(
  c: Float32Array,
  cOffset: number,
  ldc: number,
  a: Float32Array,
  aOffset: number,
  lda: number,
  b: Float32Array,
  bOffset: number,
  ldb: number,
  m: number,
  k: number,
  n: number,
): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = cOffset + i * ldc;
    const c1 = c0 + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    const a0 = aOffset + i * lda;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p];
      const x1 = a[a0 + lda + p];
      const x2 = a[a0 + 2 * lda + p];
      const x3 = a[a0 + 3 * lda + p];
      const row = bOffset + p * ldb;
      for (let j = 0; j < n; j++) {
        const y = b[row + j];
        c[c0 + j] += x0 * y;
        c[c1 + j] += x1 * y;
        c[c2 + j] += x2 * y;
        c[c3 + j] += x3 * y;
      }
    }
  }
  for (; i < m; i++) {
    const c0 = cOffset + i * ldc;
    for (let p = 0; p < k; p++) {
      const x = a[aOffset + i * lda + p];
      const row = bOffset + p * ldb;
      for (let j = 0; j < n; j++) c[c0 + j] += x * b[row + j];
    }
  }
}

/** C[m×n] = A[m×k] · B[n×k]ᵀ (B's rows are C's columns: dot products of rows). */
export function gemmTransposedB(
  c: Float32Array,
  cOffset: number,
  ldc: number,
  a: Float32Array,
  aOffset: number,
  lda: number,
  b: Float32Array,
  bOffset: number,
  ldb: number,
  m: number,
  k: number,
  n: number,
): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = aOffset + i * lda;
    const a1 = a0 + lda;
    const a2 = a1 + lda;
    const a3 = a2 + lda;
    for (let j = 0; j < n; j++) {
      const row = bOffset + j * ldb;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const y = b[row + p];
        s0 += a[a0 + p] * y;
        s1 += a[a1 + p] * y;
        s2 += a[a2 + p] * y;
        s3 += a[a3 + p] * y;
      }
      const c0 = cOffset + i * ldc + j;
      c[c0] = s0;
      c[c0 + ldc] = s1;
      c[c0 + 2 * ldc] = s2;
      c[c0 + 3 * ldc] = s3;
    }
  }
  for (; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[aOffset + i * lda + p] * b[bOffset + j * ldb + p];
      c[cOffset + i * ldc + j] = s;
    }
  }
}

/** C[m×n] += A[k×m]ᵀ · B[k×n] (a sum of outer products of A's and B's rows: a weight gradient). */
export function gemmTransposedAAccumulate(
  c: Float32Array,
  cOffset: number,
  ldc: number,
  a: Float32Array,
  aOffset: number,
  lda: number,
  b: Float32Array,
  bOffset: number,
  ldb: number,
  m: number,
  k: number,
  n: number,
): void {
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const b0 = bOffset + p * ldb;
    const b1 = b0 + ldb;
    const b2 = b1 + ldb;
    const b3 = b2 + ldb;
    const a0 = aOffset + p * lda;
    for (let i = 0; i < m; i++) {
      const x0 = a[a0 + i];
      const x1 = a[a0 + lda + i];
      const x2 = a[a0 + 2 * lda + i];
      const x3 = a[a0 + 3 * lda + i];
      const row = cOffset + i * ldc;
      for (let j = 0; j < n; j++) c[row + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
    }
  }
  for (; p < k; p++) {
    for (let i = 0; i < m; i++) {
      const x = a[aOffset + p * lda + i];
      const row = cOffset + i * ldc;
      for (let j = 0; j < n; j++) c[row + j] += x * b[bOffset + p * ldb + j];
    }
  }
}
