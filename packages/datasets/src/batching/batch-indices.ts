import type { Rng } from '../rng';
import { checkBoolean, checkInteger, checkOptionNames, checkRng } from '../validate';

/** Options of {@link batchIndices}. */
export interface BatchIndicesOptions {
  /** Examples per batch (the last batch may be smaller unless `dropLast`). */
  readonly batchSize: number;
  /** Shuffle the examples with this stream first (e.g. `rng.fork('shuffle')`); in order without it. */
  readonly rng?: Rng;
  /** Leave out a last, smaller batch. Default false. */
  readonly dropLast?: boolean;
}

/** Splits example indices `0..size-1` into batches, shuffled by `rng` when given: one epoch. */
export function batchIndices(size: number, options: BatchIndicesOptions): Int32Array[] {
  const where = 'batchIndices';
  checkOptionNames(where, options, ['batchSize', 'rng', 'dropLast']);
  checkInteger(where, 'size', size, 0);
  const batchSize = checkInteger(where, 'batchSize', options?.batchSize, 1);
  const dropLast = checkBoolean(where, 'dropLast', options.dropLast ?? false);
  const order = Array.from({ length: size }, (_, i) => i);
  if (options.rng !== undefined) {
    checkRng(where, options.rng);
    options.rng.shuffle(order);
  }
  return chunk(Int32Array.from(order), batchSize, dropLast);
}

/** Cuts `order` into consecutive batches of `batchSize`. */
export function chunk(order: Int32Array, batchSize: number, dropLast: boolean): Int32Array[] {
  const batches: Int32Array[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    if (dropLast && batch.length < batchSize) break;
    batches.push(batch);
  }
  return batches;
}
