import { checkInteger } from '@rnn/datasets';

/**
 * A value a model may return either directly or as a promise. A model that computes on the CPU in
 * plain TypeScript (the n-gram model) answers synchronously; a tfjs model may need `await` (reading
 * results back from a GPU or wasm backend with `data()`). Every consumer in this package accepts both
 * and only awaits when it is given a promise, so a synchronous model pays no per-step microtask.
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * How text becomes token ids and back. The model carries its own, because only the model knows the
 * ids it was trained on. `@rnn/datasets`' `Vocabulary` has this shape; so does the n-gram model's
 * alphabet.
 */
export interface TokenCodec {
  /**
   * The ids of `text`, in order. Characters the model never saw must map to an unknown id the model
   * can still take as input, or throw a `RangeError` that names them.
   */
  encode(text: string): ArrayLike<number>;
  /** The text of `ids`, in order. */
  decode(ids: ArrayLike<number>): string;
}

/**
 * One prediction per batch row: the distribution of the next token, as a row-major
 * `batch x vocabSize` array of either
 * - `logits`: unnormalised log-probabilities (softmax is applied here; `-Infinity` means impossible), or
 * - `probabilities`: non-negative weights (normalised here, so rows only need to be proportional).
 *
 * Plain typed arrays, not tensors: a tfjs model reads its logits back (`await logits.data()`) and
 * disposes the tensor before returning, so nothing here ever owns GPU memory.
 */
export type Prediction =
  | { readonly logits: Float32Array | Float64Array; readonly probabilities?: undefined }
  | { readonly probabilities: Float32Array | Float64Array; readonly logits?: undefined };

/** What {@link StepModel.step} returns: the prediction after the new tokens, and the state that holds them. */
export type StepResult<S> = Prediction & {
  /** The state after the tokens; the input state stays valid (see {@link StepModel}). */
  readonly state: S;
};

/**
 * The one contract generation needs: a language model that reads one token per batch row per step
 * and predicts the next. The RNN language model and the n-gram model both implement it, so samplers,
 * `generate`, `beamSearch` and `bitsPerChar` are written once for both.
 *
 * State ownership (this is what keeps a tfjs implementation free of tensor leaks):
 * - States are values. `step` and `gatherState` never modify or dispose their input state; they
 *   return a new one. (An RNN's `step` builds new `h`/`c` tensors anyway, so this costs nothing.)
 * - Whoever receives a state (from `initialState`, `step` or `gatherState`) owns it and releases it
 *   with `disposeState` exactly once when done; everything in this package does so. A model whose
 *   states are plain arrays can leave `disposeState` out.
 * - `step` may return the same object as its input when nothing changed; callers then dispose it once.
 *
 * Batching: every state has a batch size fixed at creation; `tokens` in `step` has one id per row,
 * and predictions are `batch x vocabSize`. Beam search runs all beams as one batch and reorders rows
 * with `gatherState` (a `tf.gather` along the batch axis for an RNN).
 *
 * @typeParam S - the model's state: e.g. `{h: tf.Tensor2D, c: tf.Tensor2D}[]` for a stacked LSTM, or
 * the last N token ids for an order-N Markov model.
 */
export interface StepModel<S = unknown> {
  /** Number of token ids: predictions have this many columns, ids are in `[0, vocabSize)`. */
  readonly vocabSize: number;
  /** The model's text <-> id mapping. */
  readonly vocabulary: TokenCodec;
  /** A fresh state for `batch` rows with nothing read yet (zeros for an RNN). */
  initialState(batch: number): MaybePromise<S>;
  /**
   * Reads `tokens[r]` into row `r` of `state` and predicts each row's next token. `tokens.length`
   * equals the state's batch size.
   */
  step(state: S, tokens: Int32Array): MaybePromise<StepResult<S>>;
  /**
   * The prediction of the first token before anything was read, for models that have one (an
   * n-gram model's empty context; an RNN trained with a start token). Without it, generation needs
   * a non-empty prime and scoring starts at the second token.
   */
  initialPrediction?(state: S): MaybePromise<Prediction>;
  /**
   * A new state whose row `i` is row `rows[i]` of `state` (rows may repeat; the batch size becomes
   * `rows.length`). Beam search uses it to follow the surviving beams.
   */
  gatherState(state: S, rows: Int32Array): MaybePromise<S>;
  /** Releases a state's resources (tensors); never called twice for one state. */
  disposeState?(state: S): void;
}

/**
 * Whether `value` is a promise (or any thenable) that must be awaited. Callers write
 * `isPromiseLike(r) ? await r : r` rather than `await r`: awaiting a plain value still costs a
 * trip through the microtask queue, about as much as a whole n-gram step.
 */
export function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Checks that `model` looks like a {@link StepModel}, so a wrong argument fails here with a message
 * instead of deep inside a loop. `where` names the function that was given it, for the message.
 */
export function assertStepModel(model: StepModel<unknown>, argument = 'model', where = 'assertStepModel'): void {
  if (model === null || typeof model !== 'object') {
    throw new RangeError(
      `${where}: ${argument} must be a StepModel object, got ${model === null ? 'null' : typeof model}`,
    );
  }
  checkInteger(where, `${argument}.vocabSize`, model.vocabSize, 1);
  for (const method of ['initialState', 'step', 'gatherState'] as const) {
    if (typeof model[method] !== 'function') {
      throw new RangeError(`${where}: ${argument}.${method} must be a function (see StepModel)`);
    }
  }
  if (
    model.vocabulary === null ||
    typeof model.vocabulary !== 'object' ||
    typeof model.vocabulary.encode !== 'function' ||
    typeof model.vocabulary.decode !== 'function'
  ) {
    throw new RangeError(`${where}: ${argument}.vocabulary must have encode(text) and decode(ids) methods`);
  }
}

/** Releases `state` if the model needs that. */
export function disposeState<S>(model: StepModel<S>, state: S): void {
  model.disposeState?.(state);
}
