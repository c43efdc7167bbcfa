/* The layout copy of the fused recurrence's callers, in C because V8 moves a float32 element in
 * about 2-4 ns (a load widened to double and narrowed back), where this loop moves a row of them
 * per few cycles: a 2x512 character model copies some 20 MB per training step this way. */
#include "swap_axes.h"

#include <string.h>

void rnn_swap_leading_axes(const float *restrict from, float *restrict to, size_t n0, size_t n1, size_t inner) {
  if (inner == 1) {
    /* A plain transpose: blocks of the source rows keep both sides' reads and writes in cache. */
    enum { TILE = 32 };
    for (size_t i0 = 0; i0 < n0; i0 += TILE)
      for (size_t j0 = 0; j0 < n1; j0 += TILE) {
        const size_t i1 = i0 + TILE < n0 ? i0 + TILE : n0, j1 = j0 + TILE < n1 ? j0 + TILE : n1;
        for (size_t i = i0; i < i1; i++)
          for (size_t j = j0; j < j1; j++) to[j * n0 + i] = from[i * n1 + j];
      }
    return;
  }
  for (size_t i = 0; i < n0; i++)
    for (size_t j = 0; j < n1; j++) memcpy(to + (j * n0 + i) * inner, from + (i * n1 + j) * inner, inner * sizeof(float));
}
