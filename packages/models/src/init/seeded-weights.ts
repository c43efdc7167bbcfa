import type { Rng } from '@rnn/datasets';

/**
 * Weights drawn from the toolkit's seeded rng rather than tfjs's initialisers, so a seed gives the
 * same network on every backend and building is fast (tfjs's Orthogonal takes minutes at 512 units).
 */
export function uniformWeights(rng: Rng, size: number, limit: number): Float32Array {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = (2 * rng.next() - 1) * limit;
  return values;
}

/** Glorot (Xavier) uniform for a [fanIn, fanOut] matrix: limit sqrt(6 / (fanIn + fanOut)). */
export function glorotUniformWeights(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  return uniformWeights(rng, fanIn * fanOut, Math.sqrt(6 / (fanIn + fanOut)));
}
