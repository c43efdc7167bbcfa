// The numeric checks a loaded module must pass, shared by the in-process tests (wasm.test.ts, which
// hold the module this process chose) and the child processes that hold each module in turn
// (simd-module-check.testing.ts): SGEMM against the float64 product, every cell's fused passes, and
// softmax and binary cross-entropy, Adam and the per-token sum against the float64 references of
// @rnn/kernel-reference.
import { kernelCells, type KernelCell } from '@rnn/kernel-abi';
import {
  checkAdamUpdate,
  checkAgainstReference,
  checkBinaryCrossEntropy,
  checkFiniteDifferences,
  checkSgemmBatches,
  checkSgemmShapes,
  checkSgemmViews,
  checkSoftmaxCrossEntropy,
  checkSumRowsByIndex,
  randomProblem,
  type CheckOptions,
  seededRandom,
  sgemmShapes,
} from '@rnn/kernel-reference';
import type { WasmKernels } from './types';

/**
 * Heights one under, at and over the register tiles (4 rows in the baseline module, 5 in the
 * relaxed-SIMD one) and the row blocks (MC = 64 and 60 rows), widths around one and two 8-column
 * strips, and depths around one and two 256-deep blocks (KC).
 */
export const tileEdgeShapes: readonly (readonly [number, number, number])[] = [
  [4, 8, 255],
  [5, 8, 256],
  [6, 9, 257],
  [9, 7, 3],
  [10, 16, 1],
  [59, 17, 300],
  [60, 24, 513],
  [61, 15, 64],
  [64, 33, 100],
  [65, 8, 257],
  [121, 47, 30],
];

/** The wasm kernel keeps the portable kernel's semantics buffer for buffer, at forward tolerances. */
export const portableSemantics = { gradientTolerance: [1e-4, 1e-5], finishedRowsKeepSavedGates: true } as const;

/** Sequence shapes [T, B, U]: units 1, 5, 7, 33 (tails of 1-3 lanes), T = 1, batch 1, and a batch past one tile. */
export const sequenceShapes: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [1, 3, 4],
  [3, 1, 5],
  [6, 7, 7],
  [4, 13, 33],
];

/** A batch past one 64-row block and units past one 256-deep block (fewer for the wider cells). */
export function largeShape(cell: KernelCell): readonly [number, number, number] {
  return [3, 67, cell === 'lstm' ? 70 : cell.startsWith('gru') ? 90 : 260];
}

/**
 * {@link portableSemantics} at three times the tolerance for the gradients of {@link largeShape}: the
 * recurrent kernel's gradient there is a float32 sum 201 deep, and a linear Elman cell's gradient
 * grows through the steps. Over eight seeds either module's worst value comes to 1.0-1.1 times the
 * forward tolerance (their RMS errors equal: the fused module's slightly lower), so at that
 * tolerance which seed passes is luck, not accuracy.
 */
export const largeShapeSemantics = { ...portableSemantics, gradientTolerance: [3e-4, 3e-5] } as const;

/**
 * Throws unless a cell's forward and backward pass on [T, B, U] matches the reference, with every
 * sequence running all T steps and with ragged lengths (0 included).
 */
export function checkSequenceShape(
  wasm: WasmKernels,
  cell: KernelCell,
  [T, B, U]: readonly number[],
  semantics: CheckOptions = portableSemantics,
): void {
  const random = seededRandom(T * 1000 + B * 100 + U);
  checkAgainstReference(wasm.sequence.kernel, randomProblem(random, cell, T, B, U, false), semantics);
  checkAgainstReference(wasm.sequence.kernel, randomProblem(random, cell, T, B, U, true), semantics);
}

/** Every check above in one go, with plain throws: for a child process holding one module. */
export function checkModule(wasm: WasmKernels): void {
  for (const [transA, transB] of [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ]) {
    checkSgemmShapes(wasm.sgemm, transA, transB, [...sgemmShapes, ...tileEdgeShapes]);
  }
  checkSgemmViews(wasm.sgemm);
  checkSgemmBatches(wasm.sgemm);
  checkSoftmaxCrossEntropy(wasm.softmaxCrossEntropy);
  checkBinaryCrossEntropy(wasm.binaryCrossEntropy);
  checkAdamUpdate(wasm.adamUpdate);
  checkSumRowsByIndex(wasm.sumRowsByIndex);
  for (const cell of kernelCells) {
    for (const shape of sequenceShapes) checkSequenceShape(wasm, cell, shape);
    checkSequenceShape(wasm, cell, largeShape(cell), largeShapeSemantics);
    checkFiniteDifferences(wasm.sequence.kernel, cell);
  }
}
