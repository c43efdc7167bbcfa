#include "softmax.h"

#include <math.h>
#include <string.h>

#include "mathfun.h"

double rnn_softmax_cross_entropy(int64_t rows, int64_t classes, const float *logits, const int32_t *targets,
                                 const float *mask, float *probs) {
  double total = 0;
  for (int64_t r = 0; r < rows; r++) {
    const float *z = logits + r * classes;
    float *p = probs + r * classes;
    const int32_t target = targets[r];
    if (mask[r] == 0.0f || target < 0 || target >= classes) {
      memset(p, 0, (size_t)classes * sizeof *p);
      continue;
    }
    float max = z[0];
    for (int64_t c = 1; c < classes; c++) max = z[c] > max ? z[c] : max;
    /* Sums in float lanes the compiler vectorises, then in double across rows. */
    float sum = 0.0f;
    for (int64_t c = 0; c < classes; c++) {
      const float e = rnn_exp(z[c] - max);
      p[c] = e;
      sum += e;
    }
    const float inv = 1.0f / sum;
    for (int64_t c = 0; c < classes; c++) p[c] *= inv;
    total += (double)mask[r] * ((double)max + log((double)sum) - (double)z[target]);
  }
  return total;
}
