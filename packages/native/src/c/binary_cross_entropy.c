#include "binary_cross_entropy.h"

#include <math.h>

#include "mathfun.h"

/* Elements per block: the losses of one block go through a small buffer, so that the elementwise loop
 * vectorises (a float sum inside it would not, without -ffast-math's reassociation) and the sum runs
 * in double after it. */
#define BLOCK 256

double rnn_binary_cross_entropy(int64_t n, const float *logits, const float *targets, const float *mask,
                                float *grad) {
  double total = 0;
  float losses[BLOCK];
  for (int64_t i0 = 0; i0 < n; i0 += BLOCK) {
    const int64_t count = n - i0 < BLOCK ? n - i0 : BLOCK;
    const float *z = logits + i0, *y = targets + i0, *m = mask + i0;
    float *g = grad + i0;
    for (int64_t i = 0; i < count; i++) {
      /* One e = e^-|z| (in (0, 1]: never overflows) for both the loss and the sigmoid. */
      const float e = rnn_exp(-fabsf(z[i]));
      /* log(1 + e) as 2 atanh(s), s = e / (2 + e) in (0, 1/3]: a series in s^2 <= 1/9 that keeps a tiny
       * e's own value (1 + e would round it away) and needs no libm call. */
      const float s = e / (2.0f + e), s2 = s * s;
      float p = 1.0f / 15.0f;
      p = p * s2 + 1.0f / 13.0f;
      p = p * s2 + 1.0f / 11.0f;
      p = p * s2 + 1.0f / 9.0f;
      p = p * s2 + 1.0f / 7.0f;
      p = p * s2 + 1.0f / 5.0f;
      p = p * s2 + 1.0f / 3.0f;
      p = p * s2 + 1.0f;
      const float relu = z[i] > 0.0f ? z[i] : 0.0f;
      const float sigmoid = (z[i] >= 0.0f ? 1.0f : e) / (1.0f + e);
      const int counted = m[i] != 0.0f;
      losses[i] = counted ? m[i] * (relu - z[i] * y[i] + 2.0f * s * p) : 0.0f;
      g[i] = counted ? m[i] * (sigmoid - y[i]) : 0.0f;
    }
    for (int64_t i = 0; i < count; i++) total += (double)losses[i];
  }
  return total;
}
