// Invariants every generated data set must satisfy, shared by the generators' tests.
import type { Dataset } from '../dataset';
import type { TypedTensor } from '../tensor';

/** The value of a `[n, steps, ...]` tensor at example i, step t (first feature). */
export function at(t: TypedTensor, i: number, step: number, feature = 0): number {
  const [, steps = 1, ...rest] = t.shape;
  const inner = rest.reduce((a, b) => a * b, 1);
  return t.data[(i * steps + step) * inner + feature];
}

/**
 * Shapes agree, the mask is exactly `t < lengths[i]`, and every padded step (beyond the length) is 0
 * in inputs and (sequence) targets.
 */
export function expectConsistent(d: Dataset): void {
  expect(d.inputs.shape[0]).toBe(d.size);
  expect(d.targets.shape[0]).toBe(d.size);
  expect(d.lengths.length).toBe(d.size);
  const steps = d.inputs.shape[1];
  expect(d.mask.shape).toEqual([d.size, steps]);
  expect(d.inputs.data.length).toBe(d.inputs.shape.reduce((a, b) => a * b, 1));
  expect(d.targets.data.length).toBe(d.targets.shape.reduce((a, b) => a * b, 1));
  checkPadding(d.inputs, d.lengths, d.mask.data);
  if (d.targetLengths) {
    expect(d.targetMask).toBeDefined();
    expect(d.targetLengths.length).toBe(d.size);
    expect(d.targetMask?.shape).toEqual([d.size, d.targets.shape[1]]);
    checkPadding(d.targets, d.targetLengths, d.targetMask?.data as Float32Array);
  } else {
    expect(d.targets.shape).toEqual([d.size]);
    expect(d.classes).toBeGreaterThan(1);
    const classes = d.classes as number;
    expect(d.targets.data.every((label) => Number.isInteger(label) && label >= 0 && label < classes)).toBe(true);
  }
  if (d.vocabulary) {
    const size = d.vocabulary.size;
    expect(d.inputs.data.every((id) => id >= 0 && id < size)).toBe(true);
  }
}

function checkPadding(t: TypedTensor, lengths: Int32Array, mask: Float32Array): void {
  const [n, steps, ...rest] = t.shape;
  const inner = rest.reduce((a, b) => a * b, 1);
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const L = lengths[i];
    longest = Math.max(longest, L);
    if (!(L >= 1 && L <= steps)) throw new Error(`lengths[${i}] = ${L} is outside [1, ${steps}]`);
    for (let s = 0; s < steps; s++) {
      if (mask[i * steps + s] !== (s < L ? 1 : 0)) throw new Error(`mask[${i}, ${s}] disagrees with length ${L}`);
      if (s >= L) {
        for (let f = 0; f < inner; f++) {
          if (t.data[(i * steps + s) * inner + f] !== 0) throw new Error(`padding at [${i}, ${s}] is not 0`);
        }
      }
    }
  }
  // Padded to the longest example, no wider.
  expect(longest).toBe(steps);
}

/** Many seeds for property-style loops. */
export const seeds: readonly number[] = Array.from({ length: 40 }, (_, i) => i * 7919 + 1);
