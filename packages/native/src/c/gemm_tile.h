/* The packed SGEMM for one microkernel tile, included by gemm.c once per instruction set (a C
 * template): B packed into NR-wide column strips (kept in L1 while they are used), A into MR-tall row
 * panels (kept in L2), and an MR x NR register-blocked microkernel multiplying one panel by one strip.
 * Transposes are handled by the packing routines, so every case runs the same microkernel (or a
 * shorter one for the last rows). Tiles narrower than NR go through a scratch tile.
 *
 * The includer defines the tile and the vector type it is written in, then includes this file:
 *   GT_FN(name)  the name of this instance's copy of `name` (a suffix per instruction set);
 *   GT_ATTR      attributes of every function here (e.g. a target("avx512f") for a kernel that is
 *                compiled whatever -march says and only called where the CPU has the instructions);
 *   GT_MR, GT_NV the tile: GT_MR rows x GT_NV vectors of GT_VL floats;
 *   GT_NAME      what info().simd calls it;
 *   gt_vf, gt_vzero, gt_vload, gt_vstore, gt_vbcast, gt_vset1, gt_vfma, gt_vmul: as in simd.h.
 * It defines GT_FN(sgemm_serial), GT_FN(pack_b) and GT_FN(gemm_packed) (gemm.h's rnn_sgemm_serial,
 * rnn_pack_b and rnn_gemm_packed for this tile) and GT_FN(kernel), their dispatch-table entry;
 * everything else here is private to it, and the parameters are undefined at the end. It relies on
 * gemm.c for KC, imin, grow, scratch, scale_c and microkernel_fn. */

#define MR GT_MR
#define NV GT_NV
#define NR (GT_NV * GT_VL)
#define MC (MR * 20)
#define NC (NR * 192)
#define store_tile GT_FN(store_tile)
#define microkernel_rows GT_FN(microkernel_rows)
#define microkernels GT_FN(microkernels)
#define macrokernel GT_FN(macrokernel)
#define pack_a GT_FN(pack_a)
#define pack_b_block GT_FN(pack_b_block)
#define sgemv_row GT_FN(sgemv_row)
#define sgemm_serial GT_FN(sgemm_serial)

/* C[rows x NR] = alpha * acc + beta * C; beta == 0 never reads C. */
static inline __attribute__((always_inline)) GT_ATTR void store_tile(int rows, const gt_vf *acc, float *restrict c, int ldc,
                                                             float alpha, float beta) {
  const gt_vf va = gt_vset1(alpha), vb = gt_vset1(beta);
  if (beta == 0.0f) {
#pragma GCC unroll 16
    for (int i = 0; i < rows; i++)
#pragma GCC unroll 16
      for (int j = 0; j < NV; j++) gt_vstore(c + (size_t)i * ldc + j * GT_VL, gt_vmul(va, acc[i * NV + j]));
  } else if (beta == 1.0f) {
#pragma GCC unroll 16
    for (int i = 0; i < rows; i++)
#pragma GCC unroll 16
      for (int j = 0; j < NV; j++) {
        float *p = c + (size_t)i * ldc + j * GT_VL;
        gt_vstore(p, gt_vfma(va, acc[i * NV + j], gt_vload(p)));
      }
  } else {
#pragma GCC unroll 16
    for (int i = 0; i < rows; i++)
#pragma GCC unroll 16
      for (int j = 0; j < NV; j++) {
        float *p = c + (size_t)i * ldc + j * GT_VL;
        gt_vstore(p, gt_vfma(va, acc[i * NV + j], gt_vmul(vb, gt_vload(p))));
      }
  }
}

/* acc = a_panel[kc x rows] * b_strip[kc x NR]; C[rows x NR] = alpha * acc + beta * C. The A panel is
 * packed MR wide, of which the first `rows` are used: the last panel of a matrix whose height is not a
 * multiple of MR runs a shorter kernel instead of multiplying rows of zeros. Always inlined into one
 * function per row count, so that every loop is unrolled and acc lives in registers. */
static inline __attribute__((always_inline)) GT_ATTR void microkernel_rows(const int rows, int kc, const float *restrict a,
                                                                   const float *restrict b, float *restrict c,
                                                                   int ldc, float alpha, float beta) {
  gt_vf acc[MR * NV];
#pragma GCC unroll 32
  for (int i = 0; i < rows * NV; i++) acc[i] = gt_vzero();
  for (int k = 0; k < kc; k++) {
    gt_vf bv[NV];
#pragma GCC unroll 16
    for (int j = 0; j < NV; j++) bv[j] = gt_vload(b + j * GT_VL);
#pragma GCC unroll 16
    for (int i = 0; i < rows; i++) {
      const gt_vf av = gt_vbcast(a + i);
#pragma GCC unroll 16
      for (int j = 0; j < NV; j++) acc[i * NV + j] = gt_vfma(av, bv[j], acc[i * NV + j]);
    }
    a += MR;
    b += NR;
  }
  store_tile(rows, acc, c, ldc, alpha, beta);
}

#define MICROKERNEL(ROWS)                                                                          \
  static GT_ATTR void GT_FN(microkernel_##ROWS)(int kc, const float *restrict a, const float *restrict b, \
                                                float *restrict c, int ldc, float alpha, float beta) {   \
    microkernel_rows(ROWS, kc, a, b, c, ldc, alpha, beta);                                             \
  }
MICROKERNEL(1)
#if MR >= 2
MICROKERNEL(2)
#endif
#if MR >= 3
MICROKERNEL(3)
#endif
#if MR >= 4
MICROKERNEL(4)
#endif
#if MR >= 5
MICROKERNEL(5)
#endif
#if MR >= 6
MICROKERNEL(6)
#endif
#if MR >= 7
MICROKERNEL(7)
#endif
#if MR >= 8
MICROKERNEL(8)
#endif
#if MR >= 9
MICROKERNEL(9)
#endif
#if MR >= 10
MICROKERNEL(10)
#endif
#if MR >= 11
MICROKERNEL(11)
#endif
#if MR >= 12
MICROKERNEL(12)
#endif
#if MR >= 13
MICROKERNEL(13)
#endif
#if MR >= 14
MICROKERNEL(14)
#endif
#if MR >= 15
MICROKERNEL(15)
#endif
#if MR >= 16
MICROKERNEL(16)
#endif
#undef MICROKERNEL

/* By row count, 1..MR. */
static const microkernel_fn microkernels[MR + 1] = {
    NULL, GT_FN(microkernel_1),
#if MR >= 2
    GT_FN(microkernel_2),
#endif
#if MR >= 3
    GT_FN(microkernel_3),
#endif
#if MR >= 4
    GT_FN(microkernel_4),
#endif
#if MR >= 5
    GT_FN(microkernel_5),
#endif
#if MR >= 6
    GT_FN(microkernel_6),
#endif
#if MR >= 7
    GT_FN(microkernel_7),
#endif
#if MR >= 8
    GT_FN(microkernel_8),
#endif
#if MR >= 9
    GT_FN(microkernel_9),
#endif
#if MR >= 10
    GT_FN(microkernel_10),
#endif
#if MR >= 11
    GT_FN(microkernel_11),
#endif
#if MR >= 12
    GT_FN(microkernel_12),
#endif
#if MR >= 13
    GT_FN(microkernel_13),
#endif
#if MR >= 14
    GT_FN(microkernel_14),
#endif
#if MR >= 15
    GT_FN(microkernel_15),
#endif
#if MR >= 16
    GT_FN(microkernel_16),
#endif
};

/* C[mc x nc] = alpha * Ap * Bp + beta * C over packed panels of depth kc. */
static GT_ATTR void macrokernel(int mc, int nc, int kc, const float *Ap, const float *Bp, float *C, int ldc, float alpha,
                        float beta) {
  float tile[MR * NR];
  for (int jr = 0; jr < nc; jr += NR) {
    const int nr = imin(NR, nc - jr);
    const float *strip = Bp + (size_t)(jr / NR) * kc * NR;
    for (int ir = 0; ir < mc; ir += MR) {
      const int mr = imin(MR, mc - ir);
      const float *panel = Ap + (size_t)(ir / MR) * kc * MR;
      float *c = C + (size_t)ir * ldc + jr;
      if (nr == NR) {
        microkernels[mr](kc, panel, strip, c, ldc, alpha, beta);
      } else {
        microkernels[mr](kc, panel, strip, tile, NR, 1.0f, 0.0f);
        for (int i = 0; i < mr; i++)
          for (int j = 0; j < nr; j++) {
            float *p = c + (size_t)i * ldc + j;
            const float v = alpha * tile[i * NR + j];
            *p = beta == 0.0f ? v : v + beta * *p;
          }
      }
    }
  }
}

/* Packs op(A)[0..mc, 0..kc) into MR-row panels laid out [k][MR].
 * A points at op(A)[0][0]: stored [M,K] (row i at A + i*lda) or, transposed, [K,M]. */
static GT_ATTR void pack_a(int transA, int mc, int kc, const float *A, int lda, float *Ap) {
  for (int p = 0; p < mc; p += MR) {
    const int mr = imin(MR, mc - p);
    float *dst = Ap + (size_t)(p / MR) * kc * MR;
    if (!transA) {
      for (int i = 0; i < mr; i++) {
        const float *src = A + (size_t)(p + i) * lda;
        for (int k = 0; k < kc; k++) dst[k * MR + i] = src[k];
      }
    } else {
      for (int k = 0; k < kc; k++) {
        const float *src = A + (size_t)k * lda + p;
        for (int i = 0; i < mr; i++) dst[k * MR + i] = src[i];
      }
    }
    /* Rows mr..MR-1 of a last, short panel stay unwritten: the mr-row microkernel never reads them. */
  }
}

/* Packs op(B)[0..kc, 0..nc) into NR-column strips laid out [k][NR], zero-padding the last strip.
 * B points at op(B)[0][0]: stored [K,N] or, transposed, [N,K]. */
static GT_ATTR void pack_b_block(int transB, int kc, int nc, const float *B, int ldb, float *Bp) {
  const int full = nc / NR, rest = nc - full * NR;
  if (!transB) {
    /* Row by row, so that B is read sequentially (it is often cold: the prefetcher needs a stream). */
    for (int k = 0; k < kc; k++) {
      const float *src = B + (size_t)k * ldb;
      float *dst = Bp + (size_t)k * NR;
      for (int s = 0; s < full; s++) {
#pragma GCC unroll 16
        for (int j = 0; j < NV; j++) gt_vstore(dst + j * GT_VL, gt_vload(src + j * GT_VL));
        src += NR;
        dst += (size_t)kc * NR;
      }
      if (rest) {
        for (int j = 0; j < rest; j++) dst[j] = src[j];
        for (int j = rest; j < NR; j++) dst[j] = 0.0f;
      }
    }
    return;
  }
  for (int q = 0; q < nc; q += NR) {
    const int nr = imin(NR, nc - q);
    float *dst = Bp + (size_t)(q / NR) * kc * NR;
    for (int j = 0; j < nr; j++) {
      const float *src = B + (size_t)(q + j) * ldb;
      for (int k = 0; k < kc; k++) dst[(size_t)k * NR + j] = src[k];
    }
    if (nr < NR)
      for (int k = 0; k < kc; k++)
        for (int j = nr; j < NR; j++) dst[(size_t)k * NR + j] = 0.0f;
  }
}

/* C[1 x N] = alpha * op(A)[1 x K] * B[K x N] + beta * C, B not transposed: a matrix-vector product,
 * as every step of batch-1 generation is. The packed path would copy all of B into strips to read them
 * once, doubling the memory traffic that is the whole cost here; this streams B row by row in place
 * into one row of accumulators instead. Each element still sums the same products in the same order
 * with the same FMAs over the same KC-deep blocks, and leaves through the same store_tile; the last,
 * narrower strip goes through the packed path itself. So results are bitwise those of the packed path:
 * batch-1 stepping gets faster without changing what a model computes. */
static GT_ATTR void sgemv_row(int transA, int N, int K, float alpha, const float *A, int lda, const float *B, int ldb,
                      float beta, float *C, int ldc) {
  const int full = N / NR * NR, rest = N - full;
  const size_t step_a = transA ? (size_t)lda : 1;
  float *acc = grow(&scratch.row, &scratch.row_cap, (size_t)(full > 0 ? full : 1));
  float *Bp = rest ? grow(&scratch.b, &scratch.b_cap, (size_t)imin(KC, K) * NR) : NULL;
  float *Ap = rest ? grow(&scratch.a, &scratch.a_cap, (size_t)imin(KC, K) * MR) : NULL;
  if (!acc || (rest && (!Bp || !Ap))) abort();
  for (int pc = 0; pc < K; pc += KC) {
    const int kc = imin(KC, K - pc);
    const float b = pc == 0 ? beta : 1.0f;
    if (full > 0) {
      memset(acc, 0, (size_t)full * sizeof(float));
      for (int k = 0; k < kc; k++) {
        const gt_vf av = gt_vbcast(A + (size_t)(pc + k) * step_a);
        const float *src = B + (size_t)(pc + k) * ldb;
        for (int j = 0; j < full; j += GT_VL)
          gt_vstore(acc + j, gt_vfma(av, gt_vload(src + j), gt_vload(acc + j)));
      }
      for (int j = 0; j < full; j += NR) {
        gt_vf v[NV];
#pragma GCC unroll 16
        for (int q = 0; q < NV; q++) v[q] = gt_vload(acc + j + q * GT_VL);
        store_tile(1, v, C + j, ldc, alpha, b);
      }
    }
    if (rest) {
      pack_b_block(0, kc, rest, B + (size_t)pc * ldb + full, ldb, Bp);
      pack_a(transA, 1, kc, transA ? A + (size_t)pc * lda : A + pc, lda, Ap);
      macrokernel(1, rest, kc, Ap, Bp, C + full, ldc, alpha, b);
    }
  }
}

static GT_ATTR void sgemm_serial(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
                      const float *B, int ldb, float beta, float *C, int ldc) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0 || alpha == 0.0f) {
    scale_c(M, N, beta, C, ldc);
    return;
  }
  if (M == 1 && !transB) {
    sgemv_row(transA, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  }
  const int ncap = imin(NC, (N + NR - 1) / NR * NR);
  const int kcap = imin(KC, K);
  const int mcap = imin(MC, (M + MR - 1) / MR * MR);
  float *Bp = grow(&scratch.b, &scratch.b_cap, (size_t)kcap * ncap);
  float *Ap = grow(&scratch.a, &scratch.a_cap, (size_t)kcap * mcap);
  if (!Ap || !Bp) abort();
  for (int jc = 0; jc < N; jc += NC) {
    const int nc = imin(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      const int kc = imin(KC, K - pc);
      const float *Bsub = transB ? B + (size_t)jc * ldb + pc : B + (size_t)pc * ldb + jc;
      pack_b_block(transB, kc, nc, Bsub, ldb, Bp);
      const float b = pc == 0 ? beta : 1.0f;
      for (int ic = 0; ic < M; ic += MC) {
        const int mc = imin(MC, M - ic);
        const float *Asub = transA ? A + (size_t)pc * lda + ic : A + (size_t)ic * lda + pc;
        pack_a(transA, mc, kc, Asub, lda, Ap);
        macrokernel(mc, nc, kc, Ap, Bp, C + (size_t)ic * ldc + jc, ldc, alpha, b);
      }
    }
  }
}

static GT_ATTR void GT_FN(pack_b)(int transB, int K, int N, const float *B, int ldb, float *packed) {
  const size_t npad = (size_t)(N + NR - 1) / NR * NR;
  for (int pc = 0; pc < K; pc += KC) {
    const int kc = imin(KC, K - pc);
    const float *Bsub = transB ? B + pc : B + (size_t)pc * ldb;
    pack_b_block(transB, kc, N, Bsub, ldb, packed + (size_t)pc * npad);
  }
}

static GT_ATTR void GT_FN(gemm_packed)(int M, int N, int K, const float *A, int lda, const float *packed,
                                       float beta, float *C, int ldc) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    scale_c(M, N, beta, C, ldc);
    return;
  }
  const size_t npad = (size_t)(N + NR - 1) / NR * NR;
  const int kcap = imin(KC, K);
  const int mcap = imin(MC, (M + MR - 1) / MR * MR);
  float *Ap = grow(&scratch.a, &scratch.a_cap, (size_t)kcap * mcap);
  if (!Ap) abort();
  for (int pc = 0; pc < K; pc += KC) {
    const int kc = imin(KC, K - pc);
    for (int ic = 0; ic < M; ic += MC) {
      const int mc = imin(MC, M - ic);
      pack_a(0, mc, kc, A + (size_t)ic * lda + pc, lda, Ap);
      macrokernel(mc, N, kc, Ap, packed + (size_t)pc * npad, C + (size_t)ic * ldc, ldc, 1.0f, pc == 0 ? beta : 1.0f);
    }
  }
}

#undef store_tile
#undef microkernel_rows
#undef microkernels
#undef macrokernel
#undef pack_a
#undef pack_b_block
#undef sgemv_row
#undef sgemm_serial
#undef MR
#undef NV
#undef NR
#undef MC
#undef NC

/* This instance, as gemm.c's dispatch table holds it; then the template's parameters are cleared for
 * the next instance. */
static const gemm_kernel GT_FN(kernel) = {GT_NAME, GT_MR, GT_NV * GT_VL, GT_FN(sgemm_serial), GT_FN(pack_b),
                                          GT_FN(gemm_packed)};
#undef GT_NAME
#undef GT_MR
#undef GT_NV
#undef GT_VL
#undef GT_FN
#undef GT_ATTR
#undef gt_vf
#undef gt_vzero
#undef gt_vload
#undef gt_vstore
#undef gt_vbcast
#undef gt_vset1
#undef gt_vfma
#undef gt_vmul
