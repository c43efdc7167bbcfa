/* The vector abstraction the GEMM microkernel is written in: 8-lane AVX2 + FMA when the compiler
 * targets it (-march=native on an x86-64 with AVX2), else 4-lane GCC/Clang vector extensions (SSE,
 * NEON, ...), else plain scalars: the baseline GEMM kernel (gemm.c), which runs where the CPU lacks
 * AVX-512F or RNN_NATIVE_SIMD=avx2 asks for it. The AVX-512F kernel is written in __m512 directly
 * (gemm.c), since -march need not allow it. The elementwise cell math is plain C that the compiler
 * auto-vectorises. */
#ifndef RNN_SIMD_H
#define RNN_SIMD_H

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define RNN_SIMD_NAME "avx2+fma"
#define RNN_VL 8
typedef __m256 rnn_vf;
#define rnn_vzero() _mm256_setzero_ps()
#define rnn_vload(p) _mm256_loadu_ps(p)
#define rnn_vstore(p, v) _mm256_storeu_ps((p), (v))
#define rnn_vbcast(p) _mm256_broadcast_ss(p)
#define rnn_vset1(x) _mm256_set1_ps(x)
#define rnn_vfma(a, b, c) _mm256_fmadd_ps((a), (b), (c))
#define rnn_vmul(a, b) _mm256_mul_ps((a), (b))
#define rnn_vadd(a, b) _mm256_add_ps((a), (b))
#elif defined(__GNUC__)
#include <string.h>
#define RNN_SIMD_NAME "generic-vector"
#define RNN_VL 4
typedef float rnn_vf __attribute__((vector_size(16)));
static inline rnn_vf rnn_vzero(void) { rnn_vf v = {0, 0, 0, 0}; return v; }
static inline rnn_vf rnn_vload(const float *p) { rnn_vf v; memcpy(&v, p, sizeof v); return v; }
static inline void rnn_vstore(float *p, rnn_vf v) { memcpy(p, &v, sizeof v); }
static inline rnn_vf rnn_vbcast(const float *p) { rnn_vf v = {*p, *p, *p, *p}; return v; }
static inline rnn_vf rnn_vset1(float x) { rnn_vf v = {x, x, x, x}; return v; }
#define rnn_vfma(a, b, c) ((a) * (b) + (c))
#define rnn_vmul(a, b) ((a) * (b))
#define rnn_vadd(a, b) ((a) + (b))
#else
#define RNN_SIMD_NAME "scalar"
#define RNN_VL 1
typedef float rnn_vf;
#define rnn_vzero() 0.0f
#define rnn_vload(p) (*(p))
#define rnn_vstore(p, v) (*(p) = (v))
#define rnn_vbcast(p) (*(p))
#define rnn_vset1(x) (x)
#define rnn_vfma(a, b, c) ((a) * (b) + (c))
#define rnn_vmul(a, b) ((a) * (b))
#define rnn_vadd(a, b) ((a) + (b))
#endif

#endif
