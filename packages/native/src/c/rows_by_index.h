#ifndef RNN_ROWS_BY_INDEX_H
#define RNN_ROWS_BY_INDEX_H

#include <stddef.h>
#include <stdint.h>

/* out[ids[r]][:] += values[r][:] for r < rows, rows of `width` floats: an embedding table's gradient
 * from the gradient of the rows gathered from it. The ids must index `out`; it must not overlap values. */
void rnn_sum_rows_by_index(const int32_t *ids, const float *values, size_t rows, size_t width, float *out);

#endif
