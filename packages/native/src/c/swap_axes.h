#ifndef RNN_SWAP_AXES_H
#define RNN_SWAP_AXES_H

#include <stddef.h>

/* to[j][i][:] = from[i][j][:] for from [n0, n1, inner]: the batch-major <-> time-major copy around a
 * fused recurrence. Rows of `inner` floats are moved whole; the buffers must not overlap. */
void rnn_swap_leading_axes(const float *from, float *to, size_t n0, size_t n1, size_t inner);

#endif
