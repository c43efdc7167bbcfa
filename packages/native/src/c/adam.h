/* Adam's update of one weight array in one pass (PyTorch/tfjs formula with bias corrections). */
#ifndef RNN_ADAM_H
#define RNN_ADAM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* For each k < n: m = b1·m + (1−b1)·g, v = b2·v + (1−b2)·g² (in place), then
 * out = w − lr·(m/c1) / (sqrt(v/c2) + eps); `out` may be `w`. */
void rnn_adam_update(int64_t n, const float *w, const float *g, float *m, float *v, float *out, float lr, float beta1,
                     float beta2, float eps, float correction1, float correction2);

#ifdef __cplusplus
}
#endif

#endif
