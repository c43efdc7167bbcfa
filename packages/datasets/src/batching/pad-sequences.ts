import { zerosInt32, type Float32Tensor, type Int32Tensor } from '../tensor';
import { checkBoolean, checkInteger, checkOptionNames } from '../validate';
import { maskFromLengths } from './mask-from-lengths';

/** Options of {@link padSequences}. */
export interface PadOptions {
  /** End every sequence with the stop symbol (id 0), counted as a real step. Default false. */
  readonly appendStop?: boolean;
  /**
   * The padded width. Default: the longest sequence (plus one with `appendStop`). A sequence that
   * does not fit is an error, never truncated.
   */
  readonly steps?: number;
}

/** Sequences of ids padded into one tensor, with their lengths and mask. */
export interface PaddedSequences {
  /** `[count, steps]` ids, zero-padded after each sequence. */
  readonly ids: Int32Tensor;
  /** Real steps per sequence, the stop symbol included. */
  readonly lengths: Int32Array;
  /** `[count, steps]`: 1 on real steps, 0 on padding. */
  readonly mask: Float32Tensor;
}

/**
 * Pads variable-length id sequences with 0 into a `[count, steps]` tensor (like PyTorch's
 * `pad_sequence(batch_first=True)`), optionally ending each with the stop symbol 0 first.
 */
export function padSequences(sequences: readonly ArrayLike<number>[], options: PadOptions = {}): PaddedSequences {
  const where = 'padSequences';
  checkOptionNames(where, options, ['appendStop', 'steps']);
  if (!Array.isArray(sequences)) throw new RangeError(`${where}: sequences must be a list of id arrays`);
  const appendStop = checkBoolean(where, 'appendStop', options.appendStop ?? false);
  const extra = appendStop ? 1 : 0;
  const lengths = new Int32Array(sequences.length);
  let longest = 0;
  sequences.forEach((s, i) => {
    lengths[i] = s.length + extra;
    longest = Math.max(longest, lengths[i]);
  });
  const steps = options.steps === undefined ? longest : checkInteger(where, 'steps', options.steps, 0);
  if (longest > steps) {
    throw new RangeError(`${where}: steps must be >= the longest sequence (${longest}), got ${steps}`);
  }
  const ids = zerosInt32([sequences.length, steps]);
  sequences.forEach((s, i) => {
    for (let t = 0; t < s.length; t++) {
      ids.data[i * steps + t] = checkInteger(where, `sequences[${i}][${t}]`, s[t], 0);
    }
  });
  return { ids, lengths, mask: maskFromLengths(lengths, steps) };
}
