// Plain float64 references: the cell math written out directly from its definition, one
// (step, sequence, unit) at a time, sharing no code with the kernels tested against it.

// Only the buffer sizes come from the kernel contract; the math below is written out on its own.
import { gatesOf, hasRecurrentBias, savedGatesWidth, type KernelCell } from '@rnn/kernel-abi';

/** A seeded uniform generator in [0, 1) (mulberry32), so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomArray(random: () => number, n: number, scale = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (random() * 2 - 1) * scale;
  return a;
}

/** One fused call's inputs and the incoming gradients for its backward pass. */
export interface Problem {
  readonly cell: KernelCell;
  readonly time: number;
  readonly batch: number;
  readonly units: number;
  readonly projected: ArrayLike<number>;
  readonly recurrentKernel: ArrayLike<number>;
  /** rb [G·U], for a cell whose table row says `recurrentBias` (the reset-after GRU); absent otherwise. */
  readonly recurrentBias?: ArrayLike<number>;
  readonly h0: ArrayLike<number>;
  readonly c0: ArrayLike<number>;
  readonly lengths?: Int32Array;
  readonly outputsGrad: ArrayLike<number>;
  readonly dhT: ArrayLike<number>;
  readonly dcT: ArrayLike<number>;
}

export function randomProblem(
  random: () => number,
  cell: KernelCell,
  time: number,
  batch: number,
  units: number,
  ragged: boolean,
): Problem & {
  projected: Float32Array;
  recurrentKernel: Float32Array;
  recurrentBias?: Float32Array;
  h0: Float32Array;
  c0: Float32Array;
} {
  const gu = gatesOf(cell) * units;
  let lengths: Int32Array | undefined;
  if (ragged) {
    lengths = new Int32Array(batch);
    for (let b = 0; b < batch; b++) lengths[b] = Math.floor(random() * (time + 1));
    lengths[0] = time;
    if (batch > 1) lengths[batch - 1] = 0;
  }
  return {
    cell,
    time,
    batch,
    units,
    projected: randomArray(random, time * batch * gu, 1.5),
    recurrentKernel: randomArray(random, units * gu, 1.5 / Math.sqrt(units)),
    h0: randomArray(random, batch * units, 0.8),
    c0: randomArray(random, batch * units, 0.8),
    lengths,
    outputsGrad: randomArray(random, time * batch * units),
    dhT: randomArray(random, batch * units),
    dcT: randomArray(random, batch * units),
    // Drawn last, so the problems of the other cells stay what they were.
    ...(hasRecurrentBias(cell) ? { recurrentBias: randomArray(random, gu, 0.8) } : {}),
  };
}

/** The problem's recurrent bias; a one-line error when its cell needs one and it has none. */
function recurrentBiasOf(p: Problem): ArrayLike<number> {
  if (p.recurrentBias === undefined) throw new Error(`a ${p.cell} problem needs a recurrentBias`);
  return p.recurrentBias;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export interface ReferenceForward {
  outputs: Float64Array;
  hT: Float64Array;
  cT: Float64Array;
  savedInputs: Float64Array;
  /**
   * [T, B, W] like the kernel's savedGates: z, r, ĥ and then h·U_h + rb_h for the reset-after GRU.
   * Rows past a sequence's length hold only the carried c (LSTM).
   */
  savedGates: Float64Array;
}

export function referenceForward(p: Problem): ReferenceForward {
  const { cell, time: T, batch: B, units: U } = p;
  const G = gatesOf(cell);
  const GU = G * U;
  const W = savedGatesWidth(cell, U);
  const h = Float64Array.from(p.h0);
  const c = Float64Array.from(p.c0);
  const out: ReferenceForward = {
    outputs: new Float64Array(T * B * U),
    hT: new Float64Array(B * U),
    cT: new Float64Array(B * U),
    savedInputs: new Float64Array(T * B * U),
    savedGates: new Float64Array(T * B * W),
  };
  const rec = (hv: ArrayLike<number>, hOff: number, col: number): number => {
    let s = 0;
    for (let k = 0; k < U; k++) s += hv[hOff + k] * p.recurrentKernel[k * GU + col];
    return s;
  };
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const tb = t * B + b;
      for (let j = 0; j < U; j++) out.savedInputs[tb * U + j] = h[b * U + j];
      const g = tb * W;
      if (p.lengths && t >= p.lengths[b]) {
        if (cell === 'lstm') for (let j = 0; j < U; j++) out.savedGates[g + GU + j] = c[b * U + j];
        continue;
      }
      const z = new Float64Array(GU);
      for (let j = 0; j < GU; j++) z[j] = p.projected[tb * GU + j];
      const hNew = new Float64Array(U);
      if (cell === 'lstm') {
        for (let j = 0; j < GU; j++) z[j] += rec(h, b * U, j);
        for (let j = 0; j < U; j++) {
          const i = sigmoid(z[j]);
          const f = sigmoid(z[U + j]);
          const gg = Math.tanh(z[2 * U + j]);
          const o = sigmoid(z[3 * U + j]);
          const cn = f * c[b * U + j] + i * gg;
          out.savedGates[g + j] = i;
          out.savedGates[g + U + j] = f;
          out.savedGates[g + 2 * U + j] = gg;
          out.savedGates[g + 3 * U + j] = o;
          out.savedGates[g + GU + j] = cn;
          hNew[j] = o * Math.tanh(cn);
        }
        for (let j = 0; j < U; j++) c[b * U + j] = out.savedGates[g + GU + j];
      } else if (cell === 'gru-reset-after') {
        // torch.nn.GRU: both biases outside the gates, the reset gate applied to h·U_h + rb_h.
        const rb = recurrentBiasOf(p);
        for (let j = 0; j < U; j++) {
          const zz = sigmoid(z[j] + rec(h, b * U, j) + rb[j]);
          const rr = sigmoid(z[U + j] + rec(h, b * U, U + j) + rb[U + j]);
          const n = rec(h, b * U, 2 * U + j) + rb[2 * U + j];
          const cand = Math.tanh(z[2 * U + j] + rr * n);
          out.savedGates[g + j] = zz;
          out.savedGates[g + U + j] = rr;
          out.savedGates[g + 2 * U + j] = cand;
          out.savedGates[g + GU + j] = n;
          hNew[j] = zz * h[b * U + j] + (1 - zz) * cand;
        }
      } else if (cell === 'gru') {
        const zr = new Float64Array(2 * U);
        for (let j = 0; j < 2 * U; j++) zr[j] = sigmoid(z[j] + rec(h, b * U, j));
        const rh = new Float64Array(U);
        for (let k = 0; k < U; k++) rh[k] = zr[U + k] * h[b * U + k];
        for (let j = 0; j < U; j++) {
          const cand = Math.tanh(z[2 * U + j] + rec(rh, 0, 2 * U + j));
          const zz = zr[j];
          out.savedGates[g + j] = zz;
          out.savedGates[g + U + j] = zr[U + j];
          out.savedGates[g + 2 * U + j] = cand;
          hNew[j] = zz * h[b * U + j] + (1 - zz) * cand;
        }
      } else {
        for (let j = 0; j < U; j++) {
          const v = z[j] + rec(h, b * U, j);
          hNew[j] = cell === 'elman-tanh' ? Math.tanh(v) : cell === 'elman-relu' ? Math.max(0, v) : v;
          out.savedGates[g + j] = hNew[j];
        }
      }
      for (let j = 0; j < U; j++) {
        h[b * U + j] = hNew[j];
        out.outputs[tb * U + j] = hNew[j];
      }
    }
  }
  out.hT.set(h);
  out.cT.set(c);
  return out;
}

export interface ReferenceBackward {
  projectedGrad: Float64Array;
  recurrentKernelGrad: Float64Array;
  /** [G·U]; zero for a cell without a recurrent bias. */
  recurrentBiasGrad: Float64Array;
  dh0: Float64Array;
  dc0: Float64Array;
}

/** Backpropagation through time over the reference forward pass's values. */
export function referenceBackward(p: Problem, f: ReferenceForward): ReferenceBackward {
  const { cell, time: T, batch: B, units: U } = p;
  const GU = gatesOf(cell) * U;
  const W = savedGatesWidth(cell, U);
  const Uk = p.recurrentKernel;
  const dh = Float64Array.from(p.dhT);
  const dc = Float64Array.from(p.dcT);
  const r: ReferenceBackward = {
    projectedGrad: new Float64Array(T * B * GU),
    recurrentKernelGrad: new Float64Array(U * GU),
    recurrentBiasGrad: new Float64Array(GU),
    dh0: new Float64Array(B * U),
    dc0: new Float64Array(B * U),
  };
  const dU = r.recurrentKernelGrad;
  for (let t = T - 1; t >= 0; t--) {
    for (let b = 0; b < B; b++) {
      if (p.lengths && t >= p.lengths[b]) continue;
      const tb = t * B + b;
      const g = tb * W;
      const hp = f.savedInputs.subarray(tb * U, tb * U + U);
      const dht = new Float64Array(U);
      for (let j = 0; j < U; j++) dht[j] = dh[b * U + j] + p.outputsGrad[tb * U + j];
      const dz = r.projectedGrad.subarray(tb * GU, tb * GU + GU);
      const dhp = new Float64Array(U);
      if (cell === 'lstm') {
        for (let j = 0; j < U; j++) {
          const i = f.savedGates[g + j];
          const ff = f.savedGates[g + U + j];
          const gg = f.savedGates[g + 2 * U + j];
          const o = f.savedGates[g + 3 * U + j];
          const cn = f.savedGates[g + GU + j];
          const cp = t === 0 ? p.c0[b * U + j] : f.savedGates[(tb - B) * W + GU + j];
          const th = Math.tanh(cn);
          const dct = dc[b * U + j] + dht[j] * o * (1 - th * th);
          dz[j] = dct * gg * i * (1 - i);
          dz[U + j] = dct * cp * ff * (1 - ff);
          dz[2 * U + j] = dct * i * (1 - gg * gg);
          dz[3 * U + j] = dht[j] * th * o * (1 - o);
          dc[b * U + j] = dct * ff;
        }
        for (let k = 0; k < U; k++)
          for (let j = 0; j < GU; j++) {
            dhp[k] += dz[j] * Uk[k * GU + j];
            dU[k * GU + j] += hp[k] * dz[j];
          }
      } else if (cell === 'gru-reset-after') {
        // dA: the gradient of h·U + rb, which differs from dz (of the projection) in the candidate
        // block: there the reset gate stands between the two.
        const dA = new Float64Array(GU);
        for (let j = 0; j < U; j++) {
          const z = f.savedGates[g + j];
          const rg = f.savedGates[g + U + j];
          const cand = f.savedGates[g + 2 * U + j];
          const n = f.savedGates[g + GU + j];
          const dCand = dht[j] * (1 - z) * (1 - cand * cand);
          dz[j] = dht[j] * (hp[j] - cand) * z * (1 - z);
          dz[U + j] = dCand * n * rg * (1 - rg);
          dz[2 * U + j] = dCand;
          dA[j] = dz[j];
          dA[U + j] = dz[U + j];
          dA[2 * U + j] = dCand * rg;
          dhp[j] = dht[j] * z;
        }
        for (let j = 0; j < GU; j++) r.recurrentBiasGrad[j] += dA[j];
        for (let k = 0; k < U; k++)
          for (let j = 0; j < GU; j++) {
            dhp[k] += dA[j] * Uk[k * GU + j];
            dU[k * GU + j] += hp[k] * dA[j];
          }
      } else if (cell === 'gru') {
        const dCand = new Float64Array(U);
        for (let j = 0; j < U; j++) {
          const z = f.savedGates[g + j];
          const cand = f.savedGates[g + 2 * U + j];
          dz[j] = dht[j] * (hp[j] - cand) * z * (1 - z);
          dCand[j] = dht[j] * (1 - z) * (1 - cand * cand);
          dz[2 * U + j] = dCand[j];
          dhp[j] = dht[j] * z;
        }
        for (let k = 0; k < U; k++) {
          const rg = f.savedGates[g + U + k];
          let drh = 0;
          for (let j = 0; j < U; j++) {
            drh += dCand[j] * Uk[k * GU + 2 * U + j];
            dU[k * GU + 2 * U + j] += rg * hp[k] * dCand[j];
          }
          dz[U + k] = drh * hp[k] * rg * (1 - rg);
          dhp[k] += drh * rg;
        }
        for (let k = 0; k < U; k++)
          for (let j = 0; j < 2 * U; j++) {
            dhp[k] += dz[j] * Uk[k * GU + j];
            dU[k * GU + j] += hp[k] * dz[j];
          }
      } else {
        for (let j = 0; j < U; j++) {
          const h = f.savedGates[g + j];
          const d = cell === 'elman-tanh' ? 1 - h * h : cell === 'elman-relu' ? (h > 0 ? 1 : 0) : 1;
          dz[j] = dht[j] * d;
        }
        for (let k = 0; k < U; k++)
          for (let j = 0; j < U; j++) {
            dhp[k] += dz[j] * Uk[k * GU + j];
            dU[k * GU + j] += hp[k] * dz[j];
          }
      }
      dh.set(dhp, b * U);
    }
  }
  r.dh0.set(dh);
  r.dc0.set(dc);
  return r;
}

/** The scalar whose gradients the backward pass computes: outputs, final h and final c, weighted. */
export function referenceLoss(p: Problem): number {
  const f = referenceForward(p);
  let loss = 0;
  for (let i = 0; i < f.outputs.length; i++) loss += f.outputs[i] * p.outputsGrad[i];
  for (let i = 0; i < f.hT.length; i++) loss += f.hT[i] * p.dhT[i];
  if (p.cell === 'lstm') for (let i = 0; i < f.cT.length; i++) loss += f.cT[i] * p.dcT[i];
  return loss;
}

/** op(A)·op(B) in float64, row-major, the definition of SGEMM. */
export function referenceMatMul(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  return c;
}
