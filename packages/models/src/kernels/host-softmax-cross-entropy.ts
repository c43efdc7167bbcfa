import { hostSoftmaxCrossEntropy } from './kernel-registry';

/**
 * Softmax cross-entropy over the rows of `logits` `[rows, classes]`: for each row with a nonzero
 * `mask` and a target in [0, classes) (like the one-hot formula, an id outside picks nothing), writes
 * the row's softmax to `probs` and adds mask · −log p(target) to the returned sum; other rows of
 * `probs` are zeroed. On the first provider that offers it (the native addon when loaded: V8's
 * Math.exp alone costs ~30 ns, a character model's batch has 200,000 of them).
 */
export function softmaxCrossEntropyRows(
  rows: number,
  classes: number,
  logits: Float32Array,
  targets: Int32Array,
  mask: Float32Array,
  probs: Float32Array,
): number {
  return hostSoftmaxCrossEntropy()(rows, classes, logits, targets, mask, probs);
}
