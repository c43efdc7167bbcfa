/* The fused recurrences. Sequences are independent, so the batch is split into contiguous row ranges,
 * one per thread, and each thread runs all T steps of its rows with no synchronisation between steps.
 * Per step: one product with the recurrent kernel, packed once per call (two for the GRUs: the
 * reset-before GRU's candidate multiplies r*h, and the reset-after GRU's h*U_h + rb_h is saved apart
 * from its gates), then the elementwise cell math. The kernel gradient is one large product after the
 * backward loop: dU = H^T dZ over all T*B rows (for the reset-before GRU's candidate block,
 * (r*h)^T dZ_h; for the reset-after GRU's, H^T dN with dN the gradient of h*U_h + rb_h). */
#include "rnn.h"

#include <stdlib.h>
#include <string.h>

#include "gemm.h"
#include "mathfun.h"
#include "pool.h"

int rnn_gates(int cell) { return cell == RNN_LSTM ? 4 : cell == RNN_GRU || cell == RNN_GRU_RESET_AFTER ? 3 : 1; }

int rnn_saved_width(int cell, int units) {
  return rnn_gates(cell) * units + (cell == RNN_LSTM || cell == RNN_GRU_RESET_AFTER ? units : 0);
}

int rnn_has_recurrent_bias(int cell) { return cell == RNN_GRU_RESET_AFTER; }

/* Whether the recurrent product is split in two, U[:, 0:2U] and U[:, 2U:3U]: the GRUs. */
static int split_product(int cell) { return cell == RNN_GRU || cell == RNN_GRU_RESET_AFTER; }

static void sigmoid_inplace(float *restrict x, int n) {
  for (int j = 0; j < n; j++) x[j] = rnn_sigmoid(x[j]);
}

static void tanh_inplace(float *restrict x, int n) {
  for (int j = 0; j < n; j++) x[j] = rnn_tanh(x[j]);
}

static void relu_inplace(float *restrict x, int n) {
  for (int j = 0; j < n; j++) x[j] = x[j] > 0.0f ? x[j] : 0.0f;
}

/* The elementwise parts of each cell, as functions with restrict parameters so that GCC vectorises
 * them without runtime alias checks. */

static void lstm_cell_forward(int n, const float *restrict gi, const float *restrict gf, const float *restrict gg,
                              const float *restrict go, const float *restrict cp, float *restrict cn,
                              float *restrict h) {
  for (int j = 0; j < n; j++) {
    const float c = gf[j] * cp[j] + gi[j] * gg[j];
    cn[j] = c;
    h[j] = rnn_tanh(c) * go[j];
  }
}

static void mul_into(int n, const float *restrict x, const float *restrict y, float *restrict out) {
  for (int j = 0; j < n; j++) out[j] = x[j] * y[j];
}

static void gru_blend(int n, const float *restrict z, const float *restrict hp, const float *restrict cand,
                      float *restrict h) {
  for (int j = 0; j < n; j++) h[j] = z[j] * hp[j] + (1.0f - z[j]) * cand[j];
}

static void add_into(int n, const float *restrict x, float *restrict acc) {
  for (int j = 0; j < n; j++) acc[j] += x[j];
}

/* The reset-after GRU's candidate before its tanh: x*W_h + b_h + r * (h*U_h + rb_h). */
static void gru_reset_after_candidate(int n, const float *restrict xh, const float *restrict rg,
                                      const float *restrict hu, float *restrict cand) {
  for (int j = 0; j < n; j++) cand[j] = xh[j] + rg[j] * hu[j];
}

static void lstm_cell_backward(int n, const float *restrict gi, const float *restrict gf, const float *restrict gg,
                               const float *restrict go, const float *restrict c, const float *restrict cp,
                               const float *restrict dh, float *restrict dc, float *restrict dzi,
                               float *restrict dzf, float *restrict dzg, float *restrict dzo) {
  for (int j = 0; j < n; j++) {
    const float i = gi[j], f = gf[j], g = gg[j], o = go[j], th = rnn_tanh(c[j]), d = dh[j];
    const float dct = dc[j] + d * o * (1.0f - th * th);
    dzi[j] = dct * g * i * (1.0f - i);
    dzf[j] = dct * cp[j] * f * (1.0f - f);
    dzg[j] = dct * i * (1.0f - g * g);
    dzo[j] = d * th * o * (1.0f - o);
    dc[j] = dct * f;
  }
}

static void gru_cell_backward(int n, const float *restrict z, const float *restrict rg, const float *restrict hh,
                              const float *restrict hp, float *restrict dh, float *restrict dzz,
                              float *restrict dzh, float *restrict rh) {
  for (int j = 0; j < n; j++) {
    const float d = dh[j], zj = z[j], hj = hh[j];
    dzz[j] = d * (hp[j] - hj) * zj * (1.0f - zj);
    dzh[j] = d * (1.0f - zj) * (1.0f - hj * hj);
    dh[j] = d * zj; /* the direct path h_{t-1} -> h_t */
    rh[j] = rg[j] * hp[j];
  }
}

/* The reset-after GRU, one row: dz of the projection (z, r, h blocks), dN = d(h*U_h + rb_h), and dh
 * replaced by its direct path h_{t-1} -> h_t. */
static void gru_reset_after_backward(int n, const float *restrict z, const float *restrict rg,
                                     const float *restrict hh, const float *restrict hu, const float *restrict hp,
                                     float *restrict dh, float *restrict dzz, float *restrict dzr,
                                     float *restrict dzh, float *restrict dn) {
  for (int j = 0; j < n; j++) {
    const float d = dh[j], zj = z[j], rj = rg[j], hj = hh[j];
    const float dc = d * (1.0f - zj) * (1.0f - hj * hj);
    dzz[j] = d * (hp[j] - hj) * zj * (1.0f - zj);
    dzr[j] = dc * hu[j] * rj * (1.0f - rj);
    dzh[j] = dc;
    dn[j] = dc * rj;
    dh[j] = d * zj;
  }
}

static void gru_reset_backward(int n, const float *restrict drh, const float *restrict rg, const float *restrict hp,
                               float *restrict dzr, float *restrict dh) {
  for (int j = 0; j < n; j++) {
    dzr[j] = drh[j] * hp[j] * rg[j] * (1.0f - rg[j]);
    dh[j] += drh[j] * rg[j];
  }
}

static void elman_backward(int cell, int n, const float *restrict h, const float *restrict dh, float *restrict dz) {
  if (cell == RNN_ELMAN_TANH)
    for (int j = 0; j < n; j++) dz[j] = dh[j] * (1.0f - h[j] * h[j]);
  else if (cell == RNN_ELMAN_RELU)
    for (int j = 0; j < n; j++) dz[j] = h[j] > 0.0f ? dh[j] : 0.0f;
  else
    for (int j = 0; j < n; j++) dz[j] = dh[j];
}

static inline int valid_at(const int32_t *lengths, int b, int t) { return lengths == NULL || t < lengths[b]; }

static inline size_t row(int t, int B, int b) { return (size_t)t * B + b; }

/* Rows b0..b1 of a batch split evenly into `parts` contiguous ranges, one per thread. */
static void part_rows(int batch, int part, int parts, int *b0, int *b1) {
  *b0 = (int)((long long)batch * part / parts);
  *b1 = (int)((long long)batch * (part + 1) / parts);
}

/* Work below which the call stays on one thread (multiply-adds of the per-step products). */
#define PARALLEL_MIN_MACS (1 << 20)

static int parts_for(int T, int B, int U, int G) {
  const int threads = rnn_pool_threads();
  const double macs = (double)T * B * U * G * U;
  if (threads <= 1 || B < 2 || macs < PARALLEL_MIN_MACS) return 1;
  return B < threads ? B : threads;
}

static float *alloc_floats(size_t n) {
  void *p = NULL;
  if (posix_memalign(&p, 64, (n ? n : 1) * sizeof(float)) != 0) return NULL;
  return (float *)p;
}

/* ---------------------------------------------------------------- forward */

typedef struct {
  const rnn_forward_args *a;
  const float *packed;   /* U (Elman, LSTM) or U[:, 0:2U] (GRUs), packed */
  const float *packed_h; /* GRUs: U[:, 2U:3U], packed */
  int failed;
} fwd_job;

/* The reset-after GRU's forward pass over rows b0..b1 (nb of them) at step t: the saved row holds
 * [z, r, candidate, h*U_h + rb_h]. */
static void gru_reset_after_step(const fwd_job *job, int t, int b0, int nb, const float *hprev, float *hnext) {
  const rnn_forward_args *a = job->a;
  const int B = a->batch, U = a->units, GU = 3 * U, W = 4 * U;
  const size_t ub = (size_t)U * sizeof(float);
  const float *rb = a->recurrent_bias;
  float *g = a->saved_gates + row(t, B, b0) * W;
  const float *p = a->projected + row(t, B, b0) * GU;
  for (int r = 0; r < nb; r++) {
    float *gr = g + (size_t)r * W;
    memcpy(gr, p + (size_t)r * GU, (size_t)2 * ub);
    add_into(2 * U, rb, gr);
    memcpy(gr + GU, rb + 2 * U, ub);
  }
  rnn_gemm_packed(nb, 2 * U, U, hprev, U, job->packed, 1.0f, g, W);
  rnn_gemm_packed(nb, U, U, hprev, U, job->packed_h, 1.0f, g + GU, W);
  for (int r = 0; r < nb; r++) {
    const int b = b0 + r;
    float *gr = g + (size_t)r * W;
    const float *hp = hprev + (size_t)r * U;
    float *hn = hnext + (size_t)r * U;
    float *out = a->outputs + row(t, B, b) * U;
    if (!valid_at(a->lengths, b, t)) {
      memcpy(hn, hp, ub);
      memset(out, 0, ub);
      continue;
    }
    sigmoid_inplace(gr, 2 * U);
    gru_reset_after_candidate(U, p + (size_t)r * GU + 2 * U, gr + U, gr + GU, gr + 2 * U);
    tanh_inplace(gr + 2 * U, U);
    gru_blend(U, gr, hp, gr + 2 * U, hn);
    memcpy(out, hn, ub);
  }
}

static void forward_rows(fwd_job *job, int b0, int b1) {
  const rnn_forward_args *a = job->a;
  const int T = a->time, B = a->batch, U = a->units, cell = a->cell;
  const int G = rnn_gates(cell), GU = G * U, W = rnn_saved_width(cell, U);
  const int nb = b1 - b0;
  const size_t ub = (size_t)U * sizeof(float);
  if (nb <= 0) return;
  if (T == 0) {
    memcpy(a->hT + (size_t)b0 * U, a->h0 + (size_t)b0 * U, ub * nb);
    if (cell == RNN_LSTM) memcpy(a->cT + (size_t)b0 * U, a->c0 + (size_t)b0 * U, ub * nb);
    return;
  }
  float *rh = NULL;
  if (cell == RNN_GRU) {
    rh = alloc_floats((size_t)nb * U);
    if (!rh) {
      job->failed = 1;
      return;
    }
  }
  memcpy(a->saved_inputs + row(0, B, b0) * U, a->h0 + (size_t)b0 * U, ub * nb);
  const int n1 = split_product(cell) ? 2 * U : GU; /* columns of the first product */
  for (int t = 0; t < T; t++) {
    const float *hprev = a->saved_inputs + row(t, B, b0) * U;
    float *hnext = t + 1 < T ? a->saved_inputs + row(t + 1, B, b0) * U : a->hT + (size_t)b0 * U;
    if (cell == RNN_GRU_RESET_AFTER) {
      gru_reset_after_step(job, t, b0, nb, hprev, hnext);
      continue;
    }
    float *g = a->saved_gates + row(t, B, b0) * W;
    const float *p = a->projected + row(t, B, b0) * GU;
    for (int r = 0; r < nb; r++) memcpy(g + (size_t)r * W, p + (size_t)r * GU, (size_t)n1 * sizeof(float));
    rnn_gemm_packed(nb, n1, U, hprev, U, job->packed, 1.0f, g, W);
    for (int r = 0; r < nb; r++) {
      const int b = b0 + r;
      float *gr = g + (size_t)r * W;
      const float *hp = hprev + (size_t)r * U;
      float *hn = hnext + (size_t)r * U;
      float *out = a->outputs + row(t, B, b) * U;
      const float *cp = NULL;
      if (cell == RNN_LSTM) cp = t == 0 ? a->c0 + (size_t)b * U : a->saved_gates + row(t - 1, B, b) * W + GU;
      if (!valid_at(a->lengths, b, t)) {
        memcpy(hn, hp, ub);
        memset(out, 0, ub);
        if (cell == RNN_LSTM) memcpy(gr + GU, cp, ub);
        if (cell == RNN_GRU) memset(rh + (size_t)r * U, 0, ub);
        continue;
      }
      switch (cell) {
        case RNN_ELMAN_TANH:
          tanh_inplace(gr, U);
          break;
        case RNN_ELMAN_RELU:
          relu_inplace(gr, U);
          break;
        case RNN_LSTM: {
          sigmoid_inplace(gr, 2 * U);
          tanh_inplace(gr + 2 * U, U);
          sigmoid_inplace(gr + 3 * U, U);
          lstm_cell_forward(U, gr, gr + U, gr + 2 * U, gr + 3 * U, cp, gr + GU, hn);
          memcpy(out, hn, ub);
          continue;
        }
        case RNN_GRU: {
          sigmoid_inplace(gr, 2 * U);
          mul_into(U, gr + U, hp, rh + (size_t)r * U);
          continue;
        }
        default: /* elman-linear */
          break;
      }
      memcpy(hn, gr, ub);
      memcpy(out, gr, ub);
    }
    if (cell == RNN_GRU) {
      for (int r = 0; r < nb; r++)
        memcpy(g + (size_t)r * W + 2 * U, p + (size_t)r * GU + 2 * U, (size_t)U * sizeof(float));
      rnn_gemm_packed(nb, U, U, rh, U, job->packed_h, 1.0f, g + 2 * U, W);
      for (int r = 0; r < nb; r++) {
        const int b = b0 + r;
        if (!valid_at(a->lengths, b, t)) continue;
        float *gr = g + (size_t)r * W;
        float *hn = hnext + (size_t)r * U;
        tanh_inplace(gr + 2 * U, U);
        gru_blend(U, gr, hprev + (size_t)r * U, gr + 2 * U, hn);
        memcpy(a->outputs + row(t, B, b) * U, hn, ub);
      }
    }
  }
  if (cell == RNN_LSTM)
    for (int r = 0; r < nb; r++)
      memcpy(a->cT + (size_t)(b0 + r) * U, a->saved_gates + row(T - 1, B, b0 + r) * W + GU, ub);
  free(rh);
}

static void forward_part(void *arg, int part, int parts) {
  fwd_job *job = (fwd_job *)arg;
  int b0, b1;
  part_rows(job->a->batch, part, parts, &b0, &b1);
  forward_rows(job, b0, b1);
}

int rnn_forward(const rnn_forward_args *a) {
  const int U = a->units, G = rnn_gates(a->cell), GU = G * U;
  fwd_job job = {a, NULL, NULL, 0};
  float *packed = NULL, *packed_h = NULL;
  if (a->batch <= 0) return 0;
  if (a->time > 0 && U > 0) {
    const int n1 = split_product(a->cell) ? 2 * U : GU;
    packed = alloc_floats(rnn_packed_b_floats(U, n1));
    if (!packed) return -1;
    rnn_pack_b(0, U, n1, a->kernel, GU, packed);
    if (split_product(a->cell)) {
      packed_h = alloc_floats(rnn_packed_b_floats(U, U));
      if (!packed_h) {
        free(packed);
        return -1;
      }
      rnn_pack_b(0, U, U, a->kernel + 2 * U, GU, packed_h);
    }
  }
  job.packed = packed;
  job.packed_h = packed_h;
  const int parts = parts_for(a->time, a->batch, U, G);
  if (parts > 1)
    rnn_parallel(forward_part, &job, parts);
  else
    forward_rows(&job, 0, a->batch);
  free(packed);
  free(packed_h);
  return job.failed ? -1 : 0;
}

/* ---------------------------------------------------------------- backward */

typedef struct {
  const rnn_backward_args *a;
  const float *packed_t;   /* U^T (Elman, LSTM) or U[:, 0:2U]^T (GRUs), packed */
  const float *packed_ht;  /* GRUs: U[:, 2U:3U]^T, packed */
  float *rh_all;           /* GRU: r*h for every step and row, [T, B, U], for dU's candidate block */
  float *dn_all;           /* reset-after GRU: d(h*U_h + rb_h) for every step and row, [T, B, U] */
  int failed;
} bwd_job;

static void backward_rows(bwd_job *job, int b0, int b1) {
  const rnn_backward_args *a = job->a;
  const int T = a->time, B = a->batch, U = a->units, cell = a->cell;
  const int G = rnn_gates(cell), GU = G * U, W = rnn_saved_width(cell, U);
  const int nb = b1 - b0;
  const size_t ub = (size_t)U * sizeof(float);
  if (nb <= 0) return;
  /* dh, the next dh, dc (LSTM) and d(r*h) (GRU). */
  float *buf = alloc_floats((size_t)nb * U * 4);
  if (!buf) {
    job->failed = 1;
    return;
  }
  float *dh = buf, *dhn = buf + (size_t)nb * U, *dc = buf + (size_t)2 * nb * U, *aux = buf + (size_t)3 * nb * U;
  memcpy(dh, a->dhT + (size_t)b0 * U, ub * nb);
  if (cell == RNN_LSTM) memcpy(dc, a->dcT + (size_t)b0 * U, ub * nb);
  for (int t = T - 1; t >= 0; t--) {
    const float *hprev = a->saved_inputs + row(t, B, b0) * U;
    const float *g = a->saved_gates + row(t, B, b0) * W;
    float *dp = a->projected_grad + row(t, B, b0) * GU;
    for (int r = 0; r < nb; r++) {
      const int b = b0 + r;
      float *dpr = dp + (size_t)r * GU;
      if (!valid_at(a->lengths, b, t)) {
        memset(dpr, 0, (size_t)GU * sizeof(float));
        if (cell == RNN_GRU) memset(job->rh_all + row(t, B, b) * U, 0, ub);
        if (cell == RNN_GRU_RESET_AFTER) memset(job->dn_all + row(t, B, b) * U, 0, ub);
        continue;
      }
      const float *gr = g + (size_t)r * W;
      float *dht = dh + (size_t)r * U;
      add_into(U, a->outputs_grad + row(t, B, b) * U, dht);
      if (cell == RNN_LSTM) {
        const float *cp = t == 0 ? a->c0 + (size_t)b * U : a->saved_gates + row(t - 1, B, b) * W + GU;
        lstm_cell_backward(U, gr, gr + U, gr + 2 * U, gr + 3 * U, gr + GU, cp, dht, dc + (size_t)r * U, dpr,
                           dpr + U, dpr + 2 * U, dpr + 3 * U);
      } else if (cell == RNN_GRU) {
        gru_cell_backward(U, gr, gr + U, gr + 2 * U, hprev + (size_t)r * U, dht, dpr, dpr + 2 * U,
                          job->rh_all + row(t, B, b) * U);
      } else if (cell == RNN_GRU_RESET_AFTER) {
        gru_reset_after_backward(U, gr, gr + U, gr + 2 * U, gr + GU, hprev + (size_t)r * U, dht, dpr, dpr + U,
                                 dpr + 2 * U, job->dn_all + row(t, B, b) * U);
      } else {
        elman_backward(cell, U, gr, dht, dpr);
      }
    }
    if (cell == RNN_GRU_RESET_AFTER) {
      /* dh_{t-1} = dh * z + [dZ_z, dZ_r] U[:, 0:2U]^T + dN U_h^T. */
      rnn_gemm_packed(nb, U, 2 * U, dp, GU, job->packed_t, 0.0f, dhn, U);
      rnn_gemm_packed(nb, U, U, job->dn_all + row(t, B, b0) * U, U, job->packed_ht, 1.0f, dhn, U);
      for (int r = 0; r < nb; r++) {
        if (!valid_at(a->lengths, b0 + r, t))
          memcpy(dhn + (size_t)r * U, dh + (size_t)r * U, ub);
        else
          add_into(U, dh + (size_t)r * U, dhn + (size_t)r * U);
      }
    } else if (cell == RNN_GRU) {
      /* d(r*h) = dZ_h U_h^T, then the reset gate's gradient and its path into h_{t-1}. */
      float *drh = aux;
      rnn_gemm_packed(nb, U, U, dp + 2 * U, GU, job->packed_ht, 0.0f, drh, U);
      for (int r = 0; r < nb; r++) {
        if (!valid_at(a->lengths, b0 + r, t)) continue;
        gru_reset_backward(U, drh + (size_t)r * U, g + (size_t)r * W + U, hprev + (size_t)r * U,
                           dp + (size_t)r * GU + U, dh + (size_t)r * U);
      }
      rnn_gemm_packed(nb, U, 2 * U, dp, GU, job->packed_t, 0.0f, dhn, U);
      for (int r = 0; r < nb; r++) {
        if (!valid_at(a->lengths, b0 + r, t))
          memcpy(dhn + (size_t)r * U, dh + (size_t)r * U, ub);
        else
          add_into(U, dh + (size_t)r * U, dhn + (size_t)r * U);
      }
    } else {
      rnn_gemm_packed(nb, U, GU, dp, GU, job->packed_t, 0.0f, dhn, U);
      for (int r = 0; r < nb; r++)
        if (!valid_at(a->lengths, b0 + r, t)) memcpy(dhn + (size_t)r * U, dh + (size_t)r * U, ub);
    }
    float *swap = dh;
    dh = dhn;
    dhn = swap;
  }
  memcpy(a->dh0 + (size_t)b0 * U, dh, ub * nb);
  if (cell == RNN_LSTM) memcpy(a->dc0 + (size_t)b0 * U, dc, ub * nb);
  free(buf);
}

static void backward_part(void *arg, int part, int parts) {
  bwd_job *job = (bwd_job *)arg;
  int b0, b1;
  part_rows(job->a->batch, part, parts, &b0, &b1);
  backward_rows(job, b0, b1);
}

int rnn_backward(const rnn_backward_args *a) {
  const int T = a->time, B = a->batch, U = a->units, cell = a->cell;
  const int G = rnn_gates(cell), GU = G * U;
  bwd_job job = {a, NULL, NULL, NULL, NULL, 0};
  float *packed_t = NULL, *packed_ht = NULL;
  int rc = 0;
  if (T > 0 && B > 0 && U > 0) {
    const int k1 = split_product(cell) ? 2 * U : GU;
    packed_t = alloc_floats(rnn_packed_b_floats(k1, U));
    if (!packed_t) return -1;
    rnn_pack_b(1, k1, U, a->kernel, GU, packed_t);
    if (split_product(cell)) {
      float **per_row = cell == RNN_GRU ? &job.rh_all : &job.dn_all;
      packed_ht = alloc_floats(rnn_packed_b_floats(U, U));
      *per_row = alloc_floats((size_t)T * B * U);
      if (!packed_ht || !*per_row) {
        rc = -1;
        goto done;
      }
      rnn_pack_b(1, U, U, a->kernel + 2 * U, GU, packed_ht);
    }
  }
  job.packed_t = packed_t;
  job.packed_ht = packed_ht;
  if (B > 0) {
    const int parts = parts_for(T, B, U, G);
    if (parts > 1)
      rnn_parallel(backward_part, &job, parts);
    else
      backward_rows(&job, 0, B);
    if (job.failed) {
      rc = -1;
      goto done;
    }
  }
  /* dU = sum over steps and rows of h_{t-1}^T dZ_t (padded rows have dZ = 0). */
  const int TB = T * B;
  if (cell == RNN_GRU) {
    rnn_sgemm(1, 0, U, 2 * U, TB, 1.0f, a->saved_inputs, U, a->projected_grad, GU, 0.0f, a->kernel_grad, GU);
    rnn_sgemm(1, 0, U, U, TB, 1.0f, job.rh_all, U, a->projected_grad + 2 * U, GU, 0.0f, a->kernel_grad + 2 * U, GU);
  } else if (cell == RNN_GRU_RESET_AFTER) {
    /* The candidate block's gradient flows through dN, not dZ_h; drb sums the same rows. */
    rnn_sgemm(1, 0, U, 2 * U, TB, 1.0f, a->saved_inputs, U, a->projected_grad, GU, 0.0f, a->kernel_grad, GU);
    rnn_sgemm(1, 0, U, U, TB, 1.0f, a->saved_inputs, U, job.dn_all, U, 0.0f, a->kernel_grad + 2 * U, GU);
    float *drb = a->recurrent_bias_grad;
    memset(drb, 0, (size_t)GU * sizeof(float));
    for (int i = 0; i < TB; i++) {
      add_into(2 * U, a->projected_grad + (size_t)i * GU, drb);
      add_into(U, job.dn_all + (size_t)i * U, drb + 2 * U);
    }
  } else {
    rnn_sgemm(1, 0, U, GU, TB, 1.0f, a->saved_inputs, U, a->projected_grad, GU, 0.0f, a->kernel_grad, GU);
  }
done:
  free(packed_t);
  free(packed_ht);
  free(job.rh_all);
  free(job.dn_all);
  return rc;
}
