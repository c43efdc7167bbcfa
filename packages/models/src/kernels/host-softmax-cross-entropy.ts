import type { SoftmaxCrossEntropy } from '@rnn/native';

let native: SoftmaxCrossEntropy | undefined;

/** Lets {@link softmaxCrossEntropyRows} use the native addon's; `undefined` returns it to the portable loop. */
export function registerHostSoftmaxCrossEntropy(kernel: SoftmaxCrossEntropy | undefined): void {
  native = kernel;
}

/**
 * Softmax cross-entropy over the rows of `logits` `[rows, classes]`: for each row with a nonzero
 * `mask` and a target in [0, classes) (like the one-hot formula, an id outside picks nothing), writes
 * the row's softmax to `probs` and adds mask · −log p(target) to the returned sum; other rows of
 * `probs` are zeroed. On the native addon when loaded: V8's Math.exp alone costs ~30 ns, a
 * character model's batch has 200,000 of them.
 */
export function softmaxCrossEntropyRows(
  rows: number,
  classes: number,
  logits: Float32Array,
  targets: Int32Array,
  mask: Float32Array,
  probs: Float32Array,
): number {
  if (native !== undefined) return native(rows, classes, logits, targets, mask, probs);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const target = targets[r];
    const at = r * classes;
    if (mask[r] === 0 || target < 0 || target >= classes) {
      probs.fill(0, at, at + classes);
      continue;
    }
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[at + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp(logits[at + c] - max);
      probs[at + c] = e;
      sum += e;
    }
    for (let c = 0; c < classes; c++) probs[at + c] /= sum;
    total += mask[r] * (max + Math.log(sum) - logits[at + target]);
  }
  return total;
}
