import { checkNumber, checkOptionNames, show } from '../validate';

/** The fraction of a text held out for validation unless told otherwise: the last 10%. */
export const defaultValidationFraction = 0.1;

/** Options of {@link splitTrainValidation}. */
export interface SplitOptions {
  /** The fraction of the text, at its end, held out for validation: in [0, 1). Default 0.1. */
  readonly validationFraction?: number;
}

/** A text cut in two contiguous parts. */
export interface TrainValidationSplit<T> {
  /** Everything before the cut. */
  readonly train: T;
  /** The last `floor(count * validationFraction)` characters (or ids). */
  readonly validation: T;
}

/**
 * Where the contiguous split falls in a sequence of `count` characters: the validation part is the
 * last `floor(count * validationFraction)` of them. Every split in the toolkit (the `text` task,
 * the Markov baseline) goes through this, so they all score the very same held-out text.
 */
export function trainLength(count: number, validationFraction = defaultValidationFraction): number {
  checkNumber('splitTrainValidation', 'validationFraction', validationFraction, { min: 0, max: 1, maxExclusive: true });
  return count - Math.floor(count * validationFraction);
}

/**
 * Splits a text into a training part and the held-out validation part at its end (contiguous, not
 * shuffled: windows of one part never overlap the other). Counts characters as code points, so the
 * cut is the same as {@link splitIdsTrainValidation} on the text's ids.
 *
 * @example
 * const { train, validation } = splitTrainValidation(corpus, { validationFraction: 0.1 });
 */
export function splitTrainValidation(text: string, options: SplitOptions = {}): TrainValidationSplit<string> {
  checkOptionNames('splitTrainValidation', options, ['validationFraction']);
  if (typeof text !== 'string') throw new RangeError(`splitTrainValidation: text must be a string, got ${show(text)}`);
  const count = codePointCount(text);
  let cut = trainLength(count, options.validationFraction);
  if (text.length !== count) {
    // Astral characters take two UTF-16 units: walk to the cut-th code point.
    let unit = 0;
    for (; cut > 0; cut--) unit += (text.codePointAt(unit) as number) > 0xffff ? 2 : 1;
    cut = unit;
  }
  return { train: text.slice(0, cut), validation: text.slice(cut) };
}

/** {@link splitTrainValidation} on encoded ids; both parts are views of `ids`, not copies. */
export function splitIdsTrainValidation(ids: Int32Array, options: SplitOptions = {}): TrainValidationSplit<Int32Array> {
  checkOptionNames('splitIdsTrainValidation', options, ['validationFraction']);
  if (!(ids instanceof Int32Array)) throw new RangeError('splitIdsTrainValidation: ids must be an Int32Array');
  const cut = trainLength(ids.length, options.validationFraction);
  return { train: ids.subarray(0, cut), validation: ids.subarray(cut) };
}

function codePointCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
