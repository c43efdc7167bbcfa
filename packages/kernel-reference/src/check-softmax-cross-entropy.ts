import type { SoftmaxCrossEntropy } from '@rnn/kernel-abi';
import { expectClose } from './check-kernel';
import { randomArray, seededRandom } from './reference';

/** Shapes [rows, classes]: one class, class counts with tails of 1-3 lanes, a character model's 66, long rows. */
export const softmaxShapes: readonly (readonly [number, number])[] = [
  [1, 1],
  [3, 2],
  [6, 3],
  [9, 5],
  [7, 13],
  [33, 66],
  [4, 130],
  [0, 4],
];

/** The float64 definition: each row's softmax (zero on rows not counted) and the mask-weighted loss. */
function referenceSoftmaxCrossEntropy(
  rows: number,
  classes: number,
  logits: Float32Array,
  targets: Int32Array,
  mask: Float32Array,
): { probs: Float64Array; total: number; scale: number } {
  const probs = new Float64Array(rows * classes);
  let total = 0;
  let scale = 0;
  for (let r = 0; r < rows; r++) {
    const target = targets[r];
    if (mask[r] === 0 || target < 0 || target >= classes) continue;
    const z = Array.from(logits.subarray(r * classes, (r + 1) * classes));
    const max = Math.max(...z);
    const sum = z.reduce((s, v) => s + Math.exp(v - max), 0);
    for (let c = 0; c < classes; c++) probs[r * classes + c] = Math.exp(z[c] - max) / sum;
    const loss = mask[r] * (max + Math.log(sum) - z[target]);
    total += loss;
    scale += Math.abs(mask[r]) * (Math.abs(max) + Math.abs(Math.log(sum)) + Math.abs(z[target]));
  }
  return { probs, total, scale };
}

/**
 * `softmax` against the float64 definition: on masks of 1, 0 and fractions (and 2), targets outside
 * 0..classes-1 on counted rows and on masked ones (such rows get zero probabilities and add nothing
 * to the loss, whatever probs held), logits spread over ±20 and rows whose exponentials underflow,
 * operands as views at offsets; the inputs are left as they were.
 */
export function checkSoftmaxCrossEntropy(softmax: SoftmaxCrossEntropy): void {
  const random = seededRandom(13);
  const masks = [1, 1, 0, 0.5, 1, 0.25, 2, 1];
  for (const [rows, classes] of softmaxShapes) {
    const what = `softmaxCrossEntropy rows ${rows}, classes ${classes}`;
    const logits = randomArray(random, rows * classes + 1, 20).subarray(1);
    // One row far apart: e^(z - max) underflows float32 for every class but the largest.
    if (rows > 2) for (let c = 0; c < classes; c++) logits[2 * classes + c] = c === 0 ? 80 : -80 + c;
    const targets = Int32Array.from({ length: rows }, (_, r) =>
      r % 5 === 3 ? (r % 2 === 0 ? classes : -1) : (r * 7 + 1) % classes,
    );
    const mask = Float32Array.from({ length: rows }, (_, r) => masks[r % masks.length]);
    const before = [logits.slice(), targets.slice(), mask.slice()];
    const probs = new Float32Array(rows * classes + 2).fill(NaN).subarray(1);
    probs[rows * classes] = 42;
    const total = softmax(rows, classes, logits, targets, mask, probs);
    const expected = referenceSoftmaxCrossEntropy(rows, classes, logits, targets, mask);
    expectClose(probs.subarray(0, rows * classes), expected.probs, `${what} probs`);
    for (let r = 0; r < rows; r++) {
      const counted = mask[r] !== 0 && targets[r] >= 0 && targets[r] < classes;
      if (!counted && probs.subarray(r * classes, (r + 1) * classes).some((p) => p !== 0)) {
        throw new Error(
          `${what}: row ${r} is not counted (mask ${mask[r]}, target ${targets[r]}) but its probs are not 0`,
        );
      }
    }
    if (probs[rows * classes] !== 42) throw new Error(`${what} wrote past probs' ${rows * classes} values`);
    if (typeof total !== 'number' || !(Math.abs(total - expected.total) <= 1e-6 * expected.scale + 1e-6)) {
      throw new Error(`${what}: loss ${total}, expected ${expected.total}`);
    }
    expectClose(logits, before[0], `${what} logits`, 0, 0);
    expectClose(targets, before[1], `${what} targets`, 0, 0);
    expectClose(mask, before[2], `${what} mask`, 0, 0);
  }
}
