import { checkInteger, type Vocabulary } from '@rnn/datasets';
import type { StepModel, TextScore, TokenCodec } from '@rnn/sampling';
import * as trieModule from './context-trie';
import type { ContextTrie } from './context-trie';
import { addKEstimator } from './smoothing/add-k';
import type { Estimator } from './smoothing/estimator';
import { kneserNeyEstimator, kneserNeyTables, type KneserNeyTables } from './smoothing/kneser-ney';
import { mleEstimator } from './smoothing/mle';
import { describeSmoothing, toSmoothing, type Smoothing, type SmoothingName } from './smoothing/smoothing';
import { ViewPool } from './view-pool';

// Bound once at load: dev transpilers (tsx, swc) compile each use of an imported binding into a
// getter call, which costs more than the work in these hot loops.
const { walkContext } = trieModule;

/** What a generated unknown symbol (a character outside the training alphabet) prints as. */
export const unknownCharacter = '\uFFFD';

/**
 * The state of a {@link MarkovModel} as a {@link StepModel}: the last `order` symbols of each row.
 * A plain value: copying it is the whole cost of a step's bookkeeping, and nothing needs disposing.
 */
export interface MarkovState {
  /** Number of rows. */
  readonly batch: number;
  /** Row r's last `order` symbol ids at `[r * order, (r + 1) * order)`, most recent last. */
  readonly history: Int32Array;
  /** How many of each row's symbols are real; the rest (at the front) are before the start. */
  readonly filled: Int32Array;
}

/** A {@link MarkovModel}'s text <-> id mapping: the sampling contract's codec, with typed-array ids. */
export interface MarkovVocabulary extends TokenCodec {
  /** The ids of `text`: the training alphabet has ids 1..|A| in code point order, anything else 0. */
  encode(text: string): Int32Array;
  /** The text of `ids`; the unknown id 0 prints as {@link unknownCharacter}. */
  decode(ids: ArrayLike<number>): string;
}

/** The training data behind one or more models: shared by every smoothing and lower order of it. */
export class MarkovCounts {
  private readonly kneserNeyByOrder = new Map<number, KneserNeyTables>();

  /**
   * @param text - the training text (kept to save the model).
   * @param vocabulary - the training text's alphabet; id 0 is the unknown symbol.
   * @param trie - every context of the text up to the trained order, with counts.
   */
  constructor(
    readonly text: string,
    readonly vocabulary: Vocabulary,
    readonly trie: ContextTrie,
  ) {}

  /** Kneser-Ney's discounts and per-node sums for a model of `order`, computed once. */
  kneserNey(order: number): KneserNeyTables {
    let tables = this.kneserNeyByOrder.get(order);
    if (tables === undefined) {
      tables = kneserNeyTables(this.trie, order);
      this.kneserNeyByOrder.set(order, tables);
    }
    return tables;
  }
}

/** Sizes of a trained model, for reports and benchmarks. */
export interface MarkovModelInfo {
  /** Context length N. */
  readonly order: number;
  /** The smoothing, as a label (`kneser-ney`, `add-k (k=0.1)`, `mle`). */
  readonly smoothing: string;
  /** |A|: distinct characters of the training text. */
  readonly alphabetSize: number;
  /** Characters (code points) of the training text. */
  readonly trainingLength: number;
  /** Trie nodes stored (contexts seen twice or more, plus one leaf per context seen once). */
  readonly storedContexts: number;
  /** (context, next character) count entries stored. */
  readonly storedCounts: number;
  /** Bytes of the typed arrays holding the counts. */
  readonly bytes: number;
}

/**
 * An order-N character Markov model (an n-gram model with n = N + 1): the probability of the next
 * character given the N before it, estimated from counts with a {@link Smoothing}. Create one with
 * `trainMarkov` or `deserializeMarkov`.
 *
 * It implements `@rnn/sampling`'s {@link StepModel} (synchronously), so `generate`, `beamSearch`
 * and `scoreText` work on it exactly as on an RNN. A history shorter than N uses the shorter
 * context; a context never seen in training backs off to its longest seen suffix (see each
 * smoothing), so priming with any text works.
 */
export class MarkovModel implements StepModel<MarkovState> {
  /** Context length N. */
  readonly order: number;
  /** How counts become probabilities. */
  readonly smoothing: Smoothing;
  /** |A| + 1: the training alphabet plus the unknown symbol (id 0). */
  readonly vocabSize: number;
  /** Text <-> ids: the training alphabet gets ids 1..|A| in code point order; anything else is 0. */
  readonly vocabulary: MarkovVocabulary;
  private readonly estimator: Estimator;
  private readonly path: Int32Array;
  /** Where step states and predictions are carved from (see {@link ViewPool}). */
  private readonly pool = new ViewPool();

  /** Use `trainMarkov`; this shares `counts` with other views of the same training. */
  constructor(
    readonly counts: MarkovCounts,
    order: number,
    smoothing: Smoothing,
  ) {
    // At most the order it was trained to: deeper contexts were never counted.
    this.order = checkInteger('MarkovModel', 'order', order, 0, counts.trie.order);
    this.smoothing = toSmoothing(smoothing);
    const vocab = counts.vocabulary;
    this.vocabSize = vocab.size;
    this.vocabulary = {
      encode: (text: string) => vocab.encode(text),
      decode: (ids: ArrayLike<number>) => {
        if (ids.length === 1) return ids[0] === 0 ? unknownCharacter : vocab.symbolOf(ids[0]);
        let out = '';
        for (let i = 0; i < ids.length; i++) out += ids[i] === 0 ? unknownCharacter : vocab.symbolOf(ids[i]);
        return out;
      },
    };
    const trie = counts.trie;
    this.estimator =
      this.smoothing.kind === 'mle'
        ? mleEstimator(trie)
        : this.smoothing.kind === 'add-k'
          ? addKEstimator(trie, order, this.smoothing.k)
          : kneserNeyEstimator(trie, counts.kneserNey(order));
    this.path = new Int32Array(order + 1);
  }

  /** The training characters in id order (id i is `alphabet[i - 1]`). */
  get alphabet(): readonly string[] {
    return this.counts.vocabulary.symbols;
  }

  /** The same counts with another smoothing (nothing is recounted). */
  withSmoothing(smoothing: Smoothing | SmoothingName, k?: number): MarkovModel {
    return new MarkovModel(this.counts, this.order, toSmoothing(smoothing, k));
  }

  /** The same counts as a model of a lower order (at most the trained one; nothing is recounted). */
  withOrder(order: number): MarkovModel {
    return new MarkovModel(this.counts, order, this.smoothing);
  }

  /**
   * P(next | context): the probability that the character `next` follows `context` (only its last N
   * characters matter).
   */
  probability(next: string, context = ''): number {
    const ids = this.encodeChecked(next, 'next');
    if (ids.length !== 1) throw new RangeError(`next must be one character, got ${JSON.stringify(next)}`);
    const history = this.encodeChecked(context, 'context');
    const available = Math.min(history.length, this.order);
    const depth = walkContext(this.counts.trie, history, history.length, available, this.path);
    return this.estimator.probability(this.path, depth, available, ids[0]);
  }

  /** The distribution of the character after `context`, indexed by id (index 0 is the unknown symbol). */
  distribution(context = ''): Float64Array {
    const history = this.encodeChecked(context, 'context');
    const available = Math.min(history.length, this.order);
    const depth = walkContext(this.counts.trie, history, history.length, available, this.path);
    const out = new Float64Array(this.vocabSize);
    this.estimator.distribution(this.path, depth, available, out, 0);
    return out;
  }

  /**
   * Scores `text` in bits per character: the mean over positions i >= N of
   * -log2 P(t[i] | t[i-N..i-1]). Infinity (not an error) when some character had probability 0,
   * which `mle` gives to anything unseen after its context.
   *
   * @throws RangeError if the text has no position i >= N (it must be longer than the order).
   */
  score(text: string): TextScore {
    const ids = this.encodeChecked(text, 'text');
    const n = this.order;
    if (ids.length <= n) {
      throw new RangeError(
        `text must be longer than the order (${n}) to have positions to score, got ${ids.length} characters`,
      );
    }
    const { trie } = this.counts;
    const path = this.path;
    let totalBits = 0;
    for (let i = n; i < ids.length; i++) {
      const depth = walkContext(trie, ids, i, n, path);
      const p = this.estimator.probability(path, depth, n, ids[i]);
      if (p === 0) {
        totalBits = Infinity;
        break;
      }
      totalBits -= Math.log2(p);
    }
    const positions = ids.length - n;
    const bitsPerChar = totalBits / positions;
    return { bitsPerChar, perplexity: 2 ** bitsPerChar, positions, totalBits };
  }

  /** {@link MarkovModel.score}'s bits per character. */
  bitsPerChar(text: string): number {
    return this.score(text).bitsPerChar;
  }

  /** Sizes of the model. */
  info(): MarkovModelInfo {
    const t = this.counts.trie;
    return {
      order: this.order,
      smoothing: describeSmoothing(this.smoothing),
      alphabetSize: this.vocabSize - 1,
      trainingLength: t.symbols.length,
      storedContexts: t.nodeCount,
      storedCounts: t.followerCount,
      bytes: t.nodes.byteLength + t.nodeTotal.byteLength + t.followers.byteLength + t.symbols.byteLength,
    };
  }

  /** A state for `batch` rows with no history. */
  initialState(batch: number): MarkovState {
    checkInteger('MarkovModel.initialState', 'batch', batch, 1);
    return { batch, history: this.pool.int32(batch * this.order), filled: this.pool.int32(batch) };
  }

  /** Appends `tokens[r]` to row r's history and predicts each row's next character. */
  step(state: MarkovState, tokens: Int32Array): { readonly probabilities: Float64Array; readonly state: MarkovState } {
    if (tokens.length !== state.batch) {
      throw new RangeError(`tokens must have one id per row (${state.batch}), got ${tokens.length}`);
    }
    const n = this.order;
    const history = this.pool.int32(state.history.length);
    const filled = this.pool.int32(state.batch);
    for (let r = 0; r < state.batch; r++) {
      const token = checkInteger('MarkovModel.step', `tokens[${r}]`, tokens[r], 0, this.vocabSize - 1);
      const from = r * n;
      for (let i = 0; i + 1 < n; i++) history[from + i] = state.history[from + i + 1];
      if (n > 0) history[from + n - 1] = token;
      filled[r] = Math.min(n, state.filled[r] + 1);
    }
    const next = { batch: state.batch, history, filled };
    return { probabilities: this.predict(next), state: next };
  }

  /** The prediction of each row before anything is read: the empty context's distribution. */
  initialPrediction(state: MarkovState): { readonly probabilities: Float64Array } {
    return { probabilities: this.predict(state) };
  }

  /** A state made of rows `rows` of `state`. */
  gatherState(state: MarkovState, rows: Int32Array): MarkovState {
    const n = this.order;
    const history = this.pool.int32(rows.length * n);
    const filled = this.pool.int32(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = checkInteger('MarkovModel.gatherState', `rows[${i}]`, rows[i], 0, state.batch - 1);
      for (let j = 0; j < n; j++) history[i * n + j] = state.history[r * n + j];
      filled[i] = state.filled[r];
    }
    return { batch: rows.length, history, filled };
  }

  private predict(state: MarkovState): Float64Array {
    const n = this.order;
    const out = this.pool.float64(state.batch * this.vocabSize);
    for (let r = 0; r < state.batch; r++) {
      const available = state.filled[r];
      const depth = walkContext(this.counts.trie, state.history, (r + 1) * n, available, this.path);
      this.estimator.distribution(this.path, depth, available, out, r * this.vocabSize);
    }
    return out;
  }

  private encodeChecked(text: string, name: string): Int32Array {
    if (typeof text !== 'string') throw new RangeError(`${name} must be a string, got ${typeof text}`);
    return this.counts.vocabulary.encode(text);
  }
}
