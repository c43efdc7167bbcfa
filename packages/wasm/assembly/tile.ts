// The SGEMM's register tiles: C[MR x NR] += alpha * (an A panel) . (a B strip), kc rank-1 updates of
// MR x 2 f32x4 accumulators held in vector registers. V8 maps WebAssembly SIMD onto 16 xmm registers
// on x86-64 and keeps one as scratch, so a tile is as large as fits 15 without spilling an accumulator
// (a spilled accumulator puts a store and a reload into every step's dependency chain).
//
// - The baseline module (multiply, then add): 4 x 8, eight accumulators, two B vectors, the four
//   broadcast A values V8 loads ahead of the arithmetic, and a product (15). 6 x 8 (12 accumulators)
//   spills and measured slower.
// - The relaxed-SIMD module (fused multiply-add, see madd.ts): 5 x 8, ten accumulators, two B
//   vectors, one load of A's first four rows, and the row value being used: a shuffle of that vector
//   or, for the fifth row, a broadcast (14). A broadcast of every row instead (V8 loads them all
//   ahead of the arithmetic) spills, and so does 6 x 8 with shuffles
//   (both measured 20-35% slower); 5 x 8 measured 5-15% faster than 4 x 8 with FMA on the large
//   products and the same on 32-row ones and in the fused passes.
import { madd } from './madd';

/** Rows of the register tile: 5 with fused multiply-adds, 4 without (see above). */
export const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 5 : 4;
/** Columns of the register tile (two f32x4). */
export const NR: i32 = 8;

/** A result tile that does not fit the matrix goes through here first (MR x NR floats). */
const edgeTile = memory.data(MR * NR * 4, 16);

/** Adds the first rows x cols floats of {@link edgeTile} to C at `c`: a tile at the matrix's edge. */
function addEdgeTile(c: usize, ld: usize, rows: i32, cols: i32): void {
  for (let i = 0; i < rows; i++) {
    const row = c + <usize>i * ld;
    for (let j = 0; j < cols; j++) {
      const at = row + ((<usize>j) << 2);
      store<f32>(at, load<f32>(at) + load<f32>(edgeTile + ((<usize>(i * NR + j)) << 2)));
    }
  }
}

/** The baseline module's 4 x 8 tile: A's values broadcast from memory one row at a time. */
function tile4x8(kc: i32, a: usize, b: usize, c: usize, ldc: i32, alpha: f32, rows: i32, cols: i32): void {
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
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(a, 4);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(a, 8);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(a, 12);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    a += 4 << 2;
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
  if (rows == 4 && cols == NR) {
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
  addEdgeTile(c, ld, rows, cols);
}

/**
 * The relaxed-SIMD module's 5 x 8 tile: rows 0-3 of A's step loaded as one vector and each spread to
 * all lanes by a shuffle (computed next to its use, so that V8 keeps one of them live, not four), row
 * 4 broadcast from memory.
 */
function tile5x8(kc: i32, a: usize, b: usize, c: usize, ldc: i32, alpha: f32, rows: i32, cols: i32): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0);
  let c41 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const a03 = v128.load(a);
    let x = f32x4.shuffle(a03, a03, 0, 0, 0, 0);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = f32x4.shuffle(a03, a03, 1, 1, 1, 1);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = f32x4.shuffle(a03, a03, 2, 2, 2, 2);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = f32x4.shuffle(a03, a03, 3, 3, 3, 3);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    x = v128.load32_splat(a, 16);
    c40 = madd(x, b0, c40);
    c41 = madd(x, b1, c41);
    a += 5 << 2;
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
    c40 = f32x4.mul(c40, s);
    c41 = f32x4.mul(c41, s);
  }
  const ld = (<usize>ldc) << 2;
  if (rows == 5 && cols == NR) {
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
    c += ld;
    v128.store(c, f32x4.add(v128.load(c), c40));
    v128.store(c, f32x4.add(v128.load(c, 16), c41), 16);
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
  v128.store(edgeTile, c40, 128);
  v128.store(edgeTile, c41, 144);
  addEdgeTile(c, ld, rows, cols);
}

/**
 * C[rows x cols] += alpha * Apanel . Bstrip for one MR x NR tile (rows <= MR, cols <= NR at the
 * matrix's edges): A's panel is column-major (MR floats per step), B's strip row-major (NR per step).
 */
export function tile(kc: i32, a: usize, b: usize, c: usize, ldc: i32, alpha: f32, rows: i32, cols: i32): void {
  if (MR == 5) tile5x8(kc, a, b, c, ldc, alpha, rows, cols);
  else tile4x8(kc, a, b, c, ldc, alpha, rows, cols);
}
