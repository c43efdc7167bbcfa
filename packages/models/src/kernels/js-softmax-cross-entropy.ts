import type { SoftmaxCrossEntropy } from '@rnn/kernel-abi';

/**
 * The portable softmax cross-entropy over masked rows (the contract is `SoftmaxCrossEntropy`'s): a
 * row with a zero mask or a target outside [0, classes) picks nothing, like the one-hot formula.
 */
export const jsSoftmaxCrossEntropy: SoftmaxCrossEntropy = (rows, classes, logits, targets, mask, probs) => {
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
};
