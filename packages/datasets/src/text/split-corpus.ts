import { checkNumber, checkOptionNames, show } from '../validate';

/** The share of a corpus held out for validation unless told otherwise: 5%, after the training part. */
export const defaultCorpusValidationFraction = 0.05;
/** The share of a corpus held out for the final test unless told otherwise: its last 5%. */
export const defaultCorpusTestFraction = 0.05;

/** Options of {@link splitCorpus}. */
export interface CorpusSplitOptions {
  /** The share held out for validation (model and order selection), in [0, 1). Default 0.05. */
  readonly validationFraction?: number;
  /** The share at the very end held out for the final test, in [0, 1). Default 0.05. */
  readonly testFraction?: number;
}

/** A corpus cut into three contiguous parts, in text order. */
export interface CorpusSplit<T> {
  /** Everything before the held-out parts. */
  readonly train: T;
  /** The `floor(count * validationFraction)` characters after the training part. */
  readonly validation: T;
  /** The last `floor(count * testFraction)` characters. */
  readonly test: T;
}

/** The names of the three parts, in text order. */
export const corpusParts = ['train', 'validation', 'test'] as const;
/** One part of a {@link CorpusSplit}. */
export type CorpusPart = (typeof corpusParts)[number];

/**
 * Where the cuts fall in a corpus of `count` characters: `[trainEnd, validationEnd]`. The RNN language
 * models and the Markov baseline both cut through this, so they train, select and test on the very
 * same characters.
 */
export function corpusCuts(count: number, options: CorpusSplitOptions = {}): [number, number] {
  const where = 'splitCorpus';
  checkOptionNames(where, options, ['validationFraction', 'testFraction']);
  const range = { min: 0, max: 1, maxExclusive: true };
  const v = checkNumber(
    where,
    'validationFraction',
    options.validationFraction ?? defaultCorpusValidationFraction,
    range,
  );
  const t = checkNumber(where, 'testFraction', options.testFraction ?? defaultCorpusTestFraction, range);
  if (v + t >= 1) {
    throw new RangeError(
      `${where}: validationFraction + testFraction must be < 1 to leave a training part, got ${v + t}`,
    );
  }
  const test = Math.floor(count * t);
  const validation = Math.floor(count * v);
  return [count - test - validation, count - test];
}

/**
 * Cuts a corpus into training, validation and test parts, contiguous and in that order (windows of
 * one part never overlap another). The cut depends only on the text and the fractions, so every run
 * of every model on a corpus sees the same three parts. Counts characters as code points: the cut is
 * the same as {@link splitCorpusIds} on the text's ids.
 *
 * @example
 * const { train, validation, test } = splitCorpus(loadCorpus('tinyshakespeare'));
 */
export function splitCorpus(text: string, options: CorpusSplitOptions = {}): CorpusSplit<string> {
  if (typeof text !== 'string') throw new RangeError(`splitCorpus: text must be a string, got ${show(text)}`);
  const points = Array.from(text);
  const [a, b] = corpusCuts(points.length, options);
  if (points.length === text.length)
    return { train: text.slice(0, a), validation: text.slice(a, b), test: text.slice(b) };
  return {
    train: points.slice(0, a).join(''),
    validation: points.slice(a, b).join(''),
    test: points.slice(b).join(''),
  };
}

/** {@link splitCorpus} on encoded ids; the parts are views of `ids`, not copies. */
export function splitCorpusIds(ids: Int32Array, options: CorpusSplitOptions = {}): CorpusSplit<Int32Array> {
  if (!(ids instanceof Int32Array)) throw new RangeError('splitCorpusIds: ids must be an Int32Array');
  const [a, b] = corpusCuts(ids.length, options);
  return { train: ids.subarray(0, a), validation: ids.subarray(a, b), test: ids.subarray(b) };
}
