// The multiply-add every product loop and polynomial is made of. scripts/build.mjs compiles the
// sources twice: with 128-bit SIMD alone (the baseline module), and with relaxed SIMD as well, where
// ASC_FEATURE_RELAXED_SIMD is true and this becomes f32x4.relaxed_madd. The constant is folded at
// compile time: neither module carries the other's code.

/**
 * a * b + c lane by lane (f32x4). In the relaxed-SIMD module this is `f32x4.relaxed_madd`, which
 * engines lower to one fused multiply-add where the processor has one (x86 FMA3, ARM NEON): one
 * instruction and one rounding instead of two, so the SGEMM's inner loop issues half the arithmetic
 * instructions. The proposal lets an engine without FMA round twice instead, so results may differ
 * in the last bit between machines. WebAssembly SIMD proper has no fused multiply-add: the baseline
 * module multiplies and adds.
 */
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}
