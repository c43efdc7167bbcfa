/* Fused whole-sequence forward and backward passes of the recurrent cells. Layouts follow
 * packages/models/src/kernels/sequence-kernel.ts: dense float32, row-major, time-major [T, B, N]. */
#ifndef RNN_RNN_H
#define RNN_RNN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rnn_cell { RNN_ELMAN_TANH = 0, RNN_ELMAN_RELU = 1, RNN_ELMAN_LINEAR = 2, RNN_LSTM = 3, RNN_GRU = 4 };

int rnn_gates(int cell);       /* 1, 4 or 3 */
int rnn_saved_width(int cell, int units); /* G*U (+U for LSTM) */

typedef struct {
  int cell, time, batch, units;
  const float *projected;       /* [T, B, G*U] */
  const float *kernel;          /* [U, G*U] */
  const float *h0, *c0;         /* [B, U]; c0 only for LSTM */
  const int32_t *lengths;       /* [B] or NULL */
  float *outputs;               /* [T, B, U] */
  float *hT, *cT;               /* [B, U] */
  float *saved_inputs;          /* [T, B, U] */
  float *saved_gates;           /* [T, B, W] */
} rnn_forward_args;

typedef struct {
  int cell, time, batch, units;
  const float *kernel;
  const float *h0, *c0;
  const int32_t *lengths;
  const float *saved_inputs, *saved_gates;
  const float *outputs_grad;    /* [T, B, U] */
  const float *dhT, *dcT;       /* [B, U] */
  float *projected_grad;        /* [T, B, G*U] */
  float *kernel_grad;           /* [U, G*U], overwritten */
  float *dh0, *dc0;             /* [B, U] */
} rnn_backward_args;

/* Both return 0, or -1 when out of memory (nothing useful written then). */
int rnn_forward(const rnn_forward_args *a);
int rnn_backward(const rnn_backward_args *a);

#ifdef __cplusplus
}
#endif

#endif
