import { maskFromLengths } from '../batching/mask-from-lengths';
import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { zerosFloat32, zerosInt32 } from '../tensor';
import { checkOrdered, checkRng, checkTaskSize } from '../validate';
import { checkIndex } from './decode-helpers';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** Options of {@link increasingTask}. */
export interface IncreasingOptions {
  /** Number of sequences. Default 1000. */
  readonly n?: number;
  /** Fewest steps. Default 2 (the source's shortest). */
  readonly minLength?: number;
  /** Most steps. Default 6 (the source's longest). */
  readonly maxLength?: number;
  /** Smallest number in a step. Default -10. */
  readonly minValue?: number;
  /** Largest number in a step. Default 10. */
  readonly maxValue?: number;
  /**
   * Make half the labels 1 on average. Random sequences are rarely increasing (about 1 in 6! for 6
   * steps), so by default each example first draws its label fairly. Default true.
   */
  readonly balanced?: boolean;
}

/** The declared options of {@link increasingTask}, with defaults and ranges. */
export const increasingOptionSpecs: OptionSpecs = {
  n: { type: 'integer', default: 1000, min: 1, description: 'number of sequences' },
  minLength: { type: 'integer', default: 2, min: 1, description: 'fewest steps' },
  maxLength: { type: 'integer', default: 6, min: 1, description: 'most steps' },
  minValue: { type: 'integer', default: -10, min: -1e6, max: 1e6, description: 'smallest number in a step' },
  maxValue: { type: 'integer', default: 10, min: -1e6, max: 1e6, description: 'largest number in a step' },
  balanced: { type: 'boolean', default: true, description: 'draw each label fairly before its sequence' },
};

/** Whether the sums of the real steps strictly increase at every step (the task's label). */
export function isIncreasing(pairs: readonly (readonly [number, number])[]): boolean {
  for (let t = 1; t < pairs.length; t++) {
    if (pairs[t][0] + pairs[t][1] <= pairs[t - 1][0] + pairs[t - 1][1]) return false;
  }
  return true;
}

/**
 * "Increasing sum" classification (source 003): sequences of `minLength..maxLength` steps of two
 * integers in [minValue, maxValue]; the label is 1 when the per-step sum strictly increases at every
 * step, else 0. Inputs `[n, maxLength drawn, 2]` floats with lengths and mask, targets `[n]` labels.
 * With `balanced`, an example whose label is 1 gets distinct sums drawn uniformly and sorted, each
 * split uniformly into its two numbers; one whose label is 0 is redrawn until it is not increasing.
 */
export function increasingTask(options: IncreasingOptions, rng: Rng): Dataset {
  const where = 'increasing';
  const o = resolveOptions<Required<IncreasingOptions>>(where, increasingOptionSpecs, options);
  checkRng(where, rng);
  const { n, minLength, maxLength, minValue: lo, maxValue: hi, balanced } = o;
  checkOrdered(where, 'minLength', minLength, 'maxLength', maxLength);
  checkOrdered(where, 'minValue', lo, 'maxValue', hi);
  checkTaskSize(where, 'n × maxLength × 2', n * maxLength * 2);
  if (balanced && minLength < 2) {
    throw new RangeError(`${where}: minLength must be >= 2 when balanced (one step is always increasing), got 1`);
  }
  const distinctSums = 2 * (hi - lo) + 1;
  if (balanced && distinctSums < maxLength) {
    throw new RangeError(
      `${where}: maxLength must be <= 2 * (maxValue - minValue) + 1 = ${distinctSums} when balanced ` +
        `(an increasing sequence needs distinct sums), got ${maxLength}`,
    );
  }
  const drawn: [number, number][][] = [];
  const lengths = new Int32Array(n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const length = rng.int(minLength, maxLength);
    let pairs: [number, number][];
    if (!balanced) {
      pairs = randomPairs(length, lo, hi, rng);
    } else if (rng.int(0, 1) === 1) {
      pairs = increasingPairs(length, lo, hi, rng);
    } else {
      do pairs = randomPairs(length, lo, hi, rng);
      while (isIncreasing(pairs));
    }
    drawn.push(pairs);
    lengths[i] = length;
    labels[i] = isIncreasing(pairs) ? 1 : 0;
  }
  let steps = 0;
  for (const length of lengths) steps = Math.max(steps, length);
  const inputs = zerosFloat32([n, steps, 2]);
  drawn.forEach((pairs, i) =>
    pairs.forEach(([a, b], t) => {
      inputs.data[(i * steps + t) * 2] = a;
      inputs.data[(i * steps + t) * 2 + 1] = b;
    }),
  );
  const targets = zerosInt32([n]);
  targets.data.set(labels);
  return {
    task: where,
    typology: 'classifier',
    options: o,
    size: n,
    inputs,
    lengths,
    mask: maskFromLengths(lengths, steps),
    targets,
    classes: 2,
    decode(index) {
      checkIndex(where, index, n);
      return { input: drawn[index].map((p) => [...p]), target: labels[index], length: lengths[index] };
    },
  };
}

function randomPairs(length: number, lo: number, hi: number, rng: Rng): [number, number][] {
  return Array.from({ length }, () => [rng.int(lo, hi), rng.int(lo, hi)] as [number, number]);
}

function increasingPairs(length: number, lo: number, hi: number, rng: Rng): [number, number][] {
  // `length` distinct sums from [2 lo, 2 hi], sorted; each split into a + b with both in [lo, hi].
  const sums = new Set<number>();
  while (sums.size < length) sums.add(rng.int(2 * lo, 2 * hi));
  return [...sums]
    .sort((x, y) => x - y)
    .map((s) => {
      const a = rng.int(Math.max(lo, s - hi), Math.min(hi, s - lo));
      return [a, s - a] as [number, number];
    });
}
