/**
 * Token ids ordered from most to least likely; equal probabilities keep the lower id first, so every
 * cut (top-k, top-p) is reproducible.
 */
export function rankByProbability(probabilities: ArrayLike<number>): Int32Array {
  const order = new Int32Array(probabilities.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
}

/** A normalised copy of `probabilities` with every id outside `kept` set to zero. */
export function keepOnly(probabilities: ArrayLike<number>, kept: ArrayLike<number>): Float64Array {
  const out = new Float64Array(probabilities.length);
  let sum = 0;
  for (let j = 0; j < kept.length; j++) {
    const id = kept[j];
    out[id] = probabilities[id];
    sum += probabilities[id];
  }
  if (!(sum > 0)) throw new RangeError('probabilities have no positive weight');
  for (let j = 0; j < kept.length; j++) out[kept[j]] /= sum;
  return out;
}
