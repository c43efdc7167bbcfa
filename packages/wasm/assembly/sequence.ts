// The fused whole-sequence passes. Arrays are time-major float32 in linear memory, placed there by
// the JavaScript side; every pointer is a byte address. Per step: one product of the batch's hidden
// states with the recurrent kernel (packed once per call; two products for the GRUs: the
// reset-before GRU's candidate multiplies r * h, and the reset-after GRU keeps h . U_h + rb_h apart
// from its gates), then the elementwise cell math row by row. The backward pass computes dZ step by
// step, and the recurrent kernel's gradient at the end as one large product over all T * B rows.
// The semantics are the portable TypeScript kernel's (`@rnn/models` js-sequence-kernel.ts), buffer
// for buffer: what is written, carried or zeroed past a sequence's length.
import { allocFloats } from './arena';
import {
  GRU,
  GRU_RESET_AFTER,
  LSTM,
  addInto,
  elmanBackward,
  elmanForward,
  gruBackward,
  gruBlend,
  gruCarry,
  gruGates,
  gruResetAfterBackward,
  gruResetAfterForward,
  gruResetGrad,
  lstmBackward,
  lstmForward,
} from './cells';
import { gemmPacked, packB, packedBFloats } from './gemm';

/** Gate blocks per cell: the width of the projection and of the recurrent kernel is gates * units. */
export function gatesOf(cell: i32): i32 {
  return cell == LSTM ? 4 : cell == GRU || cell == GRU_RESET_AFTER ? 3 : 1;
}

/** Floats saved per (step, sequence): the gates, and LSTM's new cell state or the reset-after GRU's h . U_h + rb_h. */
export function savedWidthOf(cell: i32, units: i32): i32 {
  return gatesOf(cell) * units + (cell == LSTM || cell == GRU_RESET_AFTER ? units : 0);
}

/** Whether the recurrent product is split in two, U[:, 0:2U] and U[:, 2U:3U]: the GRUs. */
function splitProduct(cell: i32): bool {
  return cell == GRU || cell == GRU_RESET_AFTER;
}

function live(lengths: usize, b: i32, t: i32): bool {
  return lengths == 0 || t < load<i32>(lengths + ((<usize>b) << 2));
}

/** Byte address of float `index` of the array at `base`. */
function at(base: usize, index: i32): usize {
  return base + ((<usize>index) << 2);
}

/**
 * The forward pass over T steps. `projected` [T, B, G*U] is used as scratch (overwritten with the
 * pre-activations); `c0`/`cT` are ignored unless LSTM; `recurrentBias` [G*U] is read by the
 * reset-after GRU only; `lengths` is 0 when every sequence runs all T steps. Fills `outputs`
 * [T, B, U] (zero past a sequence's length), `hT`, `cT`, `savedInputs` [T, B, U] (the hidden state
 * entering each step) and `savedGates` [T, B, W]: gate blocks of rows past their length are left as
 * they were (the reset-before GRU writes its update and reset gates for every row).
 */
export function forward(
  cell: i32,
  T: i32,
  B: i32,
  U: i32,
  projected: usize,
  kernel: usize,
  h0: usize,
  c0: usize,
  lengths: usize,
  outputs: usize,
  hT: usize,
  cT: usize,
  savedInputs: usize,
  savedGates: usize,
  recurrentBias: usize,
): void {
  const GU = gatesOf(cell) * U;
  const W = savedWidthOf(cell, U);
  const BU = B * U;
  const rowBytes = (<usize>U) << 2;
  const n1 = splitProduct(cell) ? 2 * U : GU; // columns of the first product
  const packed = allocFloats(packedBFloats(U, n1));
  packB(false, U, n1, kernel, GU, packed);
  let packedH: usize = 0;
  let rh: usize = 0; // GRU: r * h_prev; reset-after GRU: h_prev . U_h + rb_h, [B, U]
  if (splitProduct(cell)) {
    packedH = allocFloats(packedBFloats(U, U));
    packB(false, U, U, at(kernel, 2 * U), GU, packedH);
    rh = allocFloats(BU);
  }
  memory.copy(savedInputs, h0, (<usize>BU) << 2);
  for (let t = 0; t < T; t++) {
    const hp = at(savedInputs, t * BU);
    const hn = t + 1 < T ? at(savedInputs, (t + 1) * BU) : hT;
    const z = at(projected, t * B * GU);
    if (cell == GRU_RESET_AFTER) {
      for (let b = 0; b < B; b++) {
        addInto(2 * U, recurrentBias, at(z, b * GU));
        memory.copy(at(rh, b * U), at(recurrentBias, 2 * U), rowBytes);
      }
      gemmPacked(false, B, n1, U, 1, hp, U, packed, z, GU);
      gemmPacked(false, B, U, U, 1, hp, U, packedH, rh, U);
      for (let b = 0; b < B; b++) {
        const hpr = at(hp, b * U);
        const hnr = at(hn, b * U);
        const out = at(outputs, (t * B + b) * U);
        if (!live(lengths, b, t)) {
          memory.copy(hnr, hpr, rowBytes);
          memory.fill(out, 0, rowBytes);
          continue;
        }
        gruResetAfterForward(U, at(z, b * GU), at(rh, b * U), hpr, at(savedGates, (t * B + b) * W), hnr, out);
      }
      continue;
    }
    gemmPacked(false, B, n1, U, 1, hp, U, packed, z, GU);
    for (let b = 0; b < B; b++) {
      const g = at(savedGates, (t * B + b) * W);
      const zr = at(z, b * GU);
      const hpr = at(hp, b * U);
      const hnr = at(hn, b * U);
      const out = at(outputs, (t * B + b) * U);
      const cp: usize = cell != LSTM ? 0 : t == 0 ? at(c0, b * U) : at(savedGates, ((t - 1) * B + b) * W + GU);
      if (cell == GRU) gruGates(U, zr, hpr, g, at(rh, b * U));
      if (!live(lengths, b, t)) {
        memory.copy(hnr, hpr, rowBytes);
        memory.fill(out, 0, rowBytes);
        if (cell == LSTM) memory.copy(at(g, GU), cp, rowBytes);
        continue;
      }
      if (cell == LSTM) lstmForward(U, zr, cp, g, hnr, out);
      else if (cell != GRU) elmanForward(cell, U, zr, g, hnr, out);
    }
    if (cell == GRU) {
      gemmPacked(false, B, U, U, 1, rh, U, packedH, at(z, 2 * U), GU);
      for (let b = 0; b < B; b++) {
        if (!live(lengths, b, t)) continue;
        const g = at(savedGates, (t * B + b) * W);
        gruBlend(U, at(z, b * GU + 2 * U), at(hp, b * U), g, at(hn, b * U), at(outputs, (t * B + b) * U));
      }
    }
  }
  if (T == 0) memory.copy(hT, h0, (<usize>BU) << 2);
  if (cell == LSTM) {
    for (let b = 0; b < B; b++) {
      const from = T == 0 ? at(c0, b * U) : at(savedGates, ((T - 1) * B + b) * W + GU);
      memory.copy(at(cT, b * U), from, rowBytes);
    }
  }
}

/**
 * The backward pass over T steps, from the forward pass's saved buffers. `outputsGrad` [T, B, U] and
 * `dhT`/`dcT` are the incoming gradients (`dhT` is used as scratch). Fills `projectedGrad` [T, B, G*U]
 * (zero past a sequence's length), `kernelGrad` [U, G*U] (overwritten), `dh0`/`dc0`, and for the
 * reset-after GRU `recurrentBiasGrad` [G*U] (overwritten).
 */
export function backward(
  cell: i32,
  T: i32,
  B: i32,
  U: i32,
  kernel: usize,
  c0: usize,
  lengths: usize,
  savedInputs: usize,
  savedGates: usize,
  outputsGrad: usize,
  dhT: usize,
  dcT: usize,
  projectedGrad: usize,
  kernelGrad: usize,
  dh0: usize,
  dc0: usize,
  recurrentBiasGrad: usize,
): void {
  const GU = gatesOf(cell) * U;
  const W = savedWidthOf(cell, U);
  const BU = B * U;
  const rowBytes = (<usize>U) << 2;
  const k1 = splitProduct(cell) ? 2 * U : GU; // depth of the product carrying dz back to h_prev
  const packedT = allocFloats(packedBFloats(k1, U));
  packB(true, k1, U, kernel, GU, packedT);
  let packedHT: usize = 0;
  // GRU: r * h_prev; reset-after GRU: dn = d(h_prev . U_h + rb_h). Every step and row, [T, B, U].
  let rhAll: usize = 0;
  let drh: usize = 0;
  if (splitProduct(cell)) {
    packedHT = allocFloats(packedBFloats(U, U));
    packB(true, U, U, at(kernel, 2 * U), GU, packedHT);
    rhAll = allocFloats(T * BU);
    if (cell == GRU) drh = allocFloats(BU);
  }
  let dh = dhT; // the gradient reaching the hidden state after step t, carried down to step 0
  const dc = dcT;
  let dhPrev = allocFloats(BU);
  const tc = cell == LSTM ? allocFloats(U) : 0; // tanh of a row's cell state
  for (let t = T - 1; t >= 0; t--) {
    const hp = at(savedInputs, t * BU);
    const dz = at(projectedGrad, t * B * GU);
    for (let b = 0; b < B; b++) {
      const dzr = at(dz, b * GU);
      if (!live(lengths, b, t)) {
        memory.fill(dzr, 0, (<usize>GU) << 2);
        if (splitProduct(cell)) memory.fill(at(rhAll, (t * B + b) * U), 0, rowBytes);
        continue;
      }
      const g = at(savedGates, (t * B + b) * W);
      const dhr = at(dh, b * U);
      addInto(U, at(outputsGrad, (t * B + b) * U), dhr);
      if (cell == LSTM) {
        const cp = t == 0 ? at(c0, b * U) : at(savedGates, ((t - 1) * B + b) * W + GU);
        lstmBackward(U, g, cp, dhr, at(dc, b * U), dzr, tc);
      } else if (cell == GRU) {
        gruBackward(U, g, at(hp, b * U), dhr, dzr, at(rhAll, (t * B + b) * U));
      } else if (cell == GRU_RESET_AFTER) {
        gruResetAfterBackward(U, g, at(hp, b * U), dhr, dzr, at(rhAll, (t * B + b) * U));
      } else {
        elmanBackward(cell, U, g, dhr, dzr);
      }
    }
    if (cell == GRU_RESET_AFTER) {
      // dh_prev = dh * z (already in dh) + [dz_z, dz_r] . U[:, 0:2U]^T + dn . U_h^T.
      memory.fill(dhPrev, 0, (<usize>BU) << 2);
      gemmPacked(false, B, U, 2 * U, 1, dz, GU, packedT, dhPrev, U);
      gemmPacked(false, B, U, U, 1, at(rhAll, t * BU), U, packedHT, dhPrev, U);
      for (let b = 0; b < B; b++) {
        if (live(lengths, b, t)) addInto(U, at(dhPrev, b * U), at(dh, b * U));
      }
    } else if (cell == GRU) {
      // The candidate's gradient reaches the reset gate through (r * h) . U_h: needed before r's dz.
      memory.fill(drh, 0, (<usize>BU) << 2);
      gemmPacked(false, B, U, U, 1, at(dz, 2 * U), GU, packedHT, drh, U);
      for (let b = 0; b < B; b++) {
        if (live(lengths, b, t))
          gruResetGrad(U, at(savedGates, (t * B + b) * W), at(hp, b * U), at(drh, b * U), at(dz, b * GU));
      }
      memory.fill(dhPrev, 0, (<usize>BU) << 2);
      gemmPacked(false, B, U, 2 * U, 1, dz, GU, packedT, dhPrev, U);
      for (let b = 0; b < B; b++) {
        if (!live(lengths, b, t)) continue;
        gruCarry(U, at(savedGates, (t * B + b) * W), at(drh, b * U), at(dhPrev, b * U), at(dh, b * U));
      }
    } else {
      memory.fill(dhPrev, 0, (<usize>BU) << 2);
      gemmPacked(false, B, U, GU, 1, dz, GU, packedT, dhPrev, U);
      // Sequences past their length pass their gradient through unchanged.
      for (let b = 0; b < B; b++) {
        if (!live(lengths, b, t)) memory.copy(at(dhPrev, b * U), at(dh, b * U), rowBytes);
      }
      const swap = dh;
      dh = dhPrev;
      dhPrev = swap;
    }
  }
  memory.copy(dh0, dh, (<usize>BU) << 2);
  if (cell == LSTM) memory.copy(dc0, dc, (<usize>BU) << 2);
  // dU = sum over steps and rows of h_prev^T dz (rows past their length have dz = 0).
  const TB = T * B;
  const n1 = splitProduct(cell) ? 2 * U : GU;
  memory.fill(kernelGrad, 0, (<usize>(U * GU)) << 2);
  if (cell == GRU_RESET_AFTER) memory.fill(recurrentBiasGrad, 0, (<usize>GU) << 2);
  if (TB == 0) return;
  const packedDz = allocFloats(packedBFloats(TB, n1));
  packB(false, TB, n1, projectedGrad, GU, packedDz);
  gemmPacked(true, U, n1, TB, 1, savedInputs, U, packedDz, kernelGrad, GU);
  if (cell == GRU) {
    packB(false, TB, U, at(projectedGrad, 2 * U), GU, packedDz);
    gemmPacked(true, U, U, TB, 1, rhAll, U, packedDz, at(kernelGrad, 2 * U), GU);
  } else if (cell == GRU_RESET_AFTER) {
    // The candidate block's gradient flows through dn, not dz_h; drb sums the same rows.
    packB(false, TB, U, rhAll, U, packedDz);
    gemmPacked(true, U, U, TB, 1, savedInputs, U, packedDz, at(kernelGrad, 2 * U), GU);
    for (let i = 0; i < TB; i++) {
      addInto(2 * U, at(projectedGrad, i * GU), recurrentBiasGrad);
      addInto(U, at(rhAll, i * U), at(recurrentBiasGrad, 2 * U));
    }
  }
}
