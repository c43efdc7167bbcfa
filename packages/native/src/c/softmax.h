/* Softmax cross-entropy over rows of logits: the loss of a language model's every step in one pass. */
#ifndef RNN_SOFTMAX_H
#define RNN_SOFTMAX_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* For each row r of logits [rows, classes] with mask[r] != 0 and 0 <= targets[r] < classes: writes
 * softmax(logits[r]) to probs[r] and adds mask[r] * -log softmax(logits[r])[targets[r]] to the
 * returned sum. Other rows of probs are set to zero and add nothing. */
double rnn_softmax_cross_entropy(int64_t rows, int64_t classes, const float *logits, const int32_t *targets,
                                 const float *mask, float *probs);

#ifdef __cplusplus
}
#endif

#endif
