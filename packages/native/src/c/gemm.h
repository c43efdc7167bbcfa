/* Single-precision matrix products for the fused recurrent kernels and for tfjs's BatchMatMul:
 * row-major, BLAS-style arguments, a register-blocked microkernel over packed panels. */
#ifndef RNN_GEMM_H
#define RNN_GEMM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* C[M,N] = alpha * op(A) * op(B) + beta * C, all row-major. op(A) is [M,K] (A stored [K,M] when
 * transA), op(B) is [K,N] (B stored [N,K] when transB). beta == 0 never reads C (NaNs there vanish).
 * Splits large products across the thread pool (see pool.h). */
void rnn_sgemm(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda, const float *B,
               int ldb, float beta, float *C, int ldc);

/* The same on one thread only. */
void rnn_sgemm_serial(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
                      const float *B, int ldb, float beta, float *C, int ldc);

/* `batch` independent products; strides in floats between consecutive A, B and C matrices (0 repeats
 * one matrix for every product: broadcasting). Batches are spread across the thread pool. */
void rnn_sgemm_batched(int transA, int transB, int batch, int M, int N, int K, float alpha, const float *A, int lda,
                       size_t strideA, const float *B, int ldb, size_t strideB, float beta, float *C, int ldc,
                       size_t strideC);

/* A right-hand operand packed once and multiplied many times (the recurrent kernel, every step). */
size_t rnn_packed_b_floats(int K, int N);
void rnn_pack_b(int transB, int K, int N, const float *B, int ldb, float *packed);
/* C[M,N] = A[M,K] * packedB + beta * C, on the calling thread; A row-major, not transposed. */
void rnn_gemm_packed(int M, int N, int K, const float *A, int lda, const float *packed, float beta, float *C, int ldc);

/* Picks the microkernel every product above runs, once per process (later calls return the first
 * answer): AVX-512F where the CPU has it, else the one -march allowed; RNN_NATIVE_SIMD=avx2 or avx512
 * forces one. Call it before any product: packed operands (rnn_pack_b) follow the chosen tile, so it
 * must not change under them. Returns NULL, or why the request cannot be met (one line; the kernel
 * is then the default one). */
const char *rnn_gemm_select(void);

/* The chosen kernel, for info(): its instruction set ("avx512f", "avx2+fma", "generic-vector",
 * "scalar") and its register tile, rows x columns. */
const char *rnn_gemm_simd(void);
int rnn_gemm_mr(void);
int rnn_gemm_nr(void);

/* The kernels this build can run on this CPU, the default first; at most `capacity` names, returns
 * how many. */
int rnn_gemm_simd_paths(const char **names, int capacity);

#ifdef __cplusplus
}
#endif

#endif
