import type { Batch } from '../batching/take-batch';
import { maskFromLengths } from '../batching/mask-from-lengths';
import type { Rng } from '../rng';
import { zerosInt32 } from '../tensor';
import { checkInteger, checkOptionNames, checkRng } from '../validate';

/** Options of {@link textWindows}. */
export interface TextWindowOptions {
  /** Characters per window. Default 100 (the source's `seq_length`). */
  readonly length?: number;
  /** Characters between the starts of consecutive windows. Default 1 (every offset, as the source). */
  readonly stride?: number;
}

/**
 * Next-character windows over an encoded text, without copying it: window `k` starts at
 * `k * stride`, its input is `ids[start, start + length)` and its target the same shifted by exactly
 * one, `ids[start + 1, start + length + 1)`. `input(k)` and `target(k)` are `subarray` views.
 */
export class TextWindows {
  /** The encoded text the windows look into. */
  readonly ids: Int32Array;
  /** Characters per window. */
  readonly length: number;
  /** Characters between window starts. */
  readonly stride: number;
  /** The number of windows: every start with `length + 1` characters from it. */
  readonly count: number;

  constructor(ids: Int32Array, options: TextWindowOptions = {}) {
    const where = 'textWindows';
    checkOptionNames(where, options, ['length', 'stride']);
    if (!(ids instanceof Int32Array)) throw new RangeError(`${where}: ids must be an Int32Array`);
    this.ids = ids;
    this.length = checkInteger(where, 'length', options.length ?? 100, 1);
    this.stride = checkInteger(where, 'stride', options.stride ?? 1, 1);
    this.count = ids.length > this.length ? Math.floor((ids.length - this.length - 1) / this.stride) + 1 : 0;
  }

  /** Where window `k` starts in {@link TextWindows.ids}. */
  start(k: number): number {
    checkInteger('textWindows', 'window index', k, 0, this.count - 1);
    return k * this.stride;
  }

  /** The input ids of window `k`: a view, not a copy. */
  input(k: number): Int32Array {
    const s = this.start(k);
    return this.ids.subarray(s, s + this.length);
  }

  /** The target ids of window `k` (the input shifted by one): a view, not a copy. */
  target(k: number): Int32Array {
    const s = this.start(k) + 1;
    return this.ids.subarray(s, s + this.length);
  }

  /** `n` window indices drawn uniformly with replacement: seeded random window sampling. */
  sample(n: number, rng: Rng): Int32Array {
    checkInteger('textWindows.sample', 'n', n, 1);
    checkRng('textWindows.sample', rng);
    this.checkNotEmpty();
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = rng.int(0, this.count - 1);
    return out;
  }

  /** Every window index once, in an order shuffled by `rng`: one epoch. */
  shuffled(rng: Rng): Int32Array {
    checkRng('textWindows.shuffled', rng);
    this.checkNotEmpty();
    return Int32Array.from(rng.shuffle(Array.from({ length: this.count }, (_, k) => k)));
  }

  /** The windows `indices` copied into one `[batch, length]` batch (inputs and shifted targets). */
  batch(indices: ArrayLike<number>): Batch {
    const idx = Int32Array.from(indices);
    if (idx.length === 0) throw new RangeError('textWindows.batch: indices must hold at least one window index');
    const L = this.length;
    const inputs = zerosInt32([idx.length, L]);
    const targets = zerosInt32([idx.length, L]);
    for (let b = 0; b < idx.length; b++) {
      inputs.data.set(this.input(idx[b]), b * L);
      targets.data.set(this.target(idx[b]), b * L);
    }
    const lengths = new Int32Array(idx.length).fill(L);
    const mask = maskFromLengths(lengths, L);
    return { indices: idx, inputs, lengths, mask, targets, targetLengths: lengths, targetMask: mask };
  }

  private checkNotEmpty(): void {
    if (this.count === 0) {
      throw new RangeError(
        `textWindows: the text has ${this.ids.length} characters, fewer than length + 1 = ${this.length + 1}; no window fits`,
      );
    }
  }
}

/** The windows of `ids` (see {@link TextWindows}). */
export function textWindows(ids: Int32Array, options: TextWindowOptions = {}): TextWindows {
  return new TextWindows(ids, options);
}
