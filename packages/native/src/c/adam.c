#include "adam.h"

#include <math.h>

void rnn_adam_update(int64_t n, const float *w, const float *g, float *m, float *v, float *out, float lr, float beta1,
                     float beta2, float eps, float correction1, float correction2) {
  const float a1 = 1.0f - beta1, a2 = 1.0f - beta2, inv1 = 1.0f / correction1, inv2 = 1.0f / correction2;
  for (int64_t k = 0; k < n; k++) {
    const float mk = m[k] * beta1 + g[k] * a1;
    const float vk = v[k] * beta2 + g[k] * g[k] * a2;
    m[k] = mk;
    v[k] = vk;
    out[k] = w[k] - (lr * (mk * inv1)) / (sqrtf(vk * inv2) + eps);
  }
}
