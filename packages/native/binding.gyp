# The optional native addon: fused recurrent kernels and SGEMM in plain C over N-API.
# Built for the machine it runs on: -march=native (RNN_NATIVE_MARCH overrides it, e.g. x86-64-v3).
# -fno-math-errno -fno-trapping-math let GCC vectorise the elementwise cell math; no -ffast-math,
# whose reassociation would break the rounding trick in src/c/mathfun.h's exp.
{
  "variables": {
    "rnn_march%": "<!(node -p \"process.env.RNN_NATIVE_MARCH || 'native'\")"
  },
  "targets": [
    {
      "target_name": "rnn_native",
      "sources": ["src/c/adam.c", "src/c/binary_cross_entropy.c", "src/c/binding.c", "src/c/gemm.c", "src/c/pool.c", "src/c/rnn.c", "src/c/rows_by_index.c", "src/c/softmax.c", "src/c/swap_axes.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags!": ["-O2", "-O0", "-g"],
      "cflags": [
        "-O3", "-march=<(rnn_march)", "-std=gnu11", "-pthread",
        "-fno-math-errno", "-fno-trapping-math", "-Wno-unknown-pragmas"
      ],
      "ldflags": ["-pthread"],
      "xcode_settings": {
        "GCC_OPTIMIZATION_LEVEL": "3",
        "OTHER_CFLAGS": ["-march=<(rnn_march)", "-std=gnu11", "-fno-math-errno", "-fno-trapping-math"]
      }
    }
  ]
}
