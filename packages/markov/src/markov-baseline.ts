import { checkIntegerList, type CorpusSplit } from '@rnn/datasets';
import { trainMarkov } from './train-markov';

/** The orders a baseline tries unless told otherwise: past 10 Kneser-Ney stops improving on a corpus of a megabyte. */
export const baselineOrders: readonly number[] = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

/** One order's score on the validation text. */
export interface MarkovOrderScore {
  readonly order: number;
  readonly validationBitsPerChar: number;
}

/** The baseline a character RNN must beat on a corpus split. */
export interface MarkovBaseline {
  /** The order with the lowest validation bits per character. */
  readonly order: number;
  readonly validationBitsPerChar: number;
  /** That order's bits per character on the test text (chosen on validation, so the test stays unseen). */
  readonly testBitsPerChar: number;
  /** Every order tried. */
  readonly orders: readonly MarkovOrderScore[];
  /** The smoothing used: interpolated modified Kneser-Ney. */
  readonly smoothing: 'kneser-ney';
}

/**
 * The strongest Markov baseline of a corpus split: Kneser-Ney models of every order in `orders`,
 * trained on `split.train`, the order chosen by its validation bits per character and then scored
 * once on the test text. Counts are built once at the highest order (lower orders reuse them).
 *
 * @example
 * const baseline = markovBaseline(splitCorpus(text), [1, 2, 3, 4, 5, 6, 7, 8]);
 */
export function markovBaseline(split: CorpusSplit<string>, orders: readonly number[]): MarkovBaseline {
  checkIntegerList('markovBaseline', 'orders', orders, 0);
  for (const part of ['train', 'validation', 'test'] as const) {
    if (typeof split?.[part] !== 'string' || split[part].length <= Math.max(...orders)) {
      throw new RangeError(
        `markovBaseline: the ${part} text must be longer than the highest order ${Math.max(...orders)}; use a longer corpus`,
      );
    }
  }
  const deepest = trainMarkov(split.train, { order: Math.max(...orders), smoothing: { kind: 'kneser-ney' } });
  const scores = orders.map((order) => ({
    order,
    validationBitsPerChar: deepest.withOrder(order).bitsPerChar(split.validation),
  }));
  const best = scores.reduce((a, b) => (b.validationBitsPerChar < a.validationBitsPerChar ? b : a));
  return {
    order: best.order,
    validationBitsPerChar: best.validationBitsPerChar,
    testBitsPerChar: deepest.withOrder(best.order).bitsPerChar(split.test),
    orders: scores,
    smoothing: 'kneser-ney',
  };
}
