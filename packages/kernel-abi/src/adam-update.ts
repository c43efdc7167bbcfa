/**
 * Adam's update of one weight array of `n` elements in one pass: the moments `firstMoment` and
 * `secondMoment` are updated in place, the new weights written to `out` (which may be `weights`):
 * `out = weights − learningRate · (m / correction1) / (√(v / correction2) + epsilon)`.
 */
export type AdamUpdate = (
  n: number,
  weights: Float32Array,
  gradient: Float32Array,
  firstMoment: Float32Array,
  secondMoment: Float32Array,
  out: Float32Array,
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  correction1: number,
  correction2: number,
) => void;
