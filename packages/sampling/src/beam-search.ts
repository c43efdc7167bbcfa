import { checkInteger } from '@rnn/datasets';
import { logProbabilitiesOf } from './distribution';
import { readPrime } from './prime';
import { assertStepModel, disposeState, isPromiseLike, type StepModel } from './step-model';

/** Options of {@link beamSearch}. */
export interface BeamSearchOptions {
  /** Text the model reads first (default `''`, which needs {@link StepModel.initialPrediction}). */
  readonly prime?: string;
  /** How many partial sequences to keep at each step: an integer >= 1 (1 is greedy decoding). */
  readonly beamWidth: number;
  /** How many tokens every returned sequence has: an integer >= 0. */
  readonly length: number;
}

/** One sequence found by {@link beamSearch}. */
export interface Beam {
  /** The generated text (without the prime). */
  readonly text: string;
  /** Its token ids. */
  readonly tokens: Int32Array;
  /** Natural-log probability of the tokens given the prime: the sum of each token's log-probability. */
  readonly logProbability: number;
}

interface Candidate {
  readonly score: number;
  readonly beam: number;
  readonly token: number;
}

/**
 * Finds likely continuations of `prime` of exactly `length` tokens by beam search: at each step every
 * kept sequence is extended by every token, and the `beamWidth` extensions with the highest total
 * log-probability survive. All beams advance together as one batch (`gatherState` reorders the rows),
 * so a step of the search is one `step` call. Ties go to the earlier beam, then the lower token id, so
 * width 1 is exactly greedy decoding.
 *
 * @returns up to `beamWidth` sequences, most probable first (fewer only when fewer are possible).
 * @throws RangeError for a bad `beamWidth` or `length`, or an empty prime on a model without
 * `initialPrediction`.
 */
export async function beamSearch<S>(model: StepModel<S>, options: BeamSearchOptions): Promise<Beam[]> {
  assertStepModel(model, 'model', 'beamSearch');
  if (options === null || typeof options !== 'object') {
    throw new RangeError('beamSearch options must be an object {prime?, beamWidth, length}');
  }
  const { beamWidth, length } = options;
  checkInteger('beamSearch', 'beamWidth', beamWidth, 1);
  checkInteger('beamSearch', 'length', length, 0);
  const prime = options.prime ?? '';
  if (typeof prime !== 'string') throw new RangeError(`prime must be a string, got ${typeof prime}`);
  if (length === 0) return [{ text: '', tokens: new Int32Array(0), logProbability: 0 }];

  const vocabSize = model.vocabSize;
  let { state, prediction } = await readPrime(model, prime, 'beamSearch');
  let sequences: number[][] = [[]];
  let scores: number[] = [0];
  try {
    for (let t = 0; t < length; t++) {
      const candidates: Candidate[] = [];
      for (let b = 0; b < sequences.length; b++) {
        bestExtensions(logProbabilitiesOf(prediction, b, vocabSize), scores[b], b, beamWidth, candidates);
      }
      candidates.sort((x, y) => y.score - x.score || x.beam - y.beam || x.token - y.token);
      const survivors = candidates.slice(0, beamWidth);
      sequences = survivors.map((c) => [...sequences[c.beam], c.token]);
      scores = survivors.map((c) => c.score);
      if (t === length - 1) break;
      const pendingState = model.gatherState(
        state,
        Int32Array.from(survivors, (c) => c.beam),
      );
      const gathered = isPromiseLike(pendingState) ? await pendingState : pendingState;
      if (gathered !== state) disposeState(model, state);
      state = gathered;
      const pending = model.step(
        state,
        Int32Array.from(survivors, (c) => c.token),
      );
      const result = isPromiseLike(pending) ? await pending : pending;
      if (result.state !== state) disposeState(model, state);
      state = result.state;
      prediction = result;
    }
  } finally {
    disposeState(model, state);
  }
  return sequences.map((tokens, i) => ({
    text: model.vocabulary.decode(tokens),
    tokens: Int32Array.from(tokens),
    logProbability: scores[i],
  }));
}

/**
 * Appends beam `beam`'s `width` best one-token extensions to `out`. No more can survive from one beam,
 * so this keeps the sort over all candidates at `beams x width` instead of `beams x vocabSize`.
 * Impossible tokens (-Infinity) are never extensions.
 */
function bestExtensions(logProbs: Float64Array, base: number, beam: number, width: number, out: Candidate[]): void {
  const bestScores: number[] = [];
  const bestTokens: number[] = [];
  for (let v = 0; v < logProbs.length; v++) {
    const score = base + logProbs[v];
    if (score === -Infinity) continue;
    if (bestScores.length === width && !(score > bestScores[width - 1])) continue;
    // Insertion after equal scores keeps the lower token id first among ties.
    let i = bestScores.length;
    while (i > 0 && score > bestScores[i - 1]) i--;
    bestScores.splice(i, 0, score);
    bestTokens.splice(i, 0, v);
    if (bestScores.length > width) {
      bestScores.pop();
      bestTokens.pop();
    }
  }
  for (let i = 0; i < bestScores.length; i++) out.push({ score: bestScores[i], beam, token: bestTokens[i] });
}
