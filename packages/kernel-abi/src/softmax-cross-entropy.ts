/**
 * Softmax cross-entropy over the rows of `logits` `[rows, classes]`: for each row with a nonzero `mask`
 * and a target in [0, classes), writes the row's softmax to `probs` and adds mask · −log p(target)
 * to the returned sum; other rows of `probs` are zeroed and add nothing. Throws a RangeError when an
 * array is too short.
 */
export type SoftmaxCrossEntropy = (
  rows: number,
  classes: number,
  logits: Float32Array,
  targets: Int32Array,
  mask: Float32Array,
  probs: Float32Array,
) => number;
