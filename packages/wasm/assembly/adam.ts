// Adam's update of one weight array in one pass, four weights at a time (the last 1-3 as one more
// group whose lanes past the end are not stored): the moments updated in place and the new weights
// written over `w`, in float32, as the C addon does.
import { madd } from './madd';

/** Stores the first `count` (1-3) lanes of `value` at `ptr`: nothing past a row's end is written. */
function storeFirst(ptr: usize, value: v128, count: i32): void {
  v128.store32_lane(ptr, value, 0);
  if (count > 1) v128.store32_lane(ptr, value, 1, 4);
  if (count > 2) v128.store32_lane(ptr, value, 2, 8);
}

/**
 * m = beta1 * m + (1 - beta1) * g, v = beta2 * v + (1 - beta2) * g², then
 * w = w - lr * (m / c1) / (sqrt(v / c2) + epsilon), over n float32 values (byte addresses).
 */
export function adamUpdate(
  n: i32,
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  lr: f32,
  beta1: f32,
  beta2: f32,
  epsilon: f32,
  correction1: f32,
  correction2: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const a1 = f32x4.splat(<f32>1 - beta1);
  const a2 = f32x4.splat(<f32>1 - beta2);
  const rate = f32x4.splat(lr / correction1);
  const inv2 = f32x4.splat(<f32>1 / correction2);
  const eps = f32x4.splat(epsilon);
  let k = 0;
  for (; k < n; k += 4) {
    const o = (<usize>k) << 2;
    const full = k + 4 <= n;
    const gk = v128.load(g + o);
    const mk = madd(v128.load(m + o), b1, f32x4.mul(gk, a1));
    const vk = madd(v128.load(v + o), b2, f32x4.mul(f32x4.mul(gk, gk), a2));
    const step = f32x4.div(f32x4.mul(rate, mk), f32x4.add(f32x4.sqrt(f32x4.mul(vk, inv2)), eps));
    const wk = f32x4.sub(v128.load(w + o), step);
    if (full) {
      v128.store(m + o, mk);
      v128.store(v + o, vk);
      v128.store(w + o, wk);
    } else {
      storeFirst(m + o, mk, n - k);
      storeFirst(v + o, vk, n - k);
      storeFirst(w + o, wk, n - k);
    }
  }
}
