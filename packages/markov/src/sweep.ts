import { checkIntegerList, checkNumberList } from '@rnn/datasets';
import * as trieModule from './context-trie';
import * as statsModule from './context-stats';
import type { MarkovModel } from './markov-model';
import { trainMarkov } from './train-markov';

// Bound once at load: dev transpilers (tsx, swc) compile each use of an imported binding into a
// getter call, which costs more than the work in these hot loops.
const { walkContext } = trieModule;
const { countAfter } = statsModule;

/** The add-k values {@link sweepOrders} tries by default, from Laplace (1) down. */
export const defaultKValues: readonly number[] = Object.freeze([
  1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001,
]);

/** Options of {@link sweepOrders}. */
export interface SweepOptions {
  /** The orders N to compare (integers >= 0). */
  readonly orders: readonly number[];
  /** The add-k values to try; the best on the validation text is reported. Default {@link defaultKValues}. */
  readonly kValues?: readonly number[];
}

/** One order's held-out bits per character under each smoothing. */
export interface SweepRow {
  /** Context length N. */
  readonly order: number;
  /** `mle` (Infinity as soon as one validation character was never seen after its context). */
  readonly mle: number;
  /** The best `add-k` over the k values tried, and that k. */
  readonly addK: { readonly k: number; readonly bitsPerChar: number };
  /** Interpolated modified Kneser-Ney, the default. */
  readonly kneserNey: number;
  /** Validation positions scored (i >= N of the validation text). */
  readonly positions: number;
}

/**
 * Trains on `train` and scores `validation` for every order and smoothing: the table of the
 * baseline any character RNN must beat. Counts are built once, at the highest order (a trie of order
 * N holds every lower-order model), and all k values are scored in one pass. Choosing k on the
 * validation text flatters add-k, which only makes it a stronger baseline for Kneser-Ney to beat.
 *
 * @throws RangeError for an empty or invalid list of orders or k values, or texts too short.
 */
export function sweepOrders(train: string, validation: string, options: SweepOptions): SweepRow[] {
  const { orders } = options;
  checkIntegerList('sweepOrders', 'orders', orders, 0);
  const kValues = options.kValues ?? defaultKValues;
  checkNumberList('sweepOrders', 'kValues', kValues, { min: 0, minExclusive: true });
  const deepest = trainMarkov(train, { order: Math.max(...orders) });
  return orders.map((order) => {
    const model = deepest.withOrder(order);
    const addK = addKBitsPerChar(model, validation, kValues);
    let best = 0;
    for (let i = 1; i < kValues.length; i++) if (addK[i] < addK[best]) best = i;
    const kneserNey = model.withSmoothing('kneser-ney').score(validation);
    return {
      order,
      mle: model.withSmoothing('mle').bitsPerChar(validation),
      addK: { k: kValues[best], bitsPerChar: addK[best] },
      kneserNey: kneserNey.bitsPerChar,
      positions: kneserNey.positions,
    };
  });
}

/**
 * Bits per character of `text` under add-k for each of `kValues` at once: the counts of each
 * position are looked up once and every k reuses them.
 */
export function addKBitsPerChar(model: MarkovModel, text: string, kValues: readonly number[]): number[] {
  const { trie, vocabulary } = model.counts;
  const ids = vocabulary.encode(text);
  const n = model.order;
  if (ids.length <= n) {
    throw new RangeError(
      `text must be longer than the order (${n}) to have positions to score, got ${ids.length} characters`,
    );
  }
  const v = model.vocabSize;
  const path = new Int32Array(n + 1);
  const bits = new Float64Array(kValues.length);
  for (let i = n; i < ids.length; i++) {
    const depth = walkContext(trie, ids, i, n, path);
    if (depth < n) {
      // Unseen context: uniform whatever k is.
      for (let j = 0; j < kValues.length; j++) bits[j] += Math.log2(v);
      continue;
    }
    const u = path[depth];
    const count = countAfter(trie, u, ids[i]);
    const total = trie.nodeTotal[u];
    for (let j = 0; j < kValues.length; j++) {
      const k = kValues[j];
      bits[j] -= Math.log2((count + k) / (total + k * v));
    }
  }
  return Array.from(bits, (b) => b / (ids.length - n));
}
