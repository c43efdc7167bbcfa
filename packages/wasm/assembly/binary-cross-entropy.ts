// Sigmoid binary cross-entropy on logits with its gradient in one pass, four elements at a time (the
// last 1-3 one by one): one e^-|z| per element, from the recurrences' vector exponential, serves both
// the loss's log(1 + e^-|z|) and the stable sigmoid of the gradient. e^-|z| is at most 1, so nothing
// overflows for any logit. The loss is summed in float64 across chunks, as the softmax's is.
import { madd } from './madd';
import { vexp } from './vmath';

/**
 * log(1 + e) lane by lane for e in (0, 1], which is all the loss needs (e = e^-|z|, and vexp never
 * returns less than e^-87, a normal float): 2 atanh(s) with s = e / (2 + e) in (0, 1/3], as the odd
 * series 2s (1 + s²/3 + s⁴/5 + … + s¹⁴/15), whose remainder is below 2e-9 relative. No 1 + e is
 * ever rounded, so a tiny e (a confident logit) keeps its digits, and every term is positive, so
 * nothing cancels: within 2 ulp of float64 log1p on every 37th float32 of the range (in both
 * modules), four lanes for about the price of one scalar `Mathf.log1p`.
 */
function log1pOfSmall(e: v128): v128 {
  const s = f32x4.div(e, f32x4.add(f32x4.splat(2), e));
  const s2 = f32x4.mul(s, s);
  let p = f32x4.splat(<f32>(1.0 / 15));
  p = madd(p, s2, f32x4.splat(<f32>(1.0 / 13)));
  p = madd(p, s2, f32x4.splat(<f32>(1.0 / 11)));
  p = madd(p, s2, f32x4.splat(<f32>(1.0 / 9)));
  p = madd(p, s2, f32x4.splat(<f32>(1.0 / 7)));
  p = madd(p, s2, f32x4.splat(<f32>(1.0 / 5)));
  p = madd(p, s2, f32x4.splat(<f32>(1.0 / 3)));
  const twice = f32x4.add(s, s);
  return madd(f32x4.mul(twice, s2), p, twice);
}

/**
 * For each i < n with a nonzero mask: mask * (max(z, 0) - z * y + log(1 + e^-|z|)) added to the
 * returned total and grad = mask * (sigmoid(z) - y); where the mask is 0, grad = +0 and nothing is
 * added, whatever the logit. logits, targets, mask and grad are [n] f32 (byte addresses).
 */
export function binaryCrossEntropy(n: i32, logits: usize, targets: usize, mask: usize, grad: usize): f64 {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  let total: f64 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const z = v128.load(logits + o);
    const y = v128.load(targets + o);
    const w = v128.load(mask + o);
    const counted = f32x4.ne(w, zero);
    const e = vexp(f32x4.neg(f32x4.abs(z)));
    // sigmoid(z) = 1 / (1 + e) for z >= 0 and e / (1 + e) below: never e^|z|, so never inf / inf.
    const sigmoid = f32x4.div(v128.bitselect(one, e, f32x4.ge(z, zero)), f32x4.add(one, e));
    v128.store(grad + o, v128.and(f32x4.mul(w, f32x4.sub(sigmoid, y)), counted));
    const loss = f32x4.add(f32x4.sub(f32x4.max(z, zero), f32x4.mul(z, y)), log1pOfSmall(e));
    const weighted = v128.and(f32x4.mul(w, loss), counted);
    total +=
      <f64>f32x4.extract_lane(weighted, 0) +
      <f64>f32x4.extract_lane(weighted, 1) +
      (<f64>f32x4.extract_lane(weighted, 2) + <f64>f32x4.extract_lane(weighted, 3));
  }
  // The tail, one element at a time through lane 0 of the same vector functions (no load past n).
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const w = load<f32>(mask + o);
    if (w == 0) {
      store<f32>(grad + o, 0);
      continue;
    }
    const z = load<f32>(logits + o);
    const y = load<f32>(targets + o);
    const lanes = vexp(f32x4.splat(-Mathf.abs(z)));
    const e = f32x4.extract_lane(lanes, 0);
    const softplus = f32x4.extract_lane(log1pOfSmall(lanes), 0);
    store<f32>(grad + o, w * ((z >= 0 ? <f32>1 : e) / (<f32>1 + e) - y));
    total += <f64>(w * (max(z, <f32>0) - z * y + softplus));
  }
  return total;
}
