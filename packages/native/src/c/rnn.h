/* Fused whole-sequence forward and backward passes of the recurrent cells. Layouts follow
 * packages/kernel-abi/src/sequence-kernel.ts: dense float32, row-major, time-major [T, B, N]. */
#ifndef RNN_RNN_H
#define RNN_RNN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The codes of packages/kernel-abi/src/kernel-cell.ts. RNN_GRU_RESET_AFTER is torch.nn.GRU's form:
 * a recurrent bias rb, and the reset gate applied to h*U_h + rb_h after the recurrent product. */
enum rnn_cell {
  RNN_ELMAN_TANH = 0,
  RNN_ELMAN_RELU = 1,
  RNN_ELMAN_LINEAR = 2,
  RNN_LSTM = 3,
  RNN_GRU = 4,
  RNN_GRU_RESET_AFTER = 5
};

#define RNN_CELL_MAX RNN_GRU_RESET_AFTER

int rnn_gates(int cell);       /* 1, 4 or 3 */
int rnn_saved_width(int cell, int units); /* G*U (+U for LSTM's c and the reset-after GRU's h*U_h + rb_h) */
int rnn_has_recurrent_bias(int cell); /* 1 for the reset-after GRU */

typedef struct {
  int cell, time, batch, units;
  const float *projected;       /* [T, B, G*U] */
  const float *kernel;          /* [U, G*U] */
  const float *recurrent_bias;  /* [G*U]; only for the reset-after GRU */
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
  float *recurrent_bias_grad;   /* [G*U], overwritten; only for the reset-after GRU */
  float *dh0, *dc0;             /* [B, U] */
} rnn_backward_args;

/* Both return 0, or -1 when out of memory (nothing useful written then). */
int rnn_forward(const rnn_forward_args *a);
int rnn_backward(const rnn_backward_args *a);

#ifdef __cplusplus
}
#endif

#endif
