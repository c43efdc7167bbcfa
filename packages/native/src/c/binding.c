/* N-API glue: every array argument is a Float32Array (Int32Array for lengths) used in place, through
 * its backing store at its byteOffset; sizes are checked before any C code touches memory. */
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "adam.h"
#include "binary_cross_entropy.h"
#include "gemm.h"
#include "pool.h"
#include "rnn.h"
#include "rows_by_index.h"
#include "softmax.h"
#include "swap_axes.h"

#define MAX_ARGS 20

typedef struct {
  napi_env env;
  napi_value argv[MAX_ARGS];
  size_t argc;
  const char *fn;
  int failed;
} call;

static void fail(call *c, int range, const char *what) {
  if (c->failed) return;
  char msg[256];
  snprintf(msg, sizeof msg, "@rnn/native %s: %s", c->fn, what);
  if (range)
    napi_throw_range_error(c->env, NULL, msg);
  else
    napi_throw_type_error(c->env, NULL, msg);
  c->failed = 1;
}

static int begin(call *c, napi_env env, napi_callback_info info, const char *fn, size_t min_args) {
  c->env = env;
  c->fn = fn;
  c->failed = 0;
  c->argc = MAX_ARGS;
  if (napi_get_cb_info(env, info, &c->argc, c->argv, NULL, NULL) != napi_ok) {
    fail(c, 0, "cannot read arguments");
    return 0;
  }
  if (c->argc < min_args) {
    char msg[64];
    snprintf(msg, sizeof msg, "expected %zu arguments, got %zu", min_args, c->argc);
    fail(c, 0, msg);
    return 0;
  }
  for (size_t i = c->argc; i < MAX_ARGS; i++) napi_get_undefined(env, &c->argv[i]);
  return 1;
}

static int is_nullish(call *c, size_t i) {
  napi_valuetype t;
  if (napi_typeof(c->env, c->argv[i], &t) != napi_ok) return 1;
  return t == napi_undefined || t == napi_null;
}

static int64_t get_int(call *c, size_t i, const char *name, int64_t lo, int64_t hi) {
  if (c->failed) return 0;
  double v;
  if (napi_get_value_double(c->env, c->argv[i], &v) != napi_ok || v != (double)(int64_t)v) {
    char msg[96];
    snprintf(msg, sizeof msg, "%s must be an integer", name);
    fail(c, 0, msg);
    return 0;
  }
  if (v < (double)lo || v > (double)hi) {
    char msg[128];
    snprintf(msg, sizeof msg, "%s must be in %lld..%lld, got %.0f", name, (long long)lo, (long long)hi, v);
    fail(c, 1, msg);
    return 0;
  }
  return (int64_t)v;
}

static double get_number(call *c, size_t i, const char *name) {
  if (c->failed) return 0;
  double v;
  if (napi_get_value_double(c->env, c->argv[i], &v) != napi_ok) {
    char msg[96];
    snprintf(msg, sizeof msg, "%s must be a number", name);
    fail(c, 0, msg);
    return 0;
  }
  return v;
}

static int get_bool(call *c, size_t i, const char *name) {
  if (c->failed) return 0;
  bool v;
  if (napi_get_value_bool(c->env, c->argv[i], &v) != napi_ok) {
    char msg[96];
    snprintf(msg, sizeof msg, "%s must be a boolean", name);
    fail(c, 0, msg);
    return 0;
  }
  return v;
}

/* A typed array of the given type holding at least `need` elements; NULL (and no error) when nullish
 * and optional. */
static void *get_array(call *c, size_t i, const char *name, napi_typedarray_type want, size_t need, int optional) {
  if (c->failed) return NULL;
  if (optional && is_nullish(c, i)) return NULL;
  bool is_ta = false;
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_value buffer;
  size_t offset;
  char msg[192];
  const char *type_name = want == napi_float32_array ? "Float32Array" : "Int32Array";
  if (napi_is_typedarray(c->env, c->argv[i], &is_ta) != napi_ok || !is_ta ||
      napi_get_typedarray_info(c->env, c->argv[i], &type, &length, &data, &buffer, &offset) != napi_ok ||
      type != want) {
    snprintf(msg, sizeof msg, "%s must be a %s", name, type_name);
    fail(c, 0, msg);
    return NULL;
  }
  if (length < need) {
    snprintf(msg, sizeof msg, "%s has %zu elements, needs at least %zu", name, length, need);
    fail(c, 1, msg);
    return NULL;
  }
  if (need > 0 && data == NULL) {
    snprintf(msg, sizeof msg, "%s has no backing store (detached?)", name);
    fail(c, 0, msg);
    return NULL;
  }
  return data;
}

#define DIM_MAX 0x7fffffff

/* sgemm(transA, transB, m, n, k, alpha, a, b, beta, c[, batch, strideA, strideB, strideC]):
 * c = alpha * op(a) op(b) + beta * c, dense row-major operands; batched when batch is given (a stride of
 * 0 repeats that operand for every product). */
static napi_value js_sgemm(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(&c, env, info, "sgemm", 10)) return NULL;
  const int ta = get_bool(&c, 0, "transA"), tb = get_bool(&c, 1, "transB");
  const int64_t m = get_int(&c, 2, "m", 0, DIM_MAX), n = get_int(&c, 3, "n", 0, DIM_MAX),
                k = get_int(&c, 4, "k", 0, DIM_MAX);
  const float alpha = (float)get_number(&c, 5, "alpha");
  const float beta = (float)get_number(&c, 8, "beta");
  int64_t batch = 1, sa = m * k, sb = k * n, sc = m * n;
  if (c.argc > 10 && !is_nullish(&c, 10)) {
    batch = get_int(&c, 10, "batch", 0, DIM_MAX);
    sa = get_int(&c, 11, "strideA", 0, INT64_C(1) << 52);
    sb = get_int(&c, 12, "strideB", 0, INT64_C(1) << 52);
    sc = get_int(&c, 13, "strideC", 0, INT64_C(1) << 52);
  }
  if (c.failed) return NULL;
  if ((double)m * k > 9e15 || (double)k * n > 9e15 || (double)m * n > 9e15) {
    fail(&c, 1, "matrix too large");
    return NULL;
  }
  if (batch > 1 && sc < m * n) {
    fail(&c, 1, "strideC must be at least m * n (outputs may not overlap)");
    return NULL;
  }
  const size_t need_a = batch == 0 ? 0 : (size_t)((batch - 1) * sa + m * k);
  const size_t need_b = batch == 0 ? 0 : (size_t)((batch - 1) * sb + k * n);
  const size_t need_c = batch == 0 ? 0 : (size_t)((batch - 1) * sc + m * n);
  const float *a = (const float *)get_array(&c, 6, "a", napi_float32_array, need_a, 0);
  const float *b = (const float *)get_array(&c, 7, "b", napi_float32_array, need_b, 0);
  float *out = (float *)get_array(&c, 9, "c", napi_float32_array, need_c, 0);
  if (c.failed) return NULL;
  const int lda = (int)(ta ? m : k), ldb = (int)(tb ? k : n), ldc = (int)n;
  rnn_sgemm_batched(ta, tb, (int)batch, (int)m, (int)n, (int)k, alpha, a, lda > 0 ? lda : 1, (size_t)sa, b,
                    ldb > 0 ? ldb : 1, (size_t)sb, beta, out, ldc > 0 ? ldc : 1, (size_t)sc);
  return NULL;
}

typedef struct {
  int64_t cell, T, B, U;
  size_t tb, w, gu;
} shape;

static int read_shape(call *c, shape *s) {
  s->cell = get_int(c, 0, "cell", 0, RNN_CELL_MAX);
  s->T = get_int(c, 1, "time", 0, DIM_MAX);
  s->B = get_int(c, 2, "batch", 0, DIM_MAX);
  s->U = get_int(c, 3, "units", 0, 1 << 20);
  if (c->failed) return 0;
  if ((double)s->T * s->B > DIM_MAX || (double)s->U * 4 * s->U > 4e15) {
    fail(c, 1, "time * batch or units too large");
    return 0;
  }
  s->tb = (size_t)(s->T * s->B);
  s->gu = (size_t)(rnn_gates((int)s->cell) * s->U);
  s->w = (size_t)rnn_saved_width((int)s->cell, (int)s->U);
  return 1;
}

static const int32_t *get_lengths(call *c, size_t i, const shape *s) {
  const int32_t *lengths = (const int32_t *)get_array(c, i, "lengths", napi_int32_array, (size_t)s->B, 1);
  if (lengths)
    for (int64_t b = 0; b < s->B; b++)
      if (lengths[b] < 0 || lengths[b] > s->T) {
        char msg[128];
        snprintf(msg, sizeof msg, "lengths[%lld] = %d is outside 0..%lld", (long long)b, lengths[b],
                 (long long)s->T);
        fail(c, 1, msg);
        return NULL;
      }
  return lengths;
}

/* forward(cell, time, batch, units, projected, recurrentKernel, h0, c0, lengths, outputs, hT, cT,
 *         savedInputs, savedGates[, recurrentBias]); c0 and cT are null except for LSTM, lengths may
 *         be null, recurrentBias [G*U] is required for the reset-after GRU and ignored otherwise. */
static napi_value js_forward(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(&c, env, info, "forward", 14)) return NULL;
  shape s;
  if (!read_shape(&c, &s)) return NULL;
  const int lstm = s.cell == RNN_LSTM;
  const size_t bu = (size_t)(s.B * s.U), tbu = s.tb * (size_t)s.U;
  rnn_forward_args a;
  memset(&a, 0, sizeof a);
  a.cell = (int)s.cell;
  a.time = (int)s.T;
  a.batch = (int)s.B;
  a.units = (int)s.U;
  a.projected = (const float *)get_array(&c, 4, "projected", napi_float32_array, s.tb * s.gu, 0);
  a.kernel = (const float *)get_array(&c, 5, "recurrentKernel", napi_float32_array, (size_t)s.U * s.gu, 0);
  a.h0 = (const float *)get_array(&c, 6, "initialState[0]", napi_float32_array, bu, 0);
  if (lstm) a.c0 = (const float *)get_array(&c, 7, "initialState[1]", napi_float32_array, bu, 0);
  a.lengths = get_lengths(&c, 8, &s);
  a.outputs = (float *)get_array(&c, 9, "outputs", napi_float32_array, tbu, 0);
  a.hT = (float *)get_array(&c, 10, "finalState[0]", napi_float32_array, bu, 0);
  if (lstm) a.cT = (float *)get_array(&c, 11, "finalState[1]", napi_float32_array, bu, 0);
  a.saved_inputs = (float *)get_array(&c, 12, "savedInputs", napi_float32_array, tbu, 0);
  a.saved_gates = (float *)get_array(&c, 13, "savedGates", napi_float32_array, s.tb * s.w, 0);
  if (rnn_has_recurrent_bias((int)s.cell))
    a.recurrent_bias = (const float *)get_array(&c, 14, "recurrentBias", napi_float32_array, s.gu, 0);
  if (c.failed) return NULL;
  if (rnn_forward(&a) != 0) napi_throw_error(env, NULL, "@rnn/native forward: out of memory");
  return NULL;
}

/* backward(cell, time, batch, units, recurrentKernel, h0, c0, lengths, savedInputs, savedGates,
 *          outputsGrad, dhT, dcT, projectedGrad, recurrentKernelGrad, dh0, dc0[, recurrentBiasGrad]);
 *          recurrentBiasGrad [G*U] is required for the reset-after GRU and ignored otherwise. */
static napi_value js_backward(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(&c, env, info, "backward", 17)) return NULL;
  shape s;
  if (!read_shape(&c, &s)) return NULL;
  const int lstm = s.cell == RNN_LSTM;
  const size_t bu = (size_t)(s.B * s.U), tbu = s.tb * (size_t)s.U;
  rnn_backward_args a;
  memset(&a, 0, sizeof a);
  a.cell = (int)s.cell;
  a.time = (int)s.T;
  a.batch = (int)s.B;
  a.units = (int)s.U;
  a.kernel = (const float *)get_array(&c, 4, "recurrentKernel", napi_float32_array, (size_t)s.U * s.gu, 0);
  a.h0 = (const float *)get_array(&c, 5, "initialState[0]", napi_float32_array, bu, 0);
  if (lstm) a.c0 = (const float *)get_array(&c, 6, "initialState[1]", napi_float32_array, bu, 0);
  a.lengths = get_lengths(&c, 7, &s);
  a.saved_inputs = (const float *)get_array(&c, 8, "savedInputs", napi_float32_array, tbu, 0);
  a.saved_gates = (const float *)get_array(&c, 9, "savedGates", napi_float32_array, s.tb * s.w, 0);
  a.outputs_grad = (const float *)get_array(&c, 10, "outputsGrad", napi_float32_array, tbu, 0);
  a.dhT = (const float *)get_array(&c, 11, "finalStateGrad[0]", napi_float32_array, bu, 0);
  if (lstm) a.dcT = (const float *)get_array(&c, 12, "finalStateGrad[1]", napi_float32_array, bu, 0);
  a.projected_grad = (float *)get_array(&c, 13, "projectedGrad", napi_float32_array, s.tb * s.gu, 0);
  a.kernel_grad = (float *)get_array(&c, 14, "recurrentKernelGrad", napi_float32_array, (size_t)s.U * s.gu, 0);
  a.dh0 = (float *)get_array(&c, 15, "initialStateGrad[0]", napi_float32_array, bu, 0);
  if (lstm) a.dc0 = (float *)get_array(&c, 16, "initialStateGrad[1]", napi_float32_array, bu, 0);
  if (rnn_has_recurrent_bias((int)s.cell))
    a.recurrent_bias_grad = (float *)get_array(&c, 17, "recurrentBiasGrad", napi_float32_array, s.gu, 0);
  if (c.failed) return NULL;
  if (rnn_backward(&a) != 0) napi_throw_error(env, NULL, "@rnn/native backward: out of memory");
  return NULL;
}

/* softmaxCrossEntropy(rows, classes, logits, targets, mask, probs) -> Σ mask · loss over counted rows. */
static napi_value js_softmax_cross_entropy(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(&c, env, info, "softmaxCrossEntropy", 6)) return NULL;
  const int64_t rows = get_int(&c, 0, "rows", 0, DIM_MAX), classes = get_int(&c, 1, "classes", 1, DIM_MAX);
  if (c.failed) return NULL;
  if ((double)rows * classes > 9e15) {
    fail(&c, 1, "rows * classes too large");
    return NULL;
  }
  const size_t cells = (size_t)(rows * classes);
  const float *logits = (const float *)get_array(&c, 2, "logits", napi_float32_array, cells, 0);
  const int32_t *targets = (const int32_t *)get_array(&c, 3, "targets", napi_int32_array, (size_t)rows, 0);
  const float *mask = (const float *)get_array(&c, 4, "mask", napi_float32_array, (size_t)rows, 0);
  float *probs = (float *)get_array(&c, 5, "probs", napi_float32_array, cells, 0);
  if (c.failed) return NULL;
  napi_value result;
  napi_create_double(env, rnn_softmax_cross_entropy(rows, classes, logits, targets, mask, probs), &result);
  return result;
}

/* binaryCrossEntropy(n, logits, targets, mask, grad) -> the masked sum of the losses; grad written. */
static napi_value js_binary_cross_entropy(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(&c, env, info, "binaryCrossEntropy", 5)) return NULL;
  const int64_t n = get_int(&c, 0, "n", 0, INT64_C(1) << 52);
  if (c.failed) return NULL;
  const float *logits = (const float *)get_array(&c, 1, "logits", napi_float32_array, (size_t)n, 0);
  const float *targets = (const float *)get_array(&c, 2, "targets", napi_float32_array, (size_t)n, 0);
  const float *mask = (const float *)get_array(&c, 3, "mask", napi_float32_array, (size_t)n, 0);
  float *grad = (float *)get_array(&c, 4, "grad", napi_float32_array, (size_t)n, 0);
  if (c.failed) return NULL;
  napi_value result;
  napi_create_double(env, rnn_binary_cross_entropy(n, logits, targets, mask, grad), &result);
  return result;
}

/* adamUpdate(n, w, g, m, v, out, lr, beta1, beta2, epsilon, correction1, correction2): m and v in place. */
static napi_value js_adam_update(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(&c, env, info, "adamUpdate", 12)) return NULL;
  const int64_t n = get_int(&c, 0, "n", 0, INT64_C(1) << 52);
  const float *w = (const float *)get_array(&c, 1, "weights", napi_float32_array, (size_t)n, 0);
  const float *g = (const float *)get_array(&c, 2, "gradient", napi_float32_array, (size_t)n, 0);
  float *m = (float *)get_array(&c, 3, "firstMoment", napi_float32_array, (size_t)n, 0);
  float *v = (float *)get_array(&c, 4, "secondMoment", napi_float32_array, (size_t)n, 0);
  float *out = (float *)get_array(&c, 5, "out", napi_float32_array, (size_t)n, 0);
  const float lr = (float)get_number(&c, 6, "learningRate"), beta1 = (float)get_number(&c, 7, "beta1"),
              beta2 = (float)get_number(&c, 8, "beta2"), eps = (float)get_number(&c, 9, "epsilon"),
              c1 = (float)get_number(&c, 10, "correction1"), c2 = (float)get_number(&c, 11, "correction2");
  if (c.failed) return NULL;
  rnn_adam_update(n, w, g, m, v, out, lr, beta1, beta2, eps, c1, c2);
  return NULL;
}

/* swapLeadingAxes(from, to, n0, n1, inner): to [n1, n0, inner] from from [n0, n1, inner]. */
static napi_value js_swap_leading_axes(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(&c, env, info, "swapLeadingAxes", 5)) return NULL;
  const int64_t n0 = get_int(&c, 2, "n0", 0, DIM_MAX), n1 = get_int(&c, 3, "n1", 0, DIM_MAX),
                inner = get_int(&c, 4, "inner", 0, DIM_MAX);
  if (c.failed) return NULL;
  if ((double)n0 * n1 * inner > 9e15) {
    fail(&c, 1, "array too large");
    return NULL;
  }
  const size_t n = (size_t)(n0 * n1 * inner);
  const float *from = (const float *)get_array(&c, 0, "from", napi_float32_array, n, 0);
  float *to = (float *)get_array(&c, 1, "to", napi_float32_array, n, 0);
  if (c.failed) return NULL;
  if (n > 0 && to < from + n && from < to + n) {
    fail(&c, 1, "to must not overlap from");
    return NULL;
  }
  rnn_swap_leading_axes(from, to, (size_t)n0, (size_t)n1, (size_t)inner);
  return NULL;
}

/* sumRowsByIndex(ids, values, rows, width, out): out[ids[r]] += values[r], every id checked. */
static napi_value js_sum_rows_by_index(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(&c, env, info, "sumRowsByIndex", 5)) return NULL;
  const int64_t rows = get_int(&c, 2, "rows", 0, DIM_MAX), width = get_int(&c, 3, "width", 0, DIM_MAX);
  if (c.failed) return NULL;
  if ((double)rows * width > 9e15) {
    fail(&c, 1, "array too large");
    return NULL;
  }
  const int32_t *ids = (const int32_t *)get_array(&c, 0, "ids", napi_int32_array, (size_t)rows, 0);
  const float *values = (const float *)get_array(&c, 1, "values", napi_float32_array, (size_t)(rows * width), 0);
  float *out = (float *)get_array(&c, 4, "out", napi_float32_array, 0, 0);
  if (c.failed) return NULL;
  size_t out_len = 0;
  {
    napi_value arg = c.argv[4];
    napi_typedarray_type type;
    void *data;
    napi_value buffer;
    size_t offset;
    napi_get_typedarray_info(env, arg, &type, &out_len, &data, &buffer, &offset);
  }
  const size_t vocab = width > 0 ? out_len / (size_t)width : 0;
  for (int64_t r = 0; r < rows; r++) {
    if (ids[r] < 0 || (size_t)ids[r] >= vocab) {
      char msg[96];
      snprintf(msg, sizeof msg, "ids[%lld] = %d is outside out's %zu rows", (long long)r, ids[r], vocab);
      fail(&c, 1, msg);
      return NULL;
    }
  }
  if (rows > 0 && width > 0 && (const float *)out < values + rows * width && values < out + out_len) {
    fail(&c, 1, "out must not overlap values");
    return NULL;
  }
  rnn_sum_rows_by_index(ids, values, (size_t)rows, (size_t)width, out);
  return NULL;
}

static void set_prop(napi_env env, napi_value obj, const char *key, napi_value v) {
  napi_set_named_property(env, obj, key, v);
}

/* info(): what was compiled in and how many threads run. */
static napi_value js_info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value obj, v;
  napi_create_object(env, &obj);
  napi_create_string_utf8(env, rnn_gemm_simd(), NAPI_AUTO_LENGTH, &v);
  set_prop(env, obj, "simd", v);
  const char *paths[4];
  const int npaths = rnn_gemm_simd_paths(paths, 4);
  napi_create_array_with_length(env, (size_t)npaths, &v);
  for (int i = 0; i < npaths; i++) {
    napi_value name;
    napi_create_string_utf8(env, paths[i], NAPI_AUTO_LENGTH, &name);
    napi_set_element(env, v, (uint32_t)i, name);
  }
  set_prop(env, obj, "simdPaths", v);
  napi_create_int32(env, rnn_pool_threads(), &v);
  set_prop(env, obj, "threads", v);
  napi_create_int32(env, rnn_gemm_mr(), &v);
  set_prop(env, obj, "mr", v);
  napi_create_int32(env, rnn_gemm_nr(), &v);
  set_prop(env, obj, "nr", v);
#if defined(__clang__)
  napi_create_string_utf8(env, "clang " __clang_version__, NAPI_AUTO_LENGTH, &v);
#elif defined(__GNUC__)
  napi_create_string_utf8(env, "gcc " __VERSION__, NAPI_AUTO_LENGTH, &v);
#else
  napi_create_string_utf8(env, "unknown", NAPI_AUTO_LENGTH, &v);
#endif
  set_prop(env, obj, "compiler", v);
  return obj;
}

/* setThreads(n): threads for later calls (1 = all work on the calling thread). */
static napi_value js_set_threads(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(&c, env, info, "setThreads", 1)) return NULL;
  const int64_t n = get_int(&c, 0, "threads", 1, RNN_MAX_THREADS);
  if (c.failed) return NULL;
  rnn_pool_set_threads((int)n);
  return NULL;
}

NAPI_MODULE_INIT() {
  /* The matrix kernel is chosen once, here; a request the CPU or the build cannot meet fails the load. */
  const char *simd_error = rnn_gemm_select();
  if (simd_error) {
    napi_throw_error(env, NULL, simd_error);
    return NULL;
  }
  napi_property_descriptor props[] = {
      {"sgemm", NULL, js_sgemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"forward", NULL, js_forward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"backward", NULL, js_backward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"softmaxCrossEntropy", NULL, js_softmax_cross_entropy, NULL, NULL, NULL, napi_enumerable, NULL},
      {"binaryCrossEntropy", NULL, js_binary_cross_entropy, NULL, NULL, NULL, napi_enumerable, NULL},
      {"adamUpdate", NULL, js_adam_update, NULL, NULL, NULL, napi_enumerable, NULL},
      {"swapLeadingAxes", NULL, js_swap_leading_axes, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sumRowsByIndex", NULL, js_sum_rows_by_index, NULL, NULL, NULL, napi_enumerable, NULL},
      {"info", NULL, js_info, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, js_set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
