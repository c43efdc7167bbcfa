/* GotoBLAS/BLIS-style SGEMM: B is packed into NR-wide column strips (kept in L1 while they are used),
 * A into MR-tall row panels (kept in L2), and an MR x NR register-blocked microkernel multiplies one
 * panel by one strip. Transposes are handled by the packing routines, so every case runs the same
 * microkernel (or a shorter one for the last rows). Tiles narrower than NR go through a scratch tile. */
#include "gemm.h"

#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "simd.h"

#if defined(RNN_GEMM_MR) && defined(RNN_GEMM_NV) /* for experiments: -DRNN_GEMM_MR=4 -DRNN_GEMM_NV=3 */
#define MR RNN_GEMM_MR
#define NV RNN_GEMM_NV
#elif RNN_VL == 8
#define MR 6
#define NV 2
#elif RNN_VL == 4
#define MR 4
#define NV 2
#else
#define MR 4
#define NV 4
#endif
#define NR (NV * RNN_VL)

#ifndef KC
#define KC 256
#endif
#define MC (MR * 20)
#define NC (NR * 192)

int rnn_gemm_mr(void) { return MR; }
int rnn_gemm_nr(void) { return NR; }

static inline int imin(int a, int b) { return a < b ? a : b; }

/* Scratch for packing, one set per thread, grown on demand and kept for the life of the process. */
typedef struct {
  float *a;
  size_t a_cap;
  float *b;
  size_t b_cap;
  float *row; /* the accumulators of a one-row product (sgemv_row) */
  size_t row_cap;
} pack_scratch;

static __thread pack_scratch scratch;

static float *grow(float **buf, size_t *cap, size_t floats) {
  if (*cap < floats) {
    free(*buf);
    void *p = NULL;
    if (posix_memalign(&p, 64, floats * sizeof(float)) != 0) p = NULL;
    *buf = (float *)p;
    *cap = p ? floats : 0;
  }
  return *buf;
}

/* C[rows x NR] = alpha * acc + beta * C; beta == 0 never reads C. */
static inline __attribute__((always_inline)) void store_tile(int rows, const rnn_vf *acc, float *restrict c, int ldc,
                                                             float alpha, float beta) {
  const rnn_vf va = rnn_vset1(alpha), vb = rnn_vset1(beta);
  if (beta == 0.0f) {
#pragma GCC unroll 8
    for (int i = 0; i < rows; i++)
#pragma GCC unroll 8
      for (int j = 0; j < NV; j++) rnn_vstore(c + (size_t)i * ldc + j * RNN_VL, rnn_vmul(va, acc[i * NV + j]));
  } else if (beta == 1.0f) {
#pragma GCC unroll 8
    for (int i = 0; i < rows; i++)
#pragma GCC unroll 8
      for (int j = 0; j < NV; j++) {
        float *p = c + (size_t)i * ldc + j * RNN_VL;
        rnn_vstore(p, rnn_vfma(va, acc[i * NV + j], rnn_vload(p)));
      }
  } else {
#pragma GCC unroll 8
    for (int i = 0; i < rows; i++)
#pragma GCC unroll 8
      for (int j = 0; j < NV; j++) {
        float *p = c + (size_t)i * ldc + j * RNN_VL;
        rnn_vstore(p, rnn_vfma(va, acc[i * NV + j], rnn_vmul(vb, rnn_vload(p))));
      }
  }
}

/* acc = a_panel[kc x rows] * b_strip[kc x NR]; C[rows x NR] = alpha * acc + beta * C. The A panel is
 * packed MR wide, of which the first `rows` are used: the last panel of a matrix whose height is not a
 * multiple of MR runs a shorter kernel instead of multiplying rows of zeros. Always inlined into one
 * function per row count, so that every loop is unrolled and acc lives in registers. */
static inline __attribute__((always_inline)) void microkernel_rows(const int rows, int kc, const float *restrict a,
                                                                   const float *restrict b, float *restrict c,
                                                                   int ldc, float alpha, float beta) {
  rnn_vf acc[MR * NV];
#pragma GCC unroll 32
  for (int i = 0; i < rows * NV; i++) acc[i] = rnn_vzero();
  for (int k = 0; k < kc; k++) {
    rnn_vf bv[NV];
#pragma GCC unroll 8
    for (int j = 0; j < NV; j++) bv[j] = rnn_vload(b + j * RNN_VL);
#pragma GCC unroll 8
    for (int i = 0; i < rows; i++) {
      const rnn_vf av = rnn_vbcast(a + i);
#pragma GCC unroll 8
      for (int j = 0; j < NV; j++) acc[i * NV + j] = rnn_vfma(av, bv[j], acc[i * NV + j]);
    }
    a += MR;
    b += NR;
  }
  store_tile(rows, acc, c, ldc, alpha, beta);
}

typedef void (*microkernel_fn)(int kc, const float *restrict a, const float *restrict b, float *restrict c, int ldc,
                               float alpha, float beta);

#define MICROKERNEL(ROWS)                                                                                 \
  static void microkernel_##ROWS(int kc, const float *restrict a, const float *restrict b, float *restrict c, \
                                 int ldc, float alpha, float beta) {                                      \
    microkernel_rows(ROWS, kc, a, b, c, ldc, alpha, beta);                                                \
  }
MICROKERNEL(1)
MICROKERNEL(2)
MICROKERNEL(3)
MICROKERNEL(4)
#if MR > 4
MICROKERNEL(5)
MICROKERNEL(6)
#endif
#if MR > 6
MICROKERNEL(7)
MICROKERNEL(8)
#endif

/* By row count, 1..MR. */
static const microkernel_fn microkernels[MR + 1] = {
    NULL, microkernel_1, microkernel_2, microkernel_3, microkernel_4,
#if MR > 4
    microkernel_5, microkernel_6,
#endif
#if MR > 6
    microkernel_7, microkernel_8,
#endif
};

/* C[mc x nc] = alpha * Ap * Bp + beta * C over packed panels of depth kc. */
static void macrokernel(int mc, int nc, int kc, const float *Ap, const float *Bp, float *C, int ldc, float alpha,
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
static void pack_a(int transA, int mc, int kc, const float *A, int lda, float *Ap) {
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
static void pack_b_block(int transB, int kc, int nc, const float *B, int ldb, float *Bp) {
  const int full = nc / NR, rest = nc - full * NR;
  if (!transB) {
    /* Row by row, so that B is read sequentially (it is often cold: the prefetcher needs a stream). */
    for (int k = 0; k < kc; k++) {
      const float *src = B + (size_t)k * ldb;
      float *dst = Bp + (size_t)k * NR;
      for (int s = 0; s < full; s++) {
#pragma GCC unroll 8
        for (int j = 0; j < NV; j++) rnn_vstore(dst + j * RNN_VL, rnn_vload(src + j * RNN_VL));
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

static void scale_c(int M, int N, float beta, float *C, int ldc) {
  for (int i = 0; i < M; i++) {
    float *c = C + (size_t)i * ldc;
    if (beta == 0.0f)
      memset(c, 0, (size_t)N * sizeof(float));
    else if (beta != 1.0f)
      for (int j = 0; j < N; j++) c[j] *= beta;
  }
}

/* C[1 x N] = alpha * op(A)[1 x K] * B[K x N] + beta * C, B not transposed: a matrix-vector product,
 * as every step of batch-1 generation is. The packed path would copy all of B into strips to read them
 * once, doubling the memory traffic that is the whole cost here; this streams B row by row in place
 * into one row of accumulators instead. Each element still sums the same products in the same order
 * with the same FMAs over the same KC-deep blocks, and leaves through the same store_tile; the last,
 * narrower strip goes through the packed path itself. So results are bitwise those of the packed path:
 * batch-1 stepping gets faster without changing what a model computes. */
static void sgemv_row(int transA, int N, int K, float alpha, const float *A, int lda, const float *B, int ldb,
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
        const rnn_vf av = rnn_vbcast(A + (size_t)(pc + k) * step_a);
        const float *src = B + (size_t)(pc + k) * ldb;
        for (int j = 0; j < full; j += RNN_VL)
          rnn_vstore(acc + j, rnn_vfma(av, rnn_vload(src + j), rnn_vload(acc + j)));
      }
      for (int j = 0; j < full; j += NR) {
        rnn_vf v[NV];
#pragma GCC unroll 8
        for (int q = 0; q < NV; q++) v[q] = rnn_vload(acc + j + q * RNN_VL);
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

void rnn_sgemm_serial(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
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

/* Products smaller than this many multiply-adds run on one thread: waking a worker costs more. */
#define PARALLEL_MIN_MACS (1 << 23)

typedef struct {
  int transA, transB, M, N, K;
  float alpha, beta;
  const float *A, *B;
  float *C;
  int lda, ldb, ldc;
  int split_n;
} gemm_job;

static void gemm_part(void *arg, int part, int parts) {
  const gemm_job *j = (const gemm_job *)arg;
  if (j->split_n) {
    const int strips = (j->N + NR - 1) / NR;
    const int s0 = strips * part / parts, s1 = strips * (part + 1) / parts;
    const int n0 = s0 * NR, n1 = imin(j->N, s1 * NR);
    if (n1 <= n0) return;
    const float *B = j->transB ? j->B + (size_t)n0 * j->ldb : j->B + n0;
    rnn_sgemm_serial(j->transA, j->transB, j->M, n1 - n0, j->K, j->alpha, j->A, j->lda, B, j->ldb, j->beta,
                     j->C + n0, j->ldc);
  } else {
    const int panels = (j->M + MR - 1) / MR;
    const int p0 = panels * part / parts, p1 = panels * (part + 1) / parts;
    const int m0 = p0 * MR, m1 = imin(j->M, p1 * MR);
    if (m1 <= m0) return;
    const float *A = j->transA ? j->A + m0 : j->A + (size_t)m0 * j->lda;
    rnn_sgemm_serial(j->transA, j->transB, m1 - m0, j->N, j->K, j->alpha, A, j->lda, j->B, j->ldb, j->beta,
                     j->C + (size_t)m0 * j->ldc, j->ldc);
  }
}

void rnn_sgemm(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda, const float *B,
               int ldb, float beta, float *C, int ldc) {
  const int threads = rnn_pool_threads();
  const double macs = (double)M * N * (K > 0 ? K : 0);
  if (threads <= 1 || macs < PARALLEL_MIN_MACS || (M < 2 * MR && N < 2 * NR)) {
    rnn_sgemm_serial(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  }
  gemm_job job = {transA, transB, M, N, K, alpha, beta, A, B, C, lda, ldb, ldc, 0};
  /* Split the larger side: each thread packs the whole of the other operand, which is the smaller cost. */
  job.split_n = (N / NR) >= (M / MR);
  rnn_parallel(gemm_part, &job, threads);
}

typedef struct {
  int transA, transB, batch, M, N, K;
  float alpha, beta;
  const float *A, *B;
  float *C;
  int lda, ldb, ldc;
  size_t sA, sB, sC;
} batched_job;

static void batched_part(void *arg, int part, int parts) {
  const batched_job *j = (const batched_job *)arg;
  const int b0 = (int)((long long)j->batch * part / parts), b1 = (int)((long long)j->batch * (part + 1) / parts);
  for (int b = b0; b < b1; b++)
    rnn_sgemm_serial(j->transA, j->transB, j->M, j->N, j->K, j->alpha, j->A + (size_t)b * j->sA, j->lda,
                     j->B + (size_t)b * j->sB, j->ldb, j->beta, j->C + (size_t)b * j->sC, j->ldc);
}

void rnn_sgemm_batched(int transA, int transB, int batch, int M, int N, int K, float alpha, const float *A, int lda,
                       size_t strideA, const float *B, int ldb, size_t strideB, float beta, float *C, int ldc,
                       size_t strideC) {
  if (batch <= 0) return;
  if (batch == 1) {
    rnn_sgemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  }
  const int threads = rnn_pool_threads();
  const double macs = (double)batch * M * N * (K > 0 ? K : 0);
  if (threads <= 1 || macs < PARALLEL_MIN_MACS) {
    for (int b = 0; b < batch; b++)
      rnn_sgemm_serial(transA, transB, M, N, K, alpha, A + (size_t)b * strideA, lda, B + (size_t)b * strideB, ldb,
                       beta, C + (size_t)b * strideC, ldc);
    return;
  }
  if (batch < threads) {
    /* Few large products: parallelise inside each one. */
    for (int b = 0; b < batch; b++)
      rnn_sgemm(transA, transB, M, N, K, alpha, A + (size_t)b * strideA, lda, B + (size_t)b * strideB, ldb, beta,
                C + (size_t)b * strideC, ldc);
    return;
  }
  batched_job job = {transA, transB, batch, M, N, K, alpha, beta, A, B, C, lda, ldb, ldc, strideA, strideB, strideC};
  rnn_parallel(batched_part, &job, threads);
}

size_t rnn_packed_b_floats(int K, int N) { return (size_t)(K > 0 ? K : 0) * ((N + NR - 1) / NR * NR); }

void rnn_pack_b(int transB, int K, int N, const float *B, int ldb, float *packed) {
  const size_t npad = (size_t)(N + NR - 1) / NR * NR;
  for (int pc = 0; pc < K; pc += KC) {
    const int kc = imin(KC, K - pc);
    const float *Bsub = transB ? B + pc : B + (size_t)pc * ldb;
    pack_b_block(transB, kc, N, Bsub, ldb, packed + (size_t)pc * npad);
  }
}

void rnn_gemm_packed(int M, int N, int K, const float *A, int lda, const float *packed, float beta, float *C, int ldc) {
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
