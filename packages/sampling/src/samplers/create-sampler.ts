import type { Rng } from '@rnn/datasets';
import { argmax, drawIndex } from '../distribution';
import type { Sampler, SamplerOptions } from './sampler';
import { applyTemperature, checkTemperature } from './temperature';
import { checkTopK, keepTopK } from './top-k';
import { checkTopP, keepTopP } from './top-p';

/**
 * A sampler for any combination of temperature, top-k and top-p (see {@link SamplerOptions} for the
 * order they apply in). `createSampler()` samples from the model's own distribution;
 * `createSampler({temperature: 0})` is greedy whatever the other settings, since the most likely
 * token survives every filter.
 *
 * @throws RangeError for temperature < 0, topK not an integer >= 1, topP outside (0, 1].
 *
 * @example
 * const sampler = createSampler({ temperature: 0.8, topK: 40, topP: 0.95 });
 * const id = sampler.sample(probabilities, createRng(42));
 */
export function createSampler(options: SamplerOptions = {}): Sampler {
  if (options === null || typeof options !== 'object') {
    throw new RangeError(`sampler options must be an object {temperature?, topK?, topP?}, got ${String(options)}`);
  }
  const temperature = options.temperature ?? 1;
  const topK = options.topK ?? Infinity;
  const topP = options.topP ?? 1;
  checkTemperature(temperature, 'createSampler');
  checkTopK(topK);
  checkTopP(topP);
  const deterministic = temperature === 0;
  // Filters that keep everything are skipped: sampling then reads the model's array without copying it.
  const filters = temperature !== 1 || topK !== Infinity || topP !== 1;

  const distribution = (probabilities: ArrayLike<number>): Float64Array => {
    if (probabilities.length === 0) throw new RangeError('probabilities must not be empty');
    if (deterministic) {
      const oneHot = new Float64Array(probabilities.length);
      oneHot[argmax(probabilities)] = 1;
      return oneHot;
    }
    let q = temperature === 1 ? normalised(probabilities) : applyTemperature(probabilities, temperature);
    if (topK < q.length) q = keepTopK(q, topK);
    if (topP < 1) q = keepTopP(q, topP);
    return q;
  };

  return {
    options: { temperature, topK, topP },
    deterministic,
    distribution,
    sample(probabilities: ArrayLike<number>, rng?: Rng): number {
      if (deterministic) return argmax(probabilities);
      if (rng === undefined || typeof rng.next !== 'function') {
        throw new RangeError('rng is required to sample at temperature > 0 (create one with createRng(seed))');
      }
      return drawIndex(filters ? distribution(probabilities) : probabilities, rng.next());
    },
  };
}

function normalised(probabilities: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(probabilities);
  let sum = 0;
  for (let i = 0; i < out.length; i++) {
    if (!(out[i] >= 0) || out[i] === Infinity)
      throw new RangeError(`probabilities must be finite and >= 0, got ${out[i]}`);
    sum += out[i];
  }
  if (!(sum > 0)) throw new RangeError('probabilities have no positive weight');
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}
