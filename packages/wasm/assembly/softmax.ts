// Softmax cross-entropy over the rows of a [rows, classes] block of logits, one row at a time: the
// row's maximum, then e^(z - max) into probs with its sum, then probs scaled by 1 / sum, each a pass
// over four classes at a time (a row's last 1-3 classes one by one, lane 0 only). The loss is summed
// in float64 across rows, as the portable kernel and the C addon do.
import { put, vexp } from './vmath';

/** The largest of a row's n >= 1 values. */
function rowMax(n: i32, z: usize): f32 {
  let j = 0;
  let best = <f32>-Infinity;
  if (n >= 4) {
    let lanes = v128.load(z);
    for (j = 4; j + 4 <= n; j += 4) lanes = f32x4.max(lanes, v128.load(z + ((<usize>j) << 2)));
    best = max(
      max(f32x4.extract_lane(lanes, 0), f32x4.extract_lane(lanes, 1)),
      max(f32x4.extract_lane(lanes, 2), f32x4.extract_lane(lanes, 3)),
    );
  }
  for (; j < n; j++) best = max(best, load<f32>(z + ((<usize>j) << 2)));
  return best;
}

/** p[0..n) = e^(z[0..n) - shift), returning their sum (float32 lanes, added up at the end). */
function expShifted(n: i32, z: usize, p: usize, shift: f32): f32 {
  const by = f32x4.splat(shift);
  let lanes = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    const e = vexp(f32x4.sub(v128.load(z + o), by));
    v128.store(p + o, e);
    lanes = f32x4.add(lanes, e);
  }
  let sum =
    f32x4.extract_lane(lanes, 0) +
    f32x4.extract_lane(lanes, 1) +
    (f32x4.extract_lane(lanes, 2) + f32x4.extract_lane(lanes, 3));
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    const e = vexp(f32x4.sub(v128.load(z + o), by));
    put(p + o, e, false);
    sum += f32x4.extract_lane(e, 0);
  }
  return sum;
}

/** p[0..n) /= sum. */
function divideBy(n: i32, p: usize, sum: f32): void {
  const by = f32x4.splat(sum);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    v128.store(p + o, f32x4.div(v128.load(p + o), by));
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    store<f32>(p + o, load<f32>(p + o) / sum);
  }
}

/**
 * For each row with a nonzero mask and a target in 0..classes-1: probs = softmax(logits) and
 * mask * (max + ln(sum) - logits[target]) added to the returned total; other rows of probs are
 * zeroed and add nothing. classes >= 1; logits [rows, classes] f32, targets [rows] i32, mask [rows]
 * f32, probs [rows, classes] f32 (all byte addresses).
 */
export function softmaxCrossEntropy(
  rows: i32,
  classes: i32,
  logits: usize,
  targets: usize,
  mask: usize,
  probs: usize,
): f64 {
  const rowBytes = (<usize>classes) << 2;
  let total: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const z = logits + <usize>r * rowBytes;
    const p = probs + <usize>r * rowBytes;
    const target = load<i32>(targets + ((<usize>r) << 2));
    const weight = load<f32>(mask + ((<usize>r) << 2));
    if (weight == 0 || target < 0 || target >= classes) {
      memory.fill(p, 0, rowBytes);
      continue;
    }
    const top = rowMax(classes, z);
    const sum = expShifted(classes, z, p, top);
    divideBy(classes, p, sum);
    const picked = load<f32>(z + ((<usize>target) << 2));
    total += <f64>weight * (<f64>top + Math.log(<f64>sum) - <f64>picked);
  }
  return total;
}
