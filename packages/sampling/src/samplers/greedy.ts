import { createSampler } from './create-sampler';
import type { Sampler } from './sampler';

/** Always the most likely token (ties: lowest id). Same as `createSampler({temperature: 0})`. */
export function greedy(): Sampler {
  return createSampler({ temperature: 0 });
}
