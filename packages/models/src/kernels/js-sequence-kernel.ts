import { gemmAccumulate, gemmTransposedAAccumulate, gemmTransposedB } from './js-gemm';
import {
  gatesOf,
  hasRecurrentBias,
  savedGatesWidth,
  type BackwardBuffers,
  type ForwardBuffers,
  type SequenceKernel,
  type SequenceShape,
} from '@rnn/kernel-abi';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

function checkShape(s: SequenceShape): void {
  for (const field of ['time', 'batch', 'units'] as const) {
    if (!Number.isInteger(s[field]) || s[field] < 1) {
      throw new RangeError(`kernel ${field} must be an integer >= 1, got ${s[field]}`);
    }
  }
}

/**
 * The bias buffer `name` of a cell with a recurrent bias, at least `width` long; a RangeError naming
 * the field and the cell when it is missing or short.
 */
function recurrentBiasBuffer(s: SequenceShape, name: string, value: Float32Array | undefined): Float32Array {
  const width = gatesOf(s.cell) * s.units;
  if (!(value instanceof Float32Array) || value.length < width) {
    const got = value instanceof Float32Array ? `${value.length} values` : String(value);
    throw new RangeError(`kernel ${name} must be a Float32Array of ${width} values for cell ${s.cell}, got ${got}`);
  }
  return value;
}

/** Which sequences are still running at step t (all of them without lengths). */
function liveRows(lengths: Int32Array | undefined, batch: number, t: number, live: Uint8Array): void {
  for (let b = 0; b < batch; b++) live[b] = lengths === undefined || t < lengths[b] ? 1 : 0;
}

/**
 * The fused sequence kernel in portable TypeScript: runs anywhere tensors can be read synchronously,
 * the browser included. Per step one matrix product for the whole batch and one pass of gate
 * arithmetic, every buffer preallocated; the backward pass reads the gates the forward pass saved
 * instead of recomputing them, as cuDNN and PyTorch do.
 */
export const jsSequenceKernel: SequenceKernel = {
  name: 'js',

  forward(f: ForwardBuffers): void {
    checkShape(f);
    const { cell, time, batch, units, projected, recurrentKernel: u, lengths, outputs, savedGates } = f;
    const width = gatesOf(cell) * units;
    const savedWidth = savedGatesWidth(cell, units);
    const h = Float32Array.from(f.initialState[0]);
    const c = cell === 'lstm' ? Float32Array.from(f.initialState[1]) : new Float32Array(0);
    const z = new Float32Array(batch * width);
    const rh = new Float32Array(cell === 'gru' ? batch * units : 0);
    const withBias = hasRecurrentBias(cell);
    const rb = withBias ? recurrentBiasBuffer(f, 'recurrentBias', f.recurrentBias) : new Float32Array(0);
    // h·U + rb for the reset-after GRU, whose candidate multiplies its block by the reset gate.
    const hu = new Float32Array(withBias ? batch * width : 0);
    const live = new Uint8Array(batch);
    outputs.fill(0);
    for (let t = 0; t < time; t++) {
      liveRows(lengths, batch, t, live);
      f.savedInputs.set(h, t * batch * units);
      z.set(projected.subarray(t * batch * width, (t + 1) * batch * width));
      const out = t * batch * units;
      const saved = t * batch * savedWidth;
      if (cell === 'gru-reset-after') {
        for (let b = 0; b < batch; b++) hu.set(rb.subarray(0, width), b * width);
        gemmAccumulate(hu, 0, width, h, 0, units, u, 0, width, batch, units, width);
        for (let b = 0; b < batch; b++) {
          if (live[b] === 0) continue;
          const s = saved + b * savedWidth;
          const zb = b * width;
          const hb = b * units;
          for (let k = 0; k < units; k++) {
            const zk = sigmoid(z[zb + k] + hu[zb + k]);
            const r = sigmoid(z[zb + units + k] + hu[zb + units + k]);
            const n = hu[zb + 2 * units + k];
            const cand = Math.tanh(z[zb + 2 * units + k] + r * n);
            const next = zk * h[hb + k] + (1 - zk) * cand;
            savedGates[s + k] = zk;
            savedGates[s + units + k] = r;
            savedGates[s + 2 * units + k] = cand;
            savedGates[s + width + k] = n;
            h[hb + k] = next;
            outputs[out + hb + k] = next;
          }
        }
        continue;
      }
      if (cell === 'gru') {
        gemmAccumulate(z, 0, width, h, 0, units, u, 0, width, batch, units, 2 * units);
        for (let b = 0; b < batch; b++) {
          for (let k = 0; k < units; k++) {
            const r = sigmoid(z[b * width + units + k]);
            savedGates[saved + b * savedWidth + k] = sigmoid(z[b * width + k]);
            savedGates[saved + b * savedWidth + units + k] = r;
            rh[b * units + k] = r * h[b * units + k];
          }
        }
        gemmAccumulate(z, 2 * units, width, rh, 0, units, u, 2 * units, width, batch, units, units);
        for (let b = 0; b < batch; b++) {
          if (live[b] === 0) continue;
          const s = saved + b * savedWidth;
          for (let k = 0; k < units; k++) {
            const cand = Math.tanh(z[b * width + 2 * units + k]);
            const zk = savedGates[s + k];
            const next = zk * h[b * units + k] + (1 - zk) * cand;
            savedGates[s + 2 * units + k] = cand;
            h[b * units + k] = next;
            outputs[out + b * units + k] = next;
          }
        }
        continue;
      }
      gemmAccumulate(z, 0, width, h, 0, units, u, 0, width, batch, units, width);
      for (let b = 0; b < batch; b++) {
        const s = saved + b * savedWidth;
        const zb = b * width;
        const hb = b * units;
        if (live[b] === 0) {
          if (cell === 'lstm') for (let k = 0; k < units; k++) savedGates[s + width + k] = c[hb + k];
          continue;
        }
        if (cell === 'lstm') {
          for (let k = 0; k < units; k++) {
            const i = sigmoid(z[zb + k]);
            const fg = sigmoid(z[zb + units + k]);
            const g = Math.tanh(z[zb + 2 * units + k]);
            const o = sigmoid(z[zb + 3 * units + k]);
            const cNext = fg * c[hb + k] + i * g;
            const hNext = o * Math.tanh(cNext);
            savedGates[s + k] = i;
            savedGates[s + units + k] = fg;
            savedGates[s + 2 * units + k] = g;
            savedGates[s + 3 * units + k] = o;
            savedGates[s + 4 * units + k] = cNext;
            c[hb + k] = cNext;
            h[hb + k] = hNext;
            outputs[out + hb + k] = hNext;
          }
        } else {
          for (let k = 0; k < units; k++) {
            const a = z[zb + k];
            const next = cell === 'elman-tanh' ? Math.tanh(a) : cell === 'elman-relu' ? (a > 0 ? a : 0) : a;
            savedGates[s + k] = next;
            h[hb + k] = next;
            outputs[out + hb + k] = next;
          }
        }
      }
    }
    f.finalState[0].set(h);
    if (cell === 'lstm') f.finalState[1].set(c);
  },

  backward(g: BackwardBuffers): void {
    checkShape(g);
    const { cell, time, batch, units, recurrentKernel: u, lengths, savedInputs, savedGates, outputsGrad } = g;
    const width = gatesOf(cell) * units;
    const savedWidth = savedGatesWidth(cell, units);
    const dh = Float32Array.from(g.finalStateGrad[0]);
    const dc = cell === 'lstm' ? Float32Array.from(g.finalStateGrad[1]) : new Float32Array(0);
    const dz = new Float32Array(batch * width);
    const dhPrev = new Float32Array(batch * units);
    const rh = new Float32Array(cell === 'gru' ? batch * units : 0);
    const dRh = new Float32Array(cell === 'gru' ? batch * units : 0);
    const withBias = hasRecurrentBias(cell);
    // The reset-after GRU's gradient of h·U + rb: dz but for the candidate block, times the reset gate.
    const dA = new Float32Array(withBias ? batch * width : 0);
    const drb = withBias ? recurrentBiasBuffer(g, 'recurrentBiasGrad', g.recurrentBiasGrad) : new Float32Array(0);
    drb.fill(0, 0, withBias ? width : 0);
    const live = new Uint8Array(batch);
    const du = g.recurrentKernelGrad;
    du.fill(0);
    for (let t = time - 1; t >= 0; t--) {
      liveRows(lengths, batch, t, live);
      const row = t * batch;
      const saved = row * savedWidth;
      const hIn = row * units;
      dz.fill(0);
      dA.fill(0);
      for (let b = 0; b < batch; b++) {
        if (live[b] === 0) continue;
        const hb = b * units;
        const zb = b * width;
        const s = saved + b * savedWidth;
        for (let k = 0; k < units; k++) dh[hb + k] += outputsGrad[hIn + hb + k];
        if (cell === 'lstm') {
          const cPrevAt = t > 0 ? saved - batch * savedWidth + b * savedWidth + width : -1;
          for (let k = 0; k < units; k++) {
            const i = savedGates[s + k];
            const fg = savedGates[s + units + k];
            const gg = savedGates[s + 2 * units + k];
            const o = savedGates[s + 3 * units + k];
            const tc = Math.tanh(savedGates[s + 4 * units + k]);
            const cPrev = cPrevAt < 0 ? g.initialState[1][hb + k] : savedGates[cPrevAt + k];
            const dhk = dh[hb + k];
            const dck = dc[hb + k] + dhk * o * (1 - tc * tc);
            dz[zb + k] = dck * gg * i * (1 - i);
            dz[zb + units + k] = dck * cPrev * fg * (1 - fg);
            dz[zb + 2 * units + k] = dck * i * (1 - gg * gg);
            dz[zb + 3 * units + k] = dhk * tc * o * (1 - o);
            dc[hb + k] = dck * fg;
          }
        } else if (cell === 'gru-reset-after') {
          for (let k = 0; k < units; k++) {
            const zk = savedGates[s + k];
            const r = savedGates[s + units + k];
            const cand = savedGates[s + 2 * units + k];
            const dhk = dh[hb + k];
            const dCand = dhk * (1 - zk) * (1 - cand * cand);
            const dzk = dhk * (savedInputs[hIn + hb + k] - cand) * zk * (1 - zk);
            const drk = dCand * savedGates[s + width + k] * r * (1 - r);
            dz[zb + k] = dzk;
            dz[zb + units + k] = drk;
            dz[zb + 2 * units + k] = dCand;
            dA[zb + k] = dzk;
            dA[zb + units + k] = drk;
            dA[zb + 2 * units + k] = dCand * r;
          }
        } else if (cell === 'gru') {
          for (let k = 0; k < units; k++) {
            const zk = savedGates[s + k];
            const cand = savedGates[s + 2 * units + k];
            const dhk = dh[hb + k];
            dz[zb + k] = dhk * (savedInputs[hIn + hb + k] - cand) * zk * (1 - zk);
            dz[zb + 2 * units + k] = dhk * (1 - zk) * (1 - cand * cand);
            rh[hb + k] = savedGates[s + units + k] * savedInputs[hIn + hb + k];
          }
        } else {
          for (let k = 0; k < units; k++) {
            const a = savedGates[s + k];
            const slope = cell === 'elman-tanh' ? 1 - a * a : cell === 'elman-relu' ? (a > 0 ? 1 : 0) : 1;
            dz[zb + k] = dh[hb + k] * slope;
          }
        }
      }
      if (cell === 'gru-reset-after') {
        for (let b = 0; b < batch; b++) {
          if (live[b] === 0) continue;
          for (let j = 0; j < width; j++) drb[j] += dA[b * width + j];
        }
        gemmTransposedAAccumulate(du, 0, width, savedInputs, hIn, units, dA, 0, width, units, batch, width);
        gemmTransposedB(dhPrev, 0, units, dA, 0, width, u, 0, width, batch, width, units);
        for (let b = 0; b < batch; b++) {
          if (live[b] === 0) continue;
          const s = saved + b * savedWidth;
          for (let k = 0; k < units; k++) {
            const i = b * units + k;
            dh[i] = dh[i] * savedGates[s + k] + dhPrev[i];
          }
        }
      } else if (cell === 'gru') {
        // ĥ's gradient reaches the reset gate through (r * h)·U_h: needed before r's own gradient.
        gemmTransposedB(dRh, 0, units, dz, 2 * units, width, u, 2 * units, width, batch, units, units);
        for (let b = 0; b < batch; b++) {
          if (live[b] === 0) continue;
          for (let k = 0; k < units; k++) {
            const r = savedGates[saved + b * savedWidth + units + k];
            dz[b * width + units + k] = dRh[b * units + k] * savedInputs[hIn + b * units + k] * r * (1 - r);
          }
        }
        gemmTransposedAAccumulate(du, 0, width, savedInputs, hIn, units, dz, 0, width, units, batch, 2 * units);
        gemmTransposedAAccumulate(du, 2 * units, width, rh, 0, units, dz, 2 * units, width, units, batch, units);
        gemmTransposedB(dhPrev, 0, units, dz, 0, width, u, 0, width, batch, 2 * units, units);
        for (let b = 0; b < batch; b++) {
          if (live[b] === 0) continue;
          const s = saved + b * savedWidth;
          for (let k = 0; k < units; k++) {
            const i = b * units + k;
            dh[i] = dh[i] * savedGates[s + k] + dRh[i] * savedGates[s + units + k] + dhPrev[i];
          }
        }
      } else {
        gemmTransposedAAccumulate(du, 0, width, savedInputs, hIn, units, dz, 0, width, units, batch, width);
        gemmTransposedB(dhPrev, 0, units, dz, 0, width, u, 0, width, batch, width, units);
        for (let b = 0; b < batch; b++) {
          if (live[b] === 1) dh.set(dhPrev.subarray(b * units, (b + 1) * units), b * units);
        }
      }
      g.projectedGrad.set(dz, row * width);
    }
    g.initialStateGrad[0].set(dh);
    if (cell === 'lstm') g.initialStateGrad[1].set(dc);
  },
};
