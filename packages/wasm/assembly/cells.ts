// The elementwise part of each cell for one sequence (one row of the batch) at one step. Pointers are
// byte addresses of the row's first unit; `n` is the number of units. The activations run as passes
// of their own (sigmoidInto, tanhInto), then short arithmetic loops combine them, four units at a
// time: each `...At` body runs with `full` for whole groups of four, then once per leftover unit with
// only lane 0 stored (see `put`). A plain a * b + c is `madd` (fused in the relaxed-SIMD module).
import { madd } from './madd';
import { put, sigmoidInto, tanhInto } from './vmath';

/** The kernel's cell codes (the order of `wasmCells` on the JavaScript side). */
export const ELMAN_TANH = 0;
export const ELMAN_RELU = 1;
export const ELMAN_LINEAR = 2;
export const LSTM = 3;
export const GRU = 4;
export const GRU_RESET_AFTER = 5;

function reluAt(z: usize, g: usize, full: bool): void {
  put(g, f32x4.max(v128.load(z), f32x4.splat(0)), full);
}

/** Elman: h = act(z), saved as the gate, the new state and the output. */
export function elmanForward(cell: i32, n: i32, z: usize, g: usize, h: usize, out: usize): void {
  const bytes = (<usize>n) << 2;
  if (cell == ELMAN_TANH) {
    tanhInto(n, z, g);
  } else if (cell == ELMAN_RELU) {
    let j = 0;
    for (; j + 4 <= n; j += 4) reluAt(z + ((<usize>j) << 2), g + ((<usize>j) << 2), true);
    for (; j < n; j++) reluAt(z + ((<usize>j) << 2), g + ((<usize>j) << 2), false);
  } else {
    memory.copy(g, z, bytes);
  }
  memory.copy(h, g, bytes);
  memory.copy(out, g, bytes);
}

function elmanBackwardAt(cell: i32, g: usize, dh: usize, dz: usize, full: bool): void {
  const d = v128.load(dh);
  let v = d;
  if (cell == ELMAN_TANH) {
    const a = v128.load(g);
    v = f32x4.mul(d, f32x4.sub(f32x4.splat(1), f32x4.mul(a, a)));
  } else if (cell == ELMAN_RELU) {
    v = v128.and(d, f32x4.gt(v128.load(g), f32x4.splat(0)));
  }
  put(dz, v, full);
}

/** Elman: dz = dh * act'(z), from the saved activation. */
export function elmanBackward(cell: i32, n: i32, g: usize, dh: usize, dz: usize): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    elmanBackwardAt(cell, g + o, dh + o, dz + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    elmanBackwardAt(cell, g + o, dh + o, dz + o, false);
  }
}

function lstmCellAt(n: usize, cp: usize, g: usize, full: bool): void {
  const c = madd(v128.load(g + n), v128.load(cp), f32x4.mul(v128.load(g), v128.load(g + 2 * n)));
  put(g + 4 * n, c, full);
}

function lstmOutputAt(n: usize, g: usize, h: usize, out: usize, full: bool): void {
  const hn = f32x4.mul(v128.load(g + 3 * n), v128.load(h));
  put(h, hn, full);
  put(out, hn, full);
}

/**
 * LSTM (Keras gate order i, f, c, o): from the pre-activations z [4n] and the previous cell state,
 * saves the gates and the new cell state into g [5n], and writes h and the output.
 */
export function lstmForward(n: i32, z: usize, cp: usize, g: usize, h: usize, out: usize): void {
  const nb = (<usize>n) << 2;
  sigmoidInto(2 * n, z, g); // i, f
  tanhInto(n, z + 2 * nb, g + 2 * nb); // the candidate
  sigmoidInto(n, z + 3 * nb, g + 3 * nb); // o
  let j = 0;
  for (; j + 4 <= n; j += 4) lstmCellAt(nb, cp + ((<usize>j) << 2), g + ((<usize>j) << 2), true);
  for (; j < n; j++) lstmCellAt(nb, cp + ((<usize>j) << 2), g + ((<usize>j) << 2), false);
  tanhInto(n, g + 4 * nb, h);
  j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    lstmOutputAt(nb, g + o, h + o, out + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    lstmOutputAt(nb, g + o, h + o, out + o, false);
  }
}

function lstmBackwardAt(n: usize, g: usize, tc: usize, cp: usize, dh: usize, dc: usize, dz: usize, full: bool): void {
  const one = f32x4.splat(1);
  const i = v128.load(g);
  const f = v128.load(g + n);
  const gg = v128.load(g + 2 * n);
  const o = v128.load(g + 3 * n);
  const t = v128.load(tc);
  const d = v128.load(dh);
  const dct = madd(f32x4.mul(d, o), f32x4.sub(one, f32x4.mul(t, t)), v128.load(dc));
  put(dz, f32x4.mul(f32x4.mul(dct, gg), f32x4.mul(i, f32x4.sub(one, i))), full);
  put(dz + n, f32x4.mul(f32x4.mul(dct, v128.load(cp)), f32x4.mul(f, f32x4.sub(one, f))), full);
  put(dz + 2 * n, f32x4.mul(f32x4.mul(dct, i), f32x4.sub(one, f32x4.mul(gg, gg))), full);
  put(dz + 3 * n, f32x4.mul(f32x4.mul(d, t), f32x4.mul(o, f32x4.sub(one, o))), full);
  put(dc, f32x4.mul(dct, f), full);
}

/**
 * LSTM backward for one row: from the saved gates g [5n], the previous cell state and dh (already
 * holding the output's gradient), writes dz [4n] and carries dc to the previous step. `tc` is scratch
 * for n floats (tanh of the cell state).
 */
export function lstmBackward(n: i32, g: usize, cp: usize, dh: usize, dc: usize, dz: usize, tc: usize): void {
  const nb = (<usize>n) << 2;
  tanhInto(n, g + 4 * nb, tc);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    lstmBackwardAt(nb, g + o, tc + o, cp + o, dh + o, dc + o, dz + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    lstmBackwardAt(nb, g + o, tc + o, cp + o, dh + o, dc + o, dz + o, false);
  }
}

function productAt(x: usize, y: usize, out: usize, full: bool): void {
  put(out, f32x4.mul(v128.load(x), v128.load(y)), full);
}

/** GRU, first half: the update and reset gates into g [2n], and r * h_prev for the candidate's product. */
export function gruGates(n: i32, z: usize, hp: usize, g: usize, rh: usize): void {
  const nb = (<usize>n) << 2;
  sigmoidInto(2 * n, z, g);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    productAt(g + nb + o, hp + o, rh + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    productAt(g + nb + o, hp + o, rh + o, false);
  }
}

function gruBlendAt(n: usize, hp: usize, g: usize, h: usize, out: usize, full: bool): void {
  const u = v128.load(g);
  const cand = v128.load(g + 2 * n);
  const next = madd(u, v128.load(hp), f32x4.mul(f32x4.sub(f32x4.splat(1), u), cand));
  put(h, next, full);
  put(out, next, full);
}

/** GRU, second half: the candidate tanh(zh) saved into g's third block, h = z * h_prev + (1 - z) * candidate. */
export function gruBlend(n: i32, zh: usize, hp: usize, g: usize, h: usize, out: usize): void {
  const nb = (<usize>n) << 2;
  tanhInto(n, zh, g + 2 * nb);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    gruBlendAt(nb, hp + o, g + o, h + o, out + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    gruBlendAt(nb, hp + o, g + o, h + o, out + o, false);
  }
}

function gruBackwardAt(n: usize, g: usize, hp: usize, dh: usize, dz: usize, rh: usize, full: bool): void {
  const one = f32x4.splat(1);
  const u = v128.load(g);
  const cand = v128.load(g + 2 * n);
  const h = v128.load(hp);
  const d = v128.load(dh);
  put(dz, f32x4.mul(f32x4.mul(d, f32x4.sub(h, cand)), f32x4.mul(u, f32x4.sub(one, u))), full);
  put(dz + 2 * n, f32x4.mul(f32x4.mul(d, f32x4.sub(one, u)), f32x4.sub(one, f32x4.mul(cand, cand))), full);
  put(rh, f32x4.mul(v128.load(g + n), h), full);
}

/**
 * GRU backward, first half: the update gate's and the candidate's dz from dh (which already holds the
 * output's gradient), and r * h_prev for the candidate block of the kernel gradient.
 */
export function gruBackward(n: i32, g: usize, hp: usize, dh: usize, dz: usize, rh: usize): void {
  const nb = (<usize>n) << 2;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    gruBackwardAt(nb, g + o, hp + o, dh + o, dz + o, rh + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    gruBackwardAt(nb, g + o, hp + o, dh + o, dz + o, rh + o, false);
  }
}

function gruResetGradAt(n: usize, g: usize, hp: usize, drh: usize, dz: usize, full: bool): void {
  const r = v128.load(g + n);
  const d = f32x4.mul(v128.load(drh), v128.load(hp));
  put(dz + n, f32x4.mul(d, f32x4.mul(r, f32x4.sub(f32x4.splat(1), r))), full);
}

/** GRU backward: the reset gate's dz (second block of dz) from d(r * h_prev) = drh. */
export function gruResetGrad(n: i32, g: usize, hp: usize, drh: usize, dz: usize): void {
  const nb = (<usize>n) << 2;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    gruResetGradAt(nb, g + o, hp + o, drh + o, dz + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    gruResetGradAt(nb, g + o, hp + o, drh + o, dz + o, false);
  }
}

function gruCarryAt(n: usize, g: usize, drh: usize, dhPrev: usize, dh: usize, full: bool): void {
  const throughReset = madd(v128.load(drh), v128.load(g + n), v128.load(dhPrev));
  put(dh, madd(v128.load(dh), v128.load(g), throughReset), full);
}

/**
 * GRU backward: the gradient reaching h_prev, in place in dh: dh * z (the direct path) + drh * r
 * (through r * h_prev) + dhPrev (the product of the update and reset gates' dz with their kernel columns).
 */
export function gruCarry(n: i32, g: usize, drh: usize, dhPrev: usize, dh: usize): void {
  const nb = (<usize>n) << 2;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    gruCarryAt(nb, g + o, drh + o, dhPrev + o, dh + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    gruCarryAt(nb, g + o, drh + o, dhPrev + o, dh + o, false);
  }
}

function resetAfterCandidateAt(n: usize, z: usize, g: usize, hu: usize, full: bool): void {
  // z's candidate block += r * (h . U_h + rb_h): the pre-activation of the candidate, in place.
  put(z + 2 * n, madd(v128.load(g + n), v128.load(hu), v128.load(z + 2 * n)), full);
}

/**
 * The reset-after GRU (torch.nn.GRU) for one row: from the pre-activations z [3n] (x W + b, plus
 * h U + rb in the update and reset blocks) and hu = h . U_h + rb_h [n], saves [z, r, candidate, hu]
 * into g [4n] and writes h = z * h_prev + (1 - z) * tanh(z_h + r * hu) and the output. z's candidate
 * block is overwritten.
 */
export function gruResetAfterForward(n: i32, z: usize, hu: usize, hp: usize, g: usize, h: usize, out: usize): void {
  const nb = (<usize>n) << 2;
  sigmoidInto(2 * n, z, g);
  memory.copy(g + 3 * nb, hu, nb);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    resetAfterCandidateAt(nb, z + o, g + o, hu + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    resetAfterCandidateAt(nb, z + o, g + o, hu + o, false);
  }
  gruBlend(n, z + 2 * nb, hp, g, h, out);
}

function resetAfterBackwardAt(n: usize, g: usize, hp: usize, dh: usize, dz: usize, dn: usize, full: bool): void {
  const one = f32x4.splat(1);
  const u = v128.load(g);
  const r = v128.load(g + n);
  const cand = v128.load(g + 2 * n);
  const d = v128.load(dh);
  const dCand = f32x4.mul(f32x4.mul(d, f32x4.sub(one, u)), f32x4.sub(one, f32x4.mul(cand, cand)));
  put(dz, f32x4.mul(f32x4.mul(d, f32x4.sub(v128.load(hp), cand)), f32x4.mul(u, f32x4.sub(one, u))), full);
  put(dz + n, f32x4.mul(f32x4.mul(dCand, v128.load(g + 3 * n)), f32x4.mul(r, f32x4.sub(one, r))), full);
  put(dz + 2 * n, dCand, full);
  put(dn, f32x4.mul(dCand, r), full);
  put(dh, f32x4.mul(d, u), full);
}

/**
 * The reset-after GRU's backward pass for one row: from the saved g [4n] and dh (already holding the
 * output's gradient), writes dz [3n], dn = d(h . U_h + rb_h) [n], and leaves in dh its direct path
 * to h_prev, dh * z (the products with the recurrent kernel are added after).
 */
export function gruResetAfterBackward(n: i32, g: usize, hp: usize, dh: usize, dz: usize, dn: usize): void {
  const nb = (<usize>n) << 2;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    resetAfterBackwardAt(nb, g + o, hp + o, dh + o, dz + o, dn + o, true);
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    resetAfterBackwardAt(nb, g + o, hp + o, dh + o, dz + o, dn + o, false);
  }
}

/** acc[0..n) += x[0..n). */
export function addInto(n: i32, x: usize, acc: usize): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    v128.store(acc + o, f32x4.add(v128.load(acc + o), v128.load(x + o)));
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    store<f32>(acc + o, load<f32>(acc + o) + load<f32>(x + o));
  }
}
