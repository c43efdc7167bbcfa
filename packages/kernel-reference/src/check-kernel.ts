// Runs a compiled kernel on a reference problem and compares every buffer it fills with the float64
// reference. Plain throws, no test framework: any runner reports them.
import {
  gatesOf,
  hasRecurrentBias,
  isKernelCell,
  savedGatesWidth,
  type KernelCell,
  type SequenceKernel,
} from '@rnn/kernel-abi';
import {
  randomProblem,
  referenceBackward,
  referenceForward,
  referenceLoss,
  seededRandom,
  type Problem,
} from './reference';

/** Every buffer one forward and backward pass filled. */
export interface KernelRun {
  outputs: Float32Array;
  hT: Float32Array;
  cT: Float32Array;
  savedInputs: Float32Array;
  savedGates: Float32Array;
  projectedGrad: Float32Array;
  recurrentKernelGrad: Float32Array;
  /** [G·U] for a cell with a recurrent bias, empty otherwise. */
  recurrentBiasGrad: Float32Array;
  dh0: Float32Array;
  dc0: Float32Array;
}

/** |actual − expected| ≤ atol + rtol·|expected| elementwise; throws naming the worst offender. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  rtol = 1e-4,
  atol = 1e-5,
): void {
  if (actual.length < expected.length) {
    throw new Error(`${what}: ${actual.length} values, expected at least ${expected.length}`);
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) - (atol + rtol * Math.abs(expected[i]));
    if (!(excess <= worstExcess)) {
      worst = i;
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
    }
  }
  if (worst >= 0) {
    throw new Error(`${what}[${worst}] = ${actual[worst]}, expected ${expected[worst]} (of ${expected.length} values)`);
  }
}

/**
 * Forward then backward through `kernel`, into fresh buffers pre-filled with NaN (so nothing may be
 * left unwritten unless the contract says so); throws if the kernel wrote into an input.
 */
export function runKernel(kernel: SequenceKernel, p: Problem): KernelRun {
  const { cell, time: T, batch: B, units: U } = p;
  // A cell outside the table (a test of the kernel's own check) gets buffers sized as Elman's.
  const known = isKernelCell(cell);
  const GU = (known ? gatesOf(cell) : 1) * U;
  const lstm = cell === 'lstm';
  const withBias = known && hasRecurrentBias(cell);
  const f32 = (a: ArrayLike<number>) => Float32Array.from(a);
  const nan = (n: number) => new Float32Array(n).fill(NaN);
  const r: KernelRun = {
    outputs: nan(T * B * U),
    hT: nan(B * U),
    cT: nan(B * U),
    savedInputs: nan(T * B * U),
    savedGates: nan(T * B * (known ? savedGatesWidth(cell, U) : U)),
    projectedGrad: nan(T * B * GU),
    recurrentKernelGrad: nan(U * GU),
    recurrentBiasGrad: nan(withBias ? GU : 0),
    dh0: nan(B * U),
    dc0: nan(B * U),
  };
  const initialState = lstm ? [f32(p.h0), f32(p.c0)] : [f32(p.h0)];
  const recurrentKernel = f32(p.recurrentKernel);
  const projected = f32(p.projected);
  const recurrentBias = p.recurrentBias === undefined ? undefined : f32(p.recurrentBias);
  kernel.forward({
    cell,
    time: T,
    batch: B,
    units: U,
    projected,
    recurrentKernel,
    recurrentBias,
    initialState,
    lengths: p.lengths,
    outputs: r.outputs,
    finalState: lstm ? [r.hT, r.cT] : [r.hT],
    savedInputs: r.savedInputs,
    savedGates: r.savedGates,
  });
  expectClose(projected, p.projected, 'projected (an input: read only)', 0, 0);
  kernel.backward({
    cell,
    time: T,
    batch: B,
    units: U,
    recurrentKernel,
    recurrentBias,
    initialState,
    lengths: p.lengths,
    savedInputs: r.savedInputs,
    savedGates: r.savedGates,
    outputsGrad: f32(p.outputsGrad),
    finalStateGrad: lstm ? [f32(p.dhT), f32(p.dcT)] : [f32(p.dhT)],
    projectedGrad: r.projectedGrad,
    recurrentKernelGrad: r.recurrentKernelGrad,
    ...(withBias ? { recurrentBiasGrad: r.recurrentBiasGrad } : {}),
    initialStateGrad: lstm ? [r.dh0, r.dc0] : [r.dh0],
  });
  expectClose(recurrentKernel, p.recurrentKernel, 'recurrentKernel (an input: read only)', 0, 0);
  if (recurrentBias) expectClose(recurrentBias, p.recurrentBias!, 'recurrentBias (an input: read only)', 0, 0);
  return r;
}

/**
 * The saved gates the contract defines: every block of valid rows, and LSTM's c part of every row
 * (the carried cell state; the reset-after GRU's extra block of a finished row means nothing).
 */
function definedSavedGates(p: Problem, saved: ArrayLike<number>): number[] {
  const { cell, time: T, batch: B, units: U } = p;
  const GU = gatesOf(cell) * U;
  const W = savedGatesWidth(cell, U);
  const out: number[] = [];
  for (let t = 0; t < T; t++)
    for (let b = 0; b < B; b++) {
      const valid = !p.lengths || t < p.lengths[b];
      for (let j = 0; j < W; j++) if (valid || (cell === 'lstm' && j >= GU)) out.push(saved[(t * B + b) * W + j]);
    }
  return out;
}

/** How closely {@link checkAgainstReference} holds a kernel. */
export interface CheckOptions {
  /** Tolerances of the gradients (rtol, atol); default 1e-3, 1e-4. Forward values: 1e-4, 1e-5. */
  readonly gradientTolerance?: readonly [number, number];
  /**
   * Also require what the portable TypeScript kernel does: the gate blocks of a finished row's saved
   * gates keep what the caller's buffer held (GRU writes its update and reset gates for every row).
   */
  readonly finishedRowsKeepSavedGates?: boolean;
}

/** Runs `kernel` on `p` and throws unless every buffer matches the float64 reference. */
export function checkAgainstReference(kernel: SequenceKernel, p: Problem, options: CheckOptions = {}): void {
  const [rtol, atol] = options.gradientTolerance ?? [1e-3, 1e-4];
  const ref = referenceForward(p);
  const back = referenceBackward(p, ref);
  const got = runKernel(kernel, p);
  const tag = `${p.cell} T=${p.time} B=${p.batch} U=${p.units}${p.lengths ? ' ragged' : ''}`;
  expectClose(got.outputs, ref.outputs, `${tag} outputs`);
  expectClose(got.hT, ref.hT, `${tag} finalState[0]`);
  if (p.cell === 'lstm') expectClose(got.cT, ref.cT, `${tag} finalState[1]`);
  expectClose(got.savedInputs, ref.savedInputs, `${tag} savedInputs`);
  expectClose(definedSavedGates(p, got.savedGates), definedSavedGates(p, ref.savedGates), `${tag} savedGates`);
  expectClose(got.projectedGrad, back.projectedGrad, `${tag} projectedGrad`, rtol, atol);
  expectClose(got.recurrentKernelGrad, back.recurrentKernelGrad, `${tag} recurrentKernelGrad`, rtol, atol);
  if (hasRecurrentBias(p.cell)) {
    expectClose(got.recurrentBiasGrad, back.recurrentBiasGrad, `${tag} recurrentBiasGrad`, rtol, atol);
  }
  expectClose(got.dh0, back.dh0, `${tag} initialStateGrad[0]`, rtol, atol);
  if (p.cell === 'lstm') expectClose(got.dc0, back.dc0, `${tag} initialStateGrad[1]`, rtol, atol);
  if (!p.lengths) return;
  const { cell, time: T, batch: B, units: U } = p;
  const GU = gatesOf(cell) * U;
  const W = savedGatesWidth(cell, U);
  for (let t = 0; t < T; t++)
    for (let b = 0; b < B; b++) {
      if (t < p.lengths[b]) continue;
      const row = t * B + b;
      if (!got.outputs.subarray(row * U, (row + 1) * U).every((v) => v === 0)) {
        throw new Error(`${tag}: outputs of step ${t} of sequence ${b}, past its length, are not zero`);
      }
      if (!got.projectedGrad.subarray(row * GU, (row + 1) * GU).every((v) => v === 0)) {
        throw new Error(`${tag}: projectedGrad of step ${t} of sequence ${b}, past its length, is not zero`);
      }
      const untouched = got.savedGates.subarray(row * W + (cell === 'gru' ? 2 * U : 0), row * W + GU);
      if (options.finishedRowsKeepSavedGates && !untouched.every((v) => Number.isNaN(v))) {
        throw new Error(`${tag}: saved gates of step ${t} of sequence ${b}, past its length, were written`);
      }
    }
}

/**
 * A kernel's gradients (of the projection, the recurrent kernel, the recurrent bias when the cell has
 * one, and the initial state) against
 * central finite differences of the float64 reference loss, on a tiny ragged problem of `cell`.
 */
export function checkFiniteDifferences(kernel: SequenceKernel, cell: KernelCell): void {
  const p = randomProblem(seededRandom(11), cell, 3, 2, 3, true);
  (p.lengths as Int32Array).set([3, 2]);
  const got = runKernel(kernel, p);
  const eps = 1e-5;
  const check = (name: string, values: Float32Array, grad: Float32Array) => {
    const x = Float64Array.from(values);
    const numeric = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const at = (v: number) => {
        const y = Float64Array.from(x);
        y[i] = v;
        return referenceLoss({ ...p, [name]: y });
      };
      numeric[i] = (at(x[i] + eps) - at(x[i] - eps)) / (2 * eps);
    }
    expectClose(grad, numeric, `${cell} d/d${name}`, 2e-3, 2e-4);
  };
  check('projected', p.projected, got.projectedGrad);
  check('recurrentKernel', p.recurrentKernel, got.recurrentKernelGrad);
  if (p.recurrentBias) check('recurrentBias', p.recurrentBias, got.recurrentBiasGrad);
  check('h0', p.h0, got.dh0);
  if (cell === 'lstm') check('c0', p.c0, got.dc0);
}
