/**
 * Sigmoid binary cross-entropy on logits, masked, with its gradient in the same pass: for each
 * i < n with a nonzero `mask[i]`, adds mask[i] · (max(z, 0) − z·y + log(1 + e^−|z|)) (z = logits[i],
 * y = targets[i]; finite for any z) to the returned sum and writes grad[i] = mask[i] · (σ(z) − y),
 * that sum's derivative by z; where the mask is 0, grad[i] = 0 and nothing is added. Throws a
 * RangeError when an array is shorter than `n`.
 */
export type BinaryCrossEntropy = (
  n: number,
  logits: Float32Array,
  targets: Float32Array,
  mask: Float32Array,
  grad: Float32Array,
) => number;
