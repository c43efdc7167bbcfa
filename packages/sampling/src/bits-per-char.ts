import { checkInteger } from '@rnn/datasets';
import { logProbabilityOf } from './distribution';
import { encodeChecked } from './prime';
import { assertStepModel, disposeState, isPromiseLike, type Prediction, type StepModel } from './step-model';

/** Options of {@link scoreText} and {@link bitsPerChar}. */
export interface ScoreOptions {
  /**
   * The first position scored (an integer >= 0). Default 1: every token predicted from at least one
   * token of history, which any step model can do. 0 also scores the first token and needs
   * {@link StepModel.initialPrediction}. An order-N Markov model's own definition starts at N.
   */
  readonly from?: number;
}

/** How well a model predicts a text, per token (a character, for character models). */
export interface TextScore {
  /** Mean of -log2 P(token i | tokens before i) over the scored positions; Infinity if one was impossible. */
  readonly bitsPerChar: number;
  /** 2^bitsPerChar: the effective number of equally likely choices per token. */
  readonly perplexity: number;
  /** How many positions were scored. */
  readonly positions: number;
  /** The total -log2 probability of the scored tokens. */
  readonly totalBits: number;
}

/**
 * Scores `text` by reading it one token at a time (one `step` per token) and adding up how surprised
 * the model was by each next token, in bits.
 *
 * @throws RangeError if `from` is not an integer >= 0, if `text` has no token at or after `from`,
 * or if `from` is 0 and the model has no `initialPrediction`.
 */
export async function scoreText<S>(model: StepModel<S>, text: string, options: ScoreOptions = {}): Promise<TextScore> {
  assertStepModel(model, 'model', 'scoreText');
  if (typeof text !== 'string') throw new RangeError(`text must be a string, got ${typeof text}`);
  const from = options.from ?? 1;
  checkInteger('scoreText', 'from', from, 0);
  if (from === 0 && model.initialPrediction === undefined) {
    throw new RangeError('from = 0 needs a model with initialPrediction (it must predict the first token unprompted)');
  }
  const ids = encodeChecked(model, text);
  if (ids.length <= from) {
    throw new RangeError(`text must have more than ${from} tokens to score from position ${from}, got ${ids.length}`);
  }
  const vocabSize = model.vocabSize;
  let totalNats = 0;
  const pendingState = model.initialState(1);
  let state = isPromiseLike(pendingState) ? await pendingState : pendingState;
  try {
    if (from === 0) {
      const pendingFirst = model.initialPrediction!(state);
      const first: Prediction = isPromiseLike(pendingFirst) ? await pendingFirst : pendingFirst;
      totalNats -= logProbabilityOf(first, 0, vocabSize, ids[0]);
    }
    for (let i = 0; i + 1 < ids.length; i++) {
      const pending = model.step(state, Int32Array.of(ids[i]));
      const result = isPromiseLike(pending) ? await pending : pending;
      if (result.state !== state) disposeState(model, state);
      state = result.state;
      if (i + 1 >= from) totalNats -= logProbabilityOf(result, 0, vocabSize, ids[i + 1]);
    }
  } finally {
    disposeState(model, state);
  }
  const positions = ids.length - from;
  const totalBits = totalNats / Math.LN2;
  const bitsPerChar = totalBits / positions;
  return { bitsPerChar, perplexity: 2 ** bitsPerChar, positions, totalBits };
}

/**
 * Bits per character of `text` under `model`: the mean over positions i >= `from` (default 1) of
 * -log2 P(t[i] | t[0..i-1]). Lower is better; Infinity when the model gives some character
 * probability 0.
 *
 * @example
 * const bpc = await bitsPerChar(model, validationText);
 */
export async function bitsPerChar<S>(model: StepModel<S>, text: string, options: ScoreOptions = {}): Promise<number> {
  return (await scoreText(model, text, options)).bitsPerChar;
}
