import { checkInteger, Vocabulary } from '@rnn/datasets';
import { buildContextTrie, maxVocabSize } from './context-trie';
import { MarkovCounts, MarkovModel } from './markov-model';
import { defaultSmoothing, toSmoothing, type Smoothing, type SmoothingName } from './smoothing/smoothing';

/** Options of {@link trainMarkov}. */
export interface MarkovOptions {
  /** N, the number of characters of context: an integer >= 0 (0 is a unigram model). */
  readonly order: number;
  /** How counts become probabilities. Default `kneser-ney`. */
  readonly smoothing?: Smoothing | SmoothingName;
  /** k of `add-k` when `smoothing` is given by name. Default 1. */
  readonly k?: number;
}

/**
 * Trains an order-N character model on `text`: counts, over every position i >= N of the text, the
 * pair (the N characters before i, the character at i), and the same for every shorter context
 * (which back-off and short primes use). The alphabet A is the text's distinct characters; every
 * other character maps to one unknown symbol.
 *
 * Fast and lean by construction (see `ContextTrie`): order 10 over tinyshakespeare's 1.1 M
 * characters builds in a fraction of a second into about 50 MB of typed arrays.
 *
 * @throws RangeError for an order that is not an integer >= 0, a text not longer than the order,
 * a bad smoothing, or an alphabet of more than 65534 characters.
 *
 * @example
 * const model = trainMarkov(loadCorpus('tinyshakespeare'), { order: 7 });
 * model.bitsPerChar('To be, or not to be');
 */
export function trainMarkov(text: string, options: MarkovOptions): MarkovModel {
  if (options === null || typeof options !== 'object') {
    throw new RangeError('trainMarkov options must be an object {order, smoothing?, k?}');
  }
  const { order } = options;
  checkInteger('trainMarkov', 'order', order, 0);
  const smoothing = toSmoothing(options.smoothing ?? defaultSmoothing, options.k);
  if (typeof text !== 'string') throw new RangeError(`text must be a string, got ${typeof text}`);
  if (text.length === 0) throw new RangeError(`text must be longer than the order (${order}), got an empty text`);
  const vocabulary = Vocabulary.fromText(text, { reserved: '<unknown>' });
  if (vocabulary.size > maxVocabSize) {
    throw new RangeError(`text must have at most ${maxVocabSize - 1} distinct characters, got ${vocabulary.size - 1}`);
  }
  const ids = vocabulary.encode(text);
  if (ids.length <= order) {
    throw new RangeError(
      `text must be longer than the order (${order}) to have positions to count, got ${ids.length} characters`,
    );
  }
  const trie = buildContextTrie(ids, vocabulary.size, order);
  return new MarkovModel(new MarkovCounts(text, vocabulary, trie), order, smoothing);
}
