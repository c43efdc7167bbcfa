import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { checkBoolean, checkOptionNames } from '../validate';
import { batchIndices } from './batch-indices';
import { bucketByLength } from './bucket-by-length';
import { takeBatch, type Batch } from './take-batch';

/** Options of {@link iterateBatches}. */
export interface IterateBatchesOptions {
  /** Examples per batch. */
  readonly batchSize: number;
  /** Shuffles the examples (or, with `bucket`, the batches); use a dedicated stream per epoch. */
  readonly rng?: Rng;
  /** Group examples of similar input length (see {@link bucketByLength}). Default false. */
  readonly bucket?: boolean;
  /** Leave out a last, smaller batch. Default false. */
  readonly dropLast?: boolean;
}

/**
 * One epoch of `dataset` as batches, each trimmed to its own longest example: shuffled with `rng`,
 * and with `bucket` grouped by input length so padding stays small.
 *
 * @example
 * for (const batch of iterateBatches(data, { batchSize: 32, rng: rng.fork(`epoch-${e}`), bucket: true })) {
 *   // batch.inputs, batch.lengths, batch.mask, batch.targets, batch.targetMask
 * }
 */
export function iterateBatches(dataset: Dataset, options: IterateBatchesOptions): IterableIterator<Batch> {
  const where = 'iterateBatches';
  checkOptionNames(where, options, ['batchSize', 'rng', 'bucket', 'dropLast']);
  const { batchSize, rng, dropLast } = options;
  const bucket = checkBoolean(where, 'bucket', options.bucket ?? false);
  const batches = bucket
    ? bucketByLength(dataset.lengths, { batchSize, rng, dropLast }).batches
    : batchIndices(dataset.size, { batchSize, rng, dropLast });
  // Arguments are checked above, now; only the gathering is lazy.
  return (function* () {
    for (const indices of batches) yield takeBatch(dataset, indices);
  })();
}
