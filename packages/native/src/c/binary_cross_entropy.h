/* Sigmoid binary cross-entropy on logits with its gradient: a per-step binary target's loss in one pass. */
#ifndef RNN_BINARY_CROSS_ENTROPY_H
#define RNN_BINARY_CROSS_ENTROPY_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* For each i < n with mask[i] != 0: adds mask[i] * (max(z, 0) - z y + log(1 + e^-|z|)) to the returned
 * sum (z = logits[i], y = targets[i]) and writes grad[i] = mask[i] * (sigmoid(z) - y); where the mask
 * is 0, grad[i] = 0 and nothing is added. */
double rnn_binary_cross_entropy(int64_t n, const float *logits, const float *targets, const float *mask,
                                float *grad);

#ifdef __cplusplus
}
#endif

#endif
