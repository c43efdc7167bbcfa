// The fused sequence kernel on the module: checks the buffers, copies the inputs into linear memory,
// runs the pass there, and copies the filled buffers back (copies cost O(T·B·G·U) against the
// O(T·B·G·U²) arithmetic).
import { checkFloats, checkInteger, checkLengths, trapsAsErrors } from './check';
import {
  gatesOf,
  hasRecurrentBias,
  isKernelCell,
  kernelCellCode,
  savedGatesWidth,
  stateSizeOf,
  type BackwardBuffers,
  type ForwardBuffers,
  type KernelCell,
  type SequenceKernel,
} from '@rnn/kernel-abi';
import { LinearMemory, type KernelExports } from './wasm-module';

/** The largest time, batch or units: the module addresses at most 4 GiB of float32. */
const maxDimension = 2 ** 30;

interface Shape {
  readonly code: number;
  readonly lstm: boolean;
  /** Whether the cell takes a recurrent bias [G·U] (and fills its gradient). */
  readonly withBias: boolean;
  readonly time: number;
  readonly batch: number;
  readonly units: number;
  /** G·U: the width of the projection and of the recurrent kernel. */
  readonly width: number;
  /** Floats saved per (step, sequence). */
  readonly savedWidth: number;
}

function shapeOf(fn: string, b: { cell: KernelCell; time: number; batch: number; units: number }): Shape {
  if (!isKernelCell(b.cell)) throw new RangeError(`@rnn/wasm ${fn}: unknown cell ${JSON.stringify(b.cell)}`);
  const code = kernelCellCode(b.cell);
  const time = checkInteger(fn, 'time', b.time, 0, maxDimension);
  const batch = checkInteger(fn, 'batch', b.batch, 0, maxDimension);
  const units = checkInteger(fn, 'units', b.units, 1, maxDimension);
  const lstm = stateSizeOf(b.cell) === 2;
  const width = gatesOf(b.cell) * units;
  const withBias = hasRecurrentBias(b.cell);
  return { code, lstm, withBias, time, batch, units, width, savedWidth: savedGatesWidth(b.cell, units) };
}

/** Whether some sequence stops before the last step (then rows past their length are left untouched). */
function ragged(lengths: Int32Array | undefined, s: Shape): boolean {
  if (lengths === undefined) return false;
  for (let b = 0; b < s.batch; b++) if (lengths[b] < s.time) return true;
  return false;
}

/**
 * The kernel named `wasm`, with the portable TypeScript kernel's semantics buffer for buffer: outputs
 * zero past a sequence's length, state (and its gradient) carried unchanged there, the saved gate
 * blocks of such rows left as they were, and the recurrent kernel's gradient overwritten.
 */
export function createWasmKernel(exports: KernelExports): SequenceKernel {
  const memory = new LinearMemory(exports);
  return {
    name: 'wasm',

    forward(f: ForwardBuffers): void {
      const fn = 'forward';
      const s = shapeOf(fn, f);
      const { time: T, batch: B, units: U, width: GU, savedWidth: W, lstm, withBias } = s;
      const bu = B * U;
      const tbu = T * bu;
      const projected = checkFloats(fn, 'projected', f.projected, T * B * GU);
      const kernel = checkFloats(fn, 'recurrentKernel', f.recurrentKernel, U * GU);
      const recurrentBias = withBias ? checkFloats(fn, 'recurrentBias', f.recurrentBias, GU) : undefined;
      const h0 = checkFloats(fn, 'initialState[0]', f.initialState[0], bu);
      const c0 = lstm ? checkFloats(fn, 'initialState[1]', f.initialState[1], bu) : undefined;
      const lengths = checkLengths(fn, f.lengths, B, T);
      const outputs = checkFloats(fn, 'outputs', f.outputs, tbu);
      const hT = checkFloats(fn, 'finalState[0]', f.finalState[0], bu);
      const cT = lstm ? checkFloats(fn, 'finalState[1]', f.finalState[1], bu) : undefined;
      const savedInputs = checkFloats(fn, 'savedInputs', f.savedInputs, tbu);
      const savedGates = checkFloats(fn, 'savedGates', f.savedGates, T * B * W);
      if (T === 0 || B === 0) {
        // No step: the state passes through unchanged, as in the other kernels.
        hT.set(h0.subarray(0, bu));
        if (cT) cT.set(c0!.subarray(0, bu));
        return;
      }
      const bytes = 4 * (T * B * GU + U * GU + GU + 4 * bu + 2 * tbu + T * B * W);
      trapsAsErrors(fn, bytes, () => {
        memory.begin();
        const pProjected = memory.copyIn(projected, T * B * GU);
        const pKernel = memory.copyIn(kernel, U * GU);
        const pRecurrentBias = recurrentBias ? memory.copyIn(recurrentBias, GU) : 0;
        const pH0 = memory.copyIn(h0, bu);
        const pC0 = c0 ? memory.copyIn(c0, bu) : 0;
        const pLengths = lengths ? memory.copyIn(lengths, B) : 0;
        const pOutputs = memory.block(tbu);
        const pHT = memory.block(bu);
        const pCT = lstm ? memory.block(bu) : 0;
        const pSavedInputs = memory.block(tbu);
        // Rows past a sequence's length keep what the caller's saved gates held there.
        const pSavedGates = ragged(lengths, s) ? memory.copyIn(savedGates, T * B * W) : memory.block(T * B * W);
        exports.forward(
          s.code,
          T,
          B,
          U,
          pProjected,
          pKernel,
          pH0,
          pC0,
          pLengths,
          pOutputs,
          pHT,
          pCT,
          pSavedInputs,
          pSavedGates,
          pRecurrentBias,
        );
        memory.copyOut(pOutputs, outputs, tbu);
        memory.copyOut(pHT, hT, bu);
        if (cT) memory.copyOut(pCT, cT, bu);
        memory.copyOut(pSavedInputs, savedInputs, tbu);
        memory.copyOut(pSavedGates, savedGates, T * B * W);
      });
    },

    backward(g: BackwardBuffers): void {
      const fn = 'backward';
      const s = shapeOf(fn, g);
      const { time: T, batch: B, units: U, width: GU, savedWidth: W, lstm, withBias } = s;
      const bu = B * U;
      const tbu = T * bu;
      const kernel = checkFloats(fn, 'recurrentKernel', g.recurrentKernel, U * GU);
      const c0 = lstm ? checkFloats(fn, 'initialState[1]', g.initialState[1], bu) : undefined;
      const lengths = checkLengths(fn, g.lengths, B, T);
      const savedInputs = checkFloats(fn, 'savedInputs', g.savedInputs, tbu);
      const savedGates = checkFloats(fn, 'savedGates', g.savedGates, T * B * W);
      const outputsGrad = checkFloats(fn, 'outputsGrad', g.outputsGrad, tbu);
      const dhT = checkFloats(fn, 'finalStateGrad[0]', g.finalStateGrad[0], bu);
      const dcT = lstm ? checkFloats(fn, 'finalStateGrad[1]', g.finalStateGrad[1], bu) : undefined;
      const projectedGrad = checkFloats(fn, 'projectedGrad', g.projectedGrad, T * B * GU);
      const kernelGrad = checkFloats(fn, 'recurrentKernelGrad', g.recurrentKernelGrad, U * GU);
      const dh0 = checkFloats(fn, 'initialStateGrad[0]', g.initialStateGrad[0], bu);
      const dc0 = lstm ? checkFloats(fn, 'initialStateGrad[1]', g.initialStateGrad[1], bu) : undefined;
      const biasGrad = withBias ? checkFloats(fn, 'recurrentBiasGrad', g.recurrentBiasGrad, GU) : undefined;
      if (T === 0 || B === 0) {
        // No step: the state's gradient passes straight through and U and rb get none.
        kernelGrad.fill(0, 0, U * GU);
        biasGrad?.fill(0, 0, GU);
        dh0.set(dhT.subarray(0, bu));
        if (dc0) dc0.set(dcT!.subarray(0, bu));
        return;
      }
      const bytes = 4 * (2 * U * GU + GU + 6 * bu + 2 * tbu + T * B * W + 2 * T * B * GU);
      trapsAsErrors(fn, bytes, () => {
        memory.begin();
        const pKernel = memory.copyIn(kernel, U * GU);
        const pC0 = c0 ? memory.copyIn(c0, bu) : 0;
        const pLengths = lengths ? memory.copyIn(lengths, B) : 0;
        const pSavedInputs = memory.copyIn(savedInputs, tbu);
        const pSavedGates = memory.copyIn(savedGates, T * B * W);
        const pOutputsGrad = memory.copyIn(outputsGrad, tbu);
        const pDhT = memory.copyIn(dhT, bu);
        const pDcT = dcT ? memory.copyIn(dcT, bu) : 0;
        const pProjectedGrad = memory.block(T * B * GU);
        const pKernelGrad = memory.block(U * GU);
        const pDh0 = memory.block(bu);
        const pDc0 = lstm ? memory.block(bu) : 0;
        const pBiasGrad = biasGrad ? memory.block(GU) : 0;
        exports.backward(
          s.code,
          T,
          B,
          U,
          pKernel,
          pC0,
          pLengths,
          pSavedInputs,
          pSavedGates,
          pOutputsGrad,
          pDhT,
          pDcT,
          pProjectedGrad,
          pKernelGrad,
          pDh0,
          pDc0,
          pBiasGrad,
        );
        memory.copyOut(pProjectedGrad, projectedGrad, T * B * GU);
        memory.copyOut(pKernelGrad, kernelGrad, U * GU);
        memory.copyOut(pDh0, dh0, bu);
        if (dc0) memory.copyOut(pDc0, dc0, bu);
        if (biasGrad) memory.copyOut(pBiasGrad, biasGrad, GU);
      });
    },
  };
}
