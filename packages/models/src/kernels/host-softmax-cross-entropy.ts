import type { SoftmaxCrossEntropy } from '@rnn/kernel-abi';
import { hostSoftmaxCrossEntropy } from './kernel-registry';

/**
 * Softmax cross-entropy over the rows of `logits` `[rows, classes]` (the `SoftmaxCrossEntropy`
 * contract: a row with a zero mask or a target outside [0, classes) picks nothing, like the one-hot
 * formula), on the first provider that offers it: the native addon when loaded, where V8's Math.exp
 * alone costs ~30 ns and a character model's batch has 200,000 of them.
 */
export const softmaxCrossEntropyRows: SoftmaxCrossEntropy = (rows, classes, logits, targets, mask, probs) =>
  hostSoftmaxCrossEntropy()(rows, classes, logits, targets, mask, probs);
