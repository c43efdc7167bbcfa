// Row-major single-precision matrix products, blocked after GotoBLAS/BLIS for a 128-bit SIMD
// machine: B is packed into 8-column strips and A into 4-row panels per 256-deep block of the inner
// dimension, and a 4 x 8 register tile (eight f32x4 accumulators, two B vectors and one broadcast A
// value: 11 of the 16 vector registers x86-64 and most ARM engines map WebAssembly SIMD onto) runs
// over a panel and a strip. Transposes are absorbed by the packing. Leading dimensions are in floats.
// (A 6 x 8 tile, 12 accumulators, measured slower in V8: it spills; unrolling the k loop did not help.)
import { allocFloats } from './arena';

/** Rows of the register tile. */
export const MR: i32 = 4;
/** Columns of the register tile (two f32x4). */
export const NR: i32 = 8;
/** Depth of one block of the inner dimension: a packed strip is KC x NR floats (8 KiB, in L1). */
export const KC: i32 = 256;
/** Rows of A packed at once: MC x KC floats (64 KiB, in L2). */
export const MC: i32 = 64;

/** A result tile that does not fit the matrix goes through here first (MR x NR floats). */
const edgeTile = memory.data(MR * NR * 4, 16);

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
        v128.store(out, v128.load(a + ((<usize>p * lda + r0) << 2)));
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
 * C[rows x cols] += alpha * Apanel . Bstrip for one MR x NR tile (rows <= MR, cols <= NR at the
 * matrix's edges): kc rank-1 updates of eight f32x4 accumulators.
 */
function tile(kc: i32, a: usize, b: usize, c: usize, ldc: i32, alpha: f32, rows: i32, cols: i32): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 8);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 12);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a += MR << 2;
    b += NR << 2;
  }
  if (alpha != 1) {
    const s = f32x4.splat(alpha);
    c00 = f32x4.mul(c00, s);
    c01 = f32x4.mul(c01, s);
    c10 = f32x4.mul(c10, s);
    c11 = f32x4.mul(c11, s);
    c20 = f32x4.mul(c20, s);
    c21 = f32x4.mul(c21, s);
    c30 = f32x4.mul(c30, s);
    c31 = f32x4.mul(c31, s);
  }
  const ld = (<usize>ldc) << 2;
  if (rows == MR && cols == NR) {
    v128.store(c, f32x4.add(v128.load(c), c00));
    v128.store(c, f32x4.add(v128.load(c, 16), c01), 16);
    c += ld;
    v128.store(c, f32x4.add(v128.load(c), c10));
    v128.store(c, f32x4.add(v128.load(c, 16), c11), 16);
    c += ld;
    v128.store(c, f32x4.add(v128.load(c), c20));
    v128.store(c, f32x4.add(v128.load(c, 16), c21), 16);
    c += ld;
    v128.store(c, f32x4.add(v128.load(c), c30));
    v128.store(c, f32x4.add(v128.load(c, 16), c31), 16);
    return;
  }
  v128.store(edgeTile, c00);
  v128.store(edgeTile, c01, 16);
  v128.store(edgeTile, c10, 32);
  v128.store(edgeTile, c11, 48);
  v128.store(edgeTile, c20, 64);
  v128.store(edgeTile, c21, 80);
  v128.store(edgeTile, c30, 96);
  v128.store(edgeTile, c31, 112);
  for (let i = 0; i < rows; i++) {
    const row = c + <usize>i * ld;
    for (let j = 0; j < cols; j++) {
      const at = row + ((<usize>j) << 2);
      store<f32>(at, load<f32>(at) + load<f32>(edgeTile + ((<usize>(i * NR + j)) << 2)));
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
