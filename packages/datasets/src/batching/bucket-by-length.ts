import type { Rng } from '../rng';
import { checkBoolean, checkInteger, checkOptionNames, checkRng } from '../validate';
import { chunk } from './batch-indices';
import { paddingFraction } from './padding-fraction';

/** Options of {@link bucketByLength}. */
export interface BucketOptions {
  /** Examples per batch (the last batch may be smaller unless `dropLast`). */
  readonly batchSize: number;
  /**
   * Breaks ties between equal lengths and shuffles the order of the batches, so that epochs differ;
   * without it the batches are in length order.
   */
  readonly rng?: Rng;
  /** Leave out a last, smaller batch. Default false. */
  readonly dropLast?: boolean;
}

/** Batches grouped by length, and what padding they leave. */
export interface Buckets {
  /** Example indices of each batch. */
  readonly batches: Int32Array[];
  /** The fraction of padded steps over all batches (see {@link paddingFraction}). */
  readonly paddedFraction: number;
}

/**
 * Length bucketing ("packing"): sorts the examples by length and cuts them into batches, so every
 * batch holds sequences of nearly the same length and padding (wasted computation) is small. The
 * batches are then shuffled with `rng` so training does not see lengths in order.
 *
 * @example
 * const { batches, paddedFraction } = bucketByLength(data.lengths, { batchSize: 32, rng: rng.fork('shuffle') });
 */
export function bucketByLength(lengths: ArrayLike<number>, options: BucketOptions): Buckets {
  const where = 'bucketByLength';
  checkOptionNames(where, options, ['batchSize', 'rng', 'dropLast']);
  const batchSize = checkInteger(where, 'batchSize', options?.batchSize, 1);
  const dropLast = checkBoolean(where, 'dropLast', options.dropLast ?? false);
  const order = Array.from({ length: lengths.length }, (_, i) => i);
  for (let i = 0; i < lengths.length; i++) checkInteger(where, `lengths[${i}]`, lengths[i], 0);
  const { rng } = options;
  if (rng !== undefined) {
    checkRng(where, rng);
    rng.shuffle(order); // random order within equal lengths; the sort below is stable
  }
  order.sort((a, b) => lengths[a] - lengths[b]);
  const batches = chunk(Int32Array.from(order), batchSize, dropLast);
  if (rng !== undefined) rng.shuffle(batches);
  return { batches, paddedFraction: paddingFraction(lengths, batches) };
}
