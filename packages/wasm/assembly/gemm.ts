// Row-major single-precision matrix products, blocked after GotoBLAS/BLIS for a 128-bit SIMD
// machine: B is packed into NR-column strips and A into MR-row panels per 256-deep block of the inner
// dimension, and a register tile (tile.ts: 4 x 8 in the baseline module, 5 x 8 in the relaxed-SIMD
// one) runs over a panel and a strip. Transposes are absorbed by the packing. Leading dimensions are
// in floats.
import { allocFloats } from './arena';
import { MR, NR, tile } from './tile';

export { MR, NR } from './tile';

/** Depth of one block of the inner dimension: a packed strip is KC x NR floats (8 KiB, in L1). */
export const KC: i32 = 256;
/** Rows of A packed at once, the most whole panels in 64 rows: MC x KC floats (at most 64 KiB, in L2). */
export const MC: i32 = (64 / MR) * MR;

/** Columns of B rounded up to whole strips. */
export function paddedColumns(n: i32): i32 {
  return (n + NR - 1) & ~(NR - 1);
}

/** Floats a packed k x n operand takes (see {@link packB}). */
export function packedBFloats(k: i32, n: i32): i32 {
  return k * paddedColumns(n);
}

/**
 * Packs op(B), [k x n] (stored [n x k] when `trans`), for {@link gemmPacked}: per KC-deep block, one
 * strip of NR columns after another, each strip row-major (kc x NR, zero beyond column n). The block
 * starting at depth p0 starts at float `p0 * paddedColumns(n)`.
 */
export function packB(trans: bool, k: i32, n: i32, b: usize, ldb: i32, dst: usize): void {
  const np = paddedColumns(n);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const block = dst + ((<usize>p0 * np) << 2);
    for (let j0 = 0; j0 < n; j0 += NR) {
      const cols = min(NR, n - j0);
      let out = block + ((<usize>j0 * kc) << 2);
      for (let p = p0; p < p0 + kc; p++) {
        if (!trans && cols == NR) {
          const row = b + ((<usize>p * ldb + j0) << 2);
          v128.store(out, v128.load(row));
          v128.store(out, v128.load(row, 16), 16);
        } else {
          for (let j = 0; j < NR; j++) {
            let v: f32 = 0;
            if (j < cols) {
              v = trans
                ? load<f32>(b + ((<usize>(j0 + j) * ldb + p) << 2))
                : load<f32>(b + ((<usize>p * ldb + j0 + j) << 2));
            }
            store<f32>(out + ((<usize>j) << 2), v);
          }
        }
        out += NR << 2;
      }
    }
  }
}

/** Packs rows i0.. of op(A)'s block [mc x kc] into MR-row panels, column-major within a panel (kc x MR). */
function packA(trans: bool, mc: i32, kc: i32, a: usize, lda: i32, dst: usize): void {
  let out = dst;
  for (let r0 = 0; r0 < mc; r0 += MR) {
    const rows = min(MR, mc - r0);
    for (let p = 0; p < kc; p++) {
      if (trans && rows == MR) {
        // The panel's MR values of this depth are contiguous: one vector, then the rest one by one.
        const src = a + ((<usize>p * lda + r0) << 2);
        v128.store(out, v128.load(src));
        for (let i = 4; i < MR; i++) store<f32>(out + ((<usize>i) << 2), load<f32>(src + ((<usize>i) << 2)));
      } else {
        for (let i = 0; i < MR; i++) {
          let v: f32 = 0;
          if (i < rows) {
            v = trans
              ? load<f32>(a + ((<usize>p * lda + r0 + i) << 2))
              : load<f32>(a + ((<usize>(r0 + i) * lda + p) << 2));
          }
          store<f32>(out + ((<usize>i) << 2), v);
        }
      }
      out += MR << 2;
    }
  }
}

/**
 * C[m x n] += alpha * op(A) . B for B packed by {@link packB} (op(A) is [m x k], stored [k x m] when
 * `transA`). Scratch for the A panels comes from the arena.
 */
export function gemmPacked(
  transA: bool,
  m: i32,
  n: i32,
  k: i32,
  alpha: f32,
  a: usize,
  lda: i32,
  packed: usize,
  c: usize,
  ldc: i32,
): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  const np = paddedColumns(n);
  const aPack = allocFloats(min(MC, ((m + MR - 1) / MR) * MR) * min(KC, k));
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const block = packed + ((<usize>p0 * np) << 2);
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = min(MC, m - i0);
      const aBlock = transA ? a + ((<usize>p0 * lda + i0) << 2) : a + ((<usize>i0 * lda + p0) << 2);
      packA(transA, mc, kc, aBlock, lda, aPack);
      for (let j0 = 0; j0 < n; j0 += NR) {
        const strip = block + ((<usize>j0 * kc) << 2);
        const cols = min(NR, n - j0);
        for (let r0 = 0; r0 < mc; r0 += MR) {
          const panel = aPack + ((<usize>r0 * kc) << 2);
          const cTile = c + ((<usize>(i0 + r0) * ldc + j0) << 2);
          tile(kc, panel, strip, cTile, ldc, alpha, min(MR, mc - r0), cols);
        }
      }
    }
  }
}

/** C[m x n] = beta * C, row by row; beta = 0 writes zeros without reading C (NaN there included). */
export function scaleRows(m: i32, n: i32, beta: f32, c: usize, ldc: i32): void {
  if (beta == 1) return;
  const s = f32x4.splat(beta);
  for (let i = 0; i < m; i++) {
    const row = c + ((<usize>i * ldc) << 2);
    if (beta == 0) {
      memory.fill(row, 0, (<usize>n) << 2);
      continue;
    }
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const at = row + ((<usize>j) << 2);
      v128.store(at, f32x4.mul(v128.load(at), s));
    }
    for (; j < n; j++) {
      const at = row + ((<usize>j) << 2);
      store<f32>(at, load<f32>(at) * beta);
    }
  }
}

/**
 * C = alpha * op(A) . op(B) + beta * C, row-major with leading dimensions: op(A) [m x k] (A stored
 * [k x m] when `transA`), op(B) [k x n] (B stored [n x k] when `transB`). Packs B into the arena.
 */
export function sgemm(
  transA: bool,
  transB: bool,
  m: i32,
  n: i32,
  k: i32,
  alpha: f32,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  beta: f32,
  c: usize,
  ldc: i32,
): void {
  if (m <= 0 || n <= 0) return;
  scaleRows(m, n, beta, c, ldc);
  if (k <= 0 || alpha == 0) return;
  const packed = allocFloats(packedBFloats(k, n));
  packB(transB, k, n, b, ldb, packed);
  gemmPacked(transA, m, n, k, alpha, a, lda, packed, c, ldc);
}
