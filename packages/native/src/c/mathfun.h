/* exp, sigmoid and tanh written as branch-free scalar code that GCC and Clang auto-vectorise inside
 * the elementwise loops (no libm calls, no -ffast-math needed). Accuracy: a few ulp relative for exp
 * and sigmoid; tanh within 2e-7 absolute and a few ulp relative (polynomial below |x| = 0.625, the
 * Cephes tanhf split). */
#ifndef RNN_MATHFUN_H
#define RNN_MATHFUN_H

#include <math.h>
#include <stdint.h>
#include <string.h>

static inline float rnn_bits_to_float(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

static inline uint32_t rnn_float_to_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

/* e^x for x in [-87, 88.3] (clamped outside: callers only need saturation there). */
static inline float rnn_exp(float x) {
  x = x < -87.0f ? -87.0f : x;
  x = x > 88.3f ? 88.3f : x;
  /* n = round(x / ln 2) with the 1.5 * 2^23 trick: the sum's low mantissa bits hold n. */
  const float magic = 12582912.0f;
  const float t = x * 1.44269504088896341f + magic;
  const float n = t - magic;
  const uint32_t ni = rnn_float_to_bits(t) - rnn_float_to_bits(magic);
  float r = x - n * 0.693359375f;
  r = r + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  return rnn_bits_to_float(rnn_float_to_bits(p) + (ni << 23));
}

static inline float rnn_sigmoid(float x) { return 1.0f / (1.0f + rnn_exp(-x)); }

static inline float rnn_tanh(float x) {
  const float ax = fabsf(x);
  const float e = rnn_exp(2.0f * ax);
  const float big = 1.0f - 2.0f / (e + 1.0f);
  const float s = x * x;
  float p = -5.70498872745e-3f;
  p = p * s + 2.06390887954e-2f;
  p = p * s - 5.37397155531e-2f;
  p = p * s + 1.33314422036e-1f;
  p = p * s - 3.33332819422e-1f;
  const float small = p * s * ax + ax;
  return copysignf(ax < 0.625f ? small : big, x);
}

#endif
