import type { Batch } from '../batching/take-batch';
import { maskFromLengths } from '../batching/mask-from-lengths';
import { zerosInt32 } from '../tensor';
import { checkInteger, checkOptionNames } from '../validate';

/** Options of {@link ContiguousStreams}. */
export interface ContiguousStreamOptions {
  /** Parallel streams, the rows of every batch: an integer >= 1. */
  readonly batchSize: number;
  /** Characters per batch and stream (the truncation length of backpropagation through time). */
  readonly length: number;
}

/**
 * A text cut into `batchSize` contiguous streams read `length` characters at a time: row `b` of
 * batch `k` continues exactly where row `b` of batch `k - 1` ended. A model that carries its hidden
 * state from one batch to the next therefore reads every stream as one long text, while gradients
 * flow back only `length` steps (truncated backpropagation through time, as char-rnn trains).
 * Stream `b` is `ids[b * streamLength, (b + 1) * streamLength + 1)`; the few characters after the
 * last whole batch are not used.
 */
export class ContiguousStreams {
  readonly ids: Int32Array;
  readonly batchSize: number;
  readonly length: number;
  /** Characters each stream holds (inputs; its targets reach one further). */
  readonly streamLength: number;
  /** Whole batches in one pass over the streams. */
  readonly count: number;

  constructor(ids: Int32Array, options: ContiguousStreamOptions) {
    const where = 'contiguousStreams';
    checkOptionNames(where, options, ['batchSize', 'length']);
    if (!(ids instanceof Int32Array)) throw new RangeError(`${where}: ids must be an Int32Array`);
    this.ids = ids;
    this.batchSize = checkInteger(where, 'batchSize', options?.batchSize, 1);
    this.length = checkInteger(where, 'length', options?.length, 1);
    this.streamLength = Math.floor((ids.length - 1) / this.batchSize);
    this.count = Math.floor(this.streamLength / this.length);
    if (this.count === 0) {
      throw new RangeError(
        `${where}: ${ids.length} characters cannot fill one batch of ${this.batchSize} streams x ${this.length}; ` +
          `need at least ${this.batchSize * this.length + 1}: use a longer text or a smaller batchSize or length`,
      );
    }
  }

  /** Batch `k` of a pass, `[batchSize, length]` inputs and the same shifted by one as targets. */
  batch(k: number): Batch {
    checkInteger('contiguousStreams', 'batch index', k, 0, this.count - 1);
    const { batchSize: B, length: L } = this;
    const inputs = zerosInt32([B, L]);
    const targets = zerosInt32([B, L]);
    for (let b = 0; b < B; b++) {
      const start = b * this.streamLength + k * L;
      inputs.data.set(this.ids.subarray(start, start + L), b * L);
      targets.data.set(this.ids.subarray(start + 1, start + L + 1), b * L);
    }
    const lengths = new Int32Array(B).fill(L);
    const mask = maskFromLengths(lengths, L);
    return {
      indices: Int32Array.from({ length: B }, (_, b) => b),
      inputs,
      lengths,
      mask,
      targets,
      targetLengths: lengths,
      targetMask: mask,
    };
  }
}

/** The streams of `ids` (see {@link ContiguousStreams}). */
export function contiguousStreams(ids: Int32Array, options: ContiguousStreamOptions): ContiguousStreams {
  return new ContiguousStreams(ids, options);
}
