import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { zerosFloat32 } from '../tensor';
import { checkOrdered, checkRng, checkTaskSize } from '../validate';
import { oneToManyDataset } from './one-to-many-dataset';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** Options of {@link countingTask}. */
export interface CountingOptions {
  /** Number of examples. Default 100 (the source uses 0..99). */
  readonly n?: number;
  /** How many following integers to produce (the source's k). Default 5. */
  readonly length?: number;
  /** Smallest start integer. Default 0. */
  readonly minValue?: number;
  /** Largest start integer. Default 99. */
  readonly maxValue?: number;
}

/** The declared options of {@link countingTask}, with defaults and ranges. */
export const countingOptionSpecs: OptionSpecs = {
  n: { type: 'integer', default: 100, min: 1, description: 'number of examples' },
  length: { type: 'integer', default: 5, min: 1, description: 'following integers to produce' },
  minValue: { type: 'integer', default: 0, min: -1e6, max: 1e6, description: 'smallest start integer' },
  maxValue: { type: 'integer', default: 99, min: -1e6, max: 1e6, description: 'largest start integer' },
};

/**
 * Counting (one-to-many, source 003): input an integer `i` drawn uniformly in [minValue, maxValue],
 * `[n, 1, 1]`; target the next `length` integers `i+1..i+length`, `[n, length, 1]` floats.
 */
export function countingTask(options: CountingOptions, rng: Rng): Dataset {
  const where = 'counting';
  const o = resolveOptions<Required<CountingOptions>>(where, countingOptionSpecs, options);
  checkRng(where, rng);
  const { n, length: L, minValue, maxValue } = o;
  checkOrdered(where, 'minValue', minValue, 'maxValue', maxValue);
  checkTaskSize(where, 'n × length', n * L);
  const inputs = zerosFloat32([n, 1, 1]);
  const targets = zerosFloat32([n, L, 1]);
  for (let i = 0; i < n; i++) {
    const start = rng.int(minValue, maxValue);
    inputs.data[i] = start;
    for (let k = 0; k < L; k++) targets.data[i * L + k] = start + k + 1;
  }
  return oneToManyDataset({
    task: where,
    options: o,
    inputs,
    targets,
    decodeValues: (index) => ({
      input: inputs.data[index],
      target: Array.from(targets.data.subarray(index * L, (index + 1) * L)),
    }),
  });
}
