/* Single-precision matrix products: the packed GotoBLAS/BLIS-style SGEMM of gemm_tile.h, instantiated
 * once per instruction set, and the kernel chosen once when the addon loads (rnn_gemm_select): the
 * AVX-512F one (14 x 32 tile, compiled with a target attribute whatever -march says) where the CPU has
 * AVX-512F, else the one -march allowed (simd.h: AVX2+FMA 6 x 16, generic vectors, or scalars).
 * RNN_NATIVE_SIMD=avx2 or avx512 forces one. Around it: the thread split and the batches. */
#include "gemm.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "simd.h"

#ifndef KC
#define KC 256
#endif

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

static void scale_c(int M, int N, float beta, float *C, int ldc) {
  if (beta == 0.0f && ldc == N) {
    memset(C, 0, (size_t)M * N * sizeof(float));
    return;
  }
  for (int i = 0; i < M; i++) {
    float *c = C + (size_t)i * ldc;
    if (beta == 0.0f)
      memset(c, 0, (size_t)N * sizeof(float));
    else if (beta != 1.0f)
      for (int j = 0; j < N; j++) c[j] *= beta;
  }
}

typedef void (*microkernel_fn)(int kc, const float *restrict a, const float *restrict b, float *restrict c, int ldc,
                               float alpha, float beta);

/* One instance of gemm_tile.h: what the public functions call through `active`. */
typedef struct {
  const char *name; /* info().simd */
  int mr, nr;
  void (*serial)(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda, const float *B,
                 int ldb, float beta, float *C, int ldc);
  void (*pack_b)(int transB, int K, int N, const float *B, int ldb, float *packed);
  void (*gemm_packed)(int M, int N, int K, const float *A, int lda, const float *packed, float beta, float *C,
                      int ldc);
} gemm_kernel;

/* The kernel -march allowed, over simd.h's vector type. */
#if defined(RNN_GEMM_MR) && defined(RNN_GEMM_NV) /* for experiments: -DRNN_GEMM_MR=4 -DRNN_GEMM_NV=3 */
#define GT_MR RNN_GEMM_MR
#define GT_NV RNN_GEMM_NV
#elif RNN_VL == 8
#define GT_MR 6
#define GT_NV 2
#elif RNN_VL == 4
#define GT_MR 4
#define GT_NV 2
#else
#define GT_MR 4
#define GT_NV 4
#endif
#define GT_VL RNN_VL
#define GT_FN(name) name##_base
#define GT_ATTR
#define gt_vf rnn_vf
#define gt_vzero rnn_vzero
#define gt_vload rnn_vload
#define gt_vstore rnn_vstore
#define gt_vbcast rnn_vbcast
#define gt_vset1 rnn_vset1
#define gt_vfma rnn_vfma
#define gt_vmul rnn_vmul
#define GT_NAME RNN_SIMD_NAME
#include "gemm_tile.h"

/* The AVX-512F kernel: built on any x86-64 GCC or Clang, run only where __builtin_cpu_supports says.
 * 14 rows x 2 zmm: 28 accumulators, 2 B vectors and 1 broadcast A value fill 31 of the 32 registers. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RNN_HAVE_AVX512_KERNEL 1
#include <immintrin.h>
#ifdef RNN_GEMM512_MR /* for experiments: -DRNN_GEMM512_MR=12 -DRNN_GEMM512_NV=2 */
#define GT_MR RNN_GEMM512_MR
#define GT_NV RNN_GEMM512_NV
#else
#define GT_MR 14
#define GT_NV 2
#endif
#define GT_VL 16
#define GT_FN(name) name##_avx512
#define GT_ATTR __attribute__((target("avx512f")))
#define gt_vf __m512
#define gt_vzero() _mm512_setzero_ps()
#define gt_vload(p) _mm512_loadu_ps(p)
#define gt_vstore(p, v) _mm512_storeu_ps((p), (v))
#define gt_vbcast(p) _mm512_set1_ps(*(p))
#define gt_vset1(x) _mm512_set1_ps(x)
#define gt_vfma(a, b, c) _mm512_fmadd_ps((a), (b), (c))
#define gt_vmul(a, b) _mm512_mul_ps((a), (b))
#define GT_NAME "avx512f"
#include "gemm_tile.h"
#endif

/* Whether the CPU (and the OS, which must save the zmm registers) runs AVX-512F. */
static int cpu_has_avx512f(void) {
#ifdef RNN_HAVE_AVX512_KERNEL
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
#else
  return 0;
#endif
}

static const gemm_kernel *active = &kernel_base;
static const char *select_error;
static pthread_once_t select_once = PTHREAD_ONCE_INIT;

static void select_kernel(void) {
  const char *request = getenv("RNN_NATIVE_SIMD");
  const int avx2_base = strcmp(kernel_base.name, "avx2+fma") == 0;
  if (!request || !*request || strcmp(request, "auto") == 0) {
#ifdef RNN_HAVE_AVX512_KERNEL
    if (cpu_has_avx512f()) active = &kernel_avx512;
#endif
  } else if (strcmp(request, "avx512") == 0) {
#ifdef RNN_HAVE_AVX512_KERNEL
    if (cpu_has_avx512f())
      active = &kernel_avx512;
    else
      select_error = "RNN_NATIVE_SIMD=avx512 but this CPU has no AVX-512F: unset it (or set avx2) to run the "
                     "AVX2 kernel";
#else
    select_error = "RNN_NATIVE_SIMD=avx512 but this build has no AVX-512F kernel (that needs x86-64 and GCC or "
                   "Clang): unset it";
#endif
  } else if (strcmp(request, "avx2") == 0) {
    if (!avx2_base)
      select_error = "RNN_NATIVE_SIMD=avx2 but this build was compiled without AVX2+FMA (see RNN_NATIVE_MARCH): "
                     "unset it";
  } else {
    select_error = "RNN_NATIVE_SIMD must be avx512, avx2 or auto (or unset)";
  }
}

const char *rnn_gemm_select(void) {
  pthread_once(&select_once, select_kernel);
  return select_error;
}

const char *rnn_gemm_simd(void) { return active->name; }
int rnn_gemm_mr(void) { return active->mr; }
int rnn_gemm_nr(void) { return active->nr; }

int rnn_gemm_simd_paths(const char **names, int capacity) {
  int n = 0;
#ifdef RNN_HAVE_AVX512_KERNEL
  if (cpu_has_avx512f() && n < capacity) names[n++] = kernel_avx512.name;
#endif
  if (n < capacity) names[n++] = kernel_base.name;
  return n;
}

/* A product with one side too thin for the register tile: one column (a dense layer with a single
 * output, its gradients, a bias gradient), or a few inner steps (an outer product, the input
 * projection of one feature). The packed path would pad it to whole tiles and pack operands
 * it reads once; these loops, which the compiler vectorises, do only the useful work. Each element
 * sums its products in p order however many rows or columns the call has, so a batch-1 step gives
 * what the whole batch gives. */
static int is_thin(int N, int K) { return N == 1 || K <= 4; }

static void sgemm_thin(int transA, int transB, int M, int N, int K, float alpha, const float *restrict A, int lda,
                       const float *restrict B, int ldb, float beta, float *restrict C, int ldc) {
  scale_c(M, N, beta, C, ldc);
  if (N == 1) {
    /* B's column, contiguous when B is transposed or ldb is 1 */
    const size_t step_b = transB ? 1 : (size_t)ldb;
    if (transA) {
      /* A's columns are contiguous: sweep them, every row's sum advancing by one product per p */
      for (int p = 0; p < K; p++) {
        const float b = alpha * B[(size_t)p * step_b];
        const float *restrict a = A + (size_t)p * lda;
        for (int i = 0; i < M; i++) C[(size_t)i * ldc] += a[i] * b;
      }
      return;
    }
    /* dot products of A's rows, eight rows at a time: eight independent chains of adds */
    int i = 0;
    for (; i + 8 <= M; i += 8) {
      float sum[8] = {0};
      for (int p = 0; p < K; p++) {
        const float b = B[(size_t)p * step_b];
        for (int r = 0; r < 8; r++) sum[r] += A[(size_t)(i + r) * lda + p] * b;
      }
      for (int r = 0; r < 8; r++) C[(size_t)(i + r) * ldc] += alpha * sum[r];
    }
    for (; i < M; i++) {
      float sum = 0.0f;
      for (int p = 0; p < K; p++) sum += A[(size_t)i * lda + p] * B[(size_t)p * step_b];
      C[(size_t)i * ldc] += alpha * sum;
    }
    return;
  }
  for (int i = 0; i < M; i++) {
    float *restrict c = C + (size_t)i * ldc;
    for (int p = 0; p < K; p++) {
      const float a = alpha * (transA ? A[(size_t)p * lda + i] : A[(size_t)i * lda + p]);
      if (!transB) {
        const float *restrict b = B + (size_t)p * ldb;
        for (int j = 0; j < N; j++) c[j] += a * b[j];
      } else {
        for (int j = 0; j < N; j++) c[j] += a * B[(size_t)j * ldb + p];
      }
    }
  }
}

void rnn_sgemm_serial(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
                      const float *B, int ldb, float beta, float *C, int ldc) {
  if (M > 0 && N > 0 && K > 0 && alpha != 0.0f && is_thin(N, K)) {
    sgemm_thin(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  }
  active->serial(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
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
    const int NR = active->nr, strips = (j->N + NR - 1) / NR;
    const int s0 = strips * part / parts, s1 = strips * (part + 1) / parts;
    const int n0 = s0 * NR, n1 = imin(j->N, s1 * NR);
    if (n1 <= n0) return;
    const float *B = j->transB ? j->B + (size_t)n0 * j->ldb : j->B + n0;
    rnn_sgemm_serial(j->transA, j->transB, j->M, n1 - n0, j->K, j->alpha, j->A, j->lda, B, j->ldb, j->beta,
                     j->C + n0, j->ldc);
  } else {
    const int MR = active->mr, panels = (j->M + MR - 1) / MR;
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
  const int threads = rnn_pool_threads(), MR = active->mr, NR = active->nr;
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

size_t rnn_packed_b_floats(int K, int N) {
  const int NR = active->nr;
  return (size_t)(K > 0 ? K : 0) * ((N + NR - 1) / NR * NR);
}

void rnn_pack_b(int transB, int K, int N, const float *B, int ldb, float *packed) {
  active->pack_b(transB, K, N, B, ldb, packed);
}

void rnn_gemm_packed(int M, int N, int K, const float *A, int lda, const float *packed, float beta, float *C, int ldc) {
  active->gemm_packed(M, N, K, A, lda, packed, beta, C, ldc);
}
