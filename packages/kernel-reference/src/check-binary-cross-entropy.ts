import type { BinaryCrossEntropy } from '@rnn/kernel-abi';
import { expectClose } from './check-kernel';
import { randomArray, seededRandom } from './reference';

/** Lengths: none, one, tails of 1-3 lanes past whole vectors of 4, 8 and 16, a parity batch's 3,200. */
export const binaryCrossEntropyLengths: readonly number[] = [0, 1, 3, 4, 5, 7, 16, 18, 33, 3200];

/** The float64 definition: the mask-weighted loss, its derivative by each logit, and the sum's scale. */
function referenceBinaryCrossEntropy(
  n: number,
  logits: Float32Array,
  targets: Float32Array,
  mask: Float32Array,
): { grad: Float64Array; total: number; scale: number } {
  const grad = new Float64Array(n);
  let total = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 0) continue;
    const [z, y] = [logits[i], targets[i]];
    const softplus = Math.log1p(Math.exp(-Math.abs(z)));
    total += mask[i] * (Math.max(z, 0) - z * y + softplus);
    scale += Math.abs(mask[i]) * (Math.abs(z) * (1 + Math.abs(y)) + softplus);
    grad[i] = mask[i] * (1 / (1 + Math.exp(-z)) - y);
  }
  return { grad, total, scale };
}

/**
 * `bce` against the float64 definition: masks of 1, 0, fractions and 2, targets of 0, 1 and in
 * between, logits over ±12 plus a few at ±90 (where e^z overflows float32 and e^-|z| underflows),
 * operands as views at offsets. Masked elements must get a gradient of exactly 0 whatever the buffer
 * held, nothing may be written past n, and the inputs are left as they were.
 */
export function checkBinaryCrossEntropy(bce: BinaryCrossEntropy): void {
  const random = seededRandom(29);
  const masks = [1, 1, 0, 0.5, 1, 0.25, 2, 1, 0];
  const targetValues = [0, 1, 1, 0, 0.3, 1, 0];
  for (const n of binaryCrossEntropyLengths) {
    const what = `binaryCrossEntropy n ${n}`;
    const logits = randomArray(random, n + 1, 12).subarray(1);
    for (let i = 5; i < n; i += 11) logits[i] = i % 2 === 0 ? 90 : -90;
    const targets = Float32Array.from({ length: n }, (_, i) => targetValues[(i * 3) % targetValues.length]);
    const mask = Float32Array.from({ length: n }, (_, i) => masks[i % masks.length]);
    const before = [logits.slice(), targets.slice(), mask.slice()];
    const grad = new Float32Array(n + 2).fill(NaN).subarray(1);
    grad[n] = 42;
    const total = bce(n, logits, targets, mask, grad);
    const expected = referenceBinaryCrossEntropy(n, logits, targets, mask);
    expectClose(grad.subarray(0, n), expected.grad, `${what} grad`);
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0 && !Object.is(grad[i], 0)) {
        throw new Error(`${what}: element ${i} is masked but its gradient is ${grad[i]}, not 0`);
      }
    }
    if (grad[n] !== 42) throw new Error(`${what} wrote past grad's ${n} values`);
    if (typeof total !== 'number' || !(Math.abs(total - expected.total) <= 1e-6 * expected.scale + 1e-6)) {
      throw new Error(`${what}: loss ${total}, expected ${expected.total}`);
    }
    expectClose(logits, before[0], `${what} logits`, 0, 0);
    expectClose(targets, before[1], `${what} targets`, 0, 0);
    expectClose(mask, before[2], `${what} mask`, 0, 0);
  }
}
