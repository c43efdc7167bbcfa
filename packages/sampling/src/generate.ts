import { checkInteger, type Rng } from '@rnn/datasets';
import { weightsOf } from './distribution';
import { readPrime } from './prime';
import { createSampler } from './samplers/create-sampler';
import type { Sampler } from './samplers/sampler';
import { assertStepModel, disposeState, isPromiseLike, type MaybePromise, type StepModel } from './step-model';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Text the model reads before generating (default `''`, which needs {@link StepModel.initialPrediction}). */
  readonly prime?: string;
  /** How many tokens to generate at most: an integer >= 0. */
  readonly length: number;
  /** How to choose each token. Default: `createSampler()`, the model's own distribution. */
  readonly sampler?: Sampler;
  /** The random stream sampling draws from; required unless the sampler is greedy. */
  readonly rng?: Rng;
  /**
   * Stop as soon as the generated text ends with this string (or any of these strings); the stop
   * string is kept in the output. Only generated text is checked, never the prime.
   */
  readonly stopAt?: string | readonly string[];
  /**
   * Called with each generated token as it is chosen (to stream output). When it returns a promise,
   * generation waits for it: a writer whose output is backed up holds the sampling back instead of
   * queueing text in memory.
   */
  readonly onToken?: (text: string, id: number) => unknown;
  /**
   * Whether the result holds what was generated (default true). False keeps nothing, so memory
   * stays constant however long the text: a caller streaming through `onToken` gets empty
   * `generated` and `tokens`, and `text` is the prime.
   */
  readonly keep?: boolean;
}

/** What {@link generate} produced. */
export interface GenerateResult {
  /** The prime followed by the generated text. */
  readonly text: string;
  /** Only the generated text. */
  readonly generated: string;
  /** The generated token ids. */
  readonly tokens: Int32Array;
  /** Why generation ended: `length` tokens were produced, or a `stopAt` string appeared. */
  readonly stoppedBy: 'length' | 'stopAt';
}

/**
 * Primes the model with `prime`, then samples up to `length` tokens, one model step per token: the
 * state carries the history, so the prefix is never re-read. Costs exactly
 * `prime tokens + generated tokens - 1` calls to `step` (the last token needs no prediction after it),
 * and disposes every state it receives.
 *
 * @throws RangeError for a bad length, an empty prime on a model without `initialPrediction`, a
 * missing rng for a random sampler, or a bad `stopAt`.
 *
 * @example
 * const { text } = await generate(model, {
 *   prime: 'ROMEO:', length: 200, sampler: createSampler({ temperature: 0.8 }), rng: createRng(1),
 * });
 */
export async function generate<S>(model: StepModel<S>, options: GenerateOptions): Promise<GenerateResult> {
  assertStepModel(model, 'model', 'generate');
  if (options === null || typeof options !== 'object') {
    throw new RangeError('generate options must be an object {prime?, length, sampler?, rng?, stopAt?}');
  }
  const { length, onToken } = options;
  const keep = options.keep ?? true;
  checkInteger('generate', 'length', length, 0);
  const sampler = options.sampler ?? createSampler();
  if (!sampler.deterministic && (options.rng === undefined || typeof options.rng.next !== 'function')) {
    throw new RangeError('rng is required unless the sampler is greedy (create one with createRng(seed))');
  }
  const stops = checkStopAt(options.stopAt);
  const prime = options.prime ?? '';
  if (typeof prime !== 'string') throw new RangeError(`prime must be a string, got ${typeof prime}`);

  const tokens: number[] = [];
  const pieces: string[] = [];
  // Only the last few characters can complete a stop string; checking a bounded tail instead of the
  // whole text keeps long generations linear.
  const tailLength = Math.max(0, ...stops.map((s) => s.length));
  let tail = '';
  let stoppedBy: GenerateResult['stoppedBy'] = 'length';
  if (length > 0) {
    const vocabSize = model.vocabSize;
    let { state, prediction } = await readPrime(model, prime, 'generate');
    const scratch = new Float64Array(vocabSize);
    try {
      for (let produced = 0; produced < length; produced++) {
        const id = sampler.sample(weightsOf(prediction, 0, vocabSize, scratch), options.rng);
        const piece = model.vocabulary.decode([id]);
        if (keep) {
          tokens.push(id);
          pieces.push(piece);
        }
        const written = onToken?.(piece, id);
        if (isPromiseLike(written as MaybePromise<unknown>)) await written;
        if (tailLength > 0) {
          tail = (tail + piece).slice(-tailLength);
          if (stops.some((stop) => tail.endsWith(stop))) {
            stoppedBy = 'stopAt';
            break;
          }
        }
        if (produced === length - 1) break;
        const pending = model.step(state, Int32Array.of(id));
        const result = isPromiseLike(pending) ? await pending : pending;
        if (result.state !== state) disposeState(model, state);
        state = result.state;
        prediction = result;
      }
    } finally {
      disposeState(model, state);
    }
  }
  const generated = pieces.join('');
  return { text: prime + generated, generated, tokens: Int32Array.from(tokens), stoppedBy };
}

function checkStopAt(stopAt: GenerateOptions['stopAt']): readonly string[] {
  if (stopAt === undefined) return [];
  const stops = typeof stopAt === 'string' ? [stopAt] : stopAt;
  if (!Array.isArray(stops) || stops.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new RangeError(`stopAt must be a non-empty string or an array of them, got ${JSON.stringify(stopAt)}`);
  }
  return stops;
}
