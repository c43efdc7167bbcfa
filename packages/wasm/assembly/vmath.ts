// exp, sigmoid and tanh on four lanes at once (f32x4), branch-free: the same Cephes-style
// polynomials as the C addon's mathfun.h, so both stay within a few ulp of a float64 reference
// (tanh within 2e-7 absolute). Their multiply-adds are `madd`: fused in the relaxed-SIMD module (one
// rounding, not two: if anything closer to the reference). Plus the lane-partial load/store the
// elementwise loops use for a row's last 1-3 values.
import { madd } from './madd';

/** e^x lane by lane, for x clamped to [-87, 88.3] (callers only need saturation outside). */
export function vexp(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(<f32>-87.0)), f32x4.splat(<f32>88.3));
  // n = round(x / ln 2) with the 1.5 * 2^23 trick: the sum's low mantissa bits hold n.
  const magic = f32x4.splat(<f32>12582912.0);
  const t = madd(x, f32x4.splat(<f32>1.44269504088896341), magic);
  const n = f32x4.sub(t, magic);
  const ni = i32x4.sub(t, magic);
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(<f32>0.693359375)));
  r = madd(n, f32x4.splat(<f32>2.1219444e-4), r);
  let p = f32x4.splat(<f32>1.98756915e-4);
  p = madd(p, r, f32x4.splat(<f32>1.3981999507e-3));
  p = madd(p, r, f32x4.splat(<f32>8.3334519073e-3));
  p = madd(p, r, f32x4.splat(<f32>4.1665795894e-2));
  p = madd(p, r, f32x4.splat(<f32>1.6666665459e-1));
  p = madd(p, r, f32x4.splat(<f32>5.0000001201e-1));
  p = f32x4.add(madd(p, f32x4.mul(r, r), r), f32x4.splat(<f32>1.0));
  return i32x4.add(p, i32x4.shl(ni, 23));
}

/** 1 / (1 + e^-x) lane by lane. */
export function vsigmoid(x: v128): v128 {
  const one = f32x4.splat(<f32>1.0);
  return f32x4.div(one, f32x4.add(one, vexp(f32x4.neg(x))));
}

/** tanh lane by lane: an odd polynomial below |x| = 0.625, 1 - 2 / (e^2|x| + 1) above. */
export function vtanh(x: v128): v128 {
  const sign = i32x4.splat(0x80000000);
  const ax = v128.andnot(x, sign);
  const one = f32x4.splat(<f32>1.0);
  const e = vexp(f32x4.add(ax, ax));
  const big = f32x4.sub(one, f32x4.div(f32x4.splat(<f32>2.0), f32x4.add(e, one)));
  const s = f32x4.mul(x, x);
  let p = f32x4.splat(<f32>-5.70498872745e-3);
  p = madd(p, s, f32x4.splat(<f32>2.06390887954e-2));
  p = madd(p, s, f32x4.splat(<f32>-5.37397155531e-2));
  p = madd(p, s, f32x4.splat(<f32>1.33314422036e-1));
  p = madd(p, s, f32x4.splat(<f32>-3.33332819422e-1));
  const small = madd(f32x4.mul(p, s), ax, ax);
  const magnitude = v128.bitselect(small, big, f32x4.lt(ax, f32x4.splat(<f32>0.625)));
  return v128.or(magnitude, v128.and(x, sign));
}

/**
 * Stores four lanes at `ptr`, or only lane 0 when `full` is false (a row's tail, processed one value
 * at a time: the loads read past it into the arena's slack, the stores never write past it).
 */
export function put(ptr: usize, value: v128, full: bool): void {
  if (full) v128.store(ptr, value);
  else v128.store32_lane(ptr, value, 0);
}

function sigmoidAt(src: usize, dst: usize, full: bool): void {
  put(dst, vsigmoid(v128.load(src)), full);
}

/**
 * dst[0..n) = sigmoid(src[0..n)) (in place when dst = src). A pass of its own, rather than inside a
 * cell's arithmetic, so that the processor overlaps many short independent iterations instead of
 * waiting on one long chain of polynomial and division latencies.
 */
export function sigmoidInto(n: i32, src: usize, dst: usize): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) sigmoidAt(src + ((<usize>j) << 2), dst + ((<usize>j) << 2), true);
  for (; j < n; j++) sigmoidAt(src + ((<usize>j) << 2), dst + ((<usize>j) << 2), false);
}

function tanhAt(src: usize, dst: usize, full: bool): void {
  put(dst, vtanh(v128.load(src)), full);
}

/** dst[0..n) = tanh(src[0..n)) (in place when dst = src), as a pass of its own (see {@link sigmoidInto}). */
export function tanhInto(n: i32, src: usize, dst: usize): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) tanhAt(src + ((<usize>j) << 2), dst + ((<usize>j) << 2), true);
  for (; j < n; j++) tanhAt(src + ((<usize>j) << 2), dst + ((<usize>j) << 2), false);
}
