/* The gradient of a gathered table: rows of `width` floats added into the row their id names. V8
 * adds float32 elements one by one at a few ns each; this inner loop is vectorised. */
#include "rows_by_index.h"

void rnn_sum_rows_by_index(const int32_t *restrict ids, const float *restrict values, size_t rows, size_t width,
                           float *restrict out) {
  for (size_t r = 0; r < rows; r++) {
    float *restrict to = out + (size_t)ids[r] * width;
    const float *restrict from = values + r * width;
    for (size_t j = 0; j < width; j++) to[j] += from[j];
  }
}
